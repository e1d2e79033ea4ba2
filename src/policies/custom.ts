import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { moduleErrorAt } from './moduleErrorAt.js';

export type PolicyKind = 'scoring' | 'routing' | 'sla' | 'cadence';

/** Functions each kind must have: the plugin interface, checked by shape at load (as piscina checks TaskQueue). */
export const REQUIRED_METHODS: Record<PolicyKind, string[]> = {
  scoring: ['score'],
  routing: ['tierOf'],
  sla: ['deadline'],
  cadence: ['nextTouchAt'],
};

export interface CustomPolicyContext {
  scenarioFile: string;
  policyName: string;
  kind: PolicyKind;
  modulePath: string;
}

/**
 * Loads a custom policy module. It may export `default` (or `policy`) as an object with the kind's methods,
 * or as a factory `(options, config) => object`. Anything else is a clear InputError naming the module.
 */
export async function loadCustomPolicy<T>(context: CustomPolicyContext, options: unknown, config: unknown): Promise<T> {
  const { scenarioFile, policyName, kind, modulePath } = context;
  const path = `policies.${policyName}.${kind}.module`;
  const absolute = resolve(dirname(scenarioFile), modulePath);
  const fail = (message: string, fix: string): never => {
    throw new InputError(scenarioFile, [{ path, message: `${modulePath}: ${message}`, fix }]);
  };
  if (!existsSync(absolute)) fail('module not found', `the path is relative to the scenario file; looked at ${absolute}`);
  let loaded: Record<string, unknown>;
  try {
    loaded = (absolute.endsWith('.ts') ? await importTypeScript(absolute) : await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const { message, at } = moduleErrorAt(error, absolute);
    return fail(`failed to load: ${message}${at === null ? '' : ` (${at})`}`, 'fix the error in the module (it must be an ES module)');
  }
  let candidate = loaded.default ?? loaded.policy ?? loaded[kind];
  if (typeof candidate === 'function' && !REQUIRED_METHODS[kind].every((method) => typeof (candidate as unknown as Record<string, unknown>)[method] === 'function')) {
    try {
      candidate = (candidate as (options: unknown, config: unknown) => unknown)(options ?? {}, config);
    } catch (error) {
      return fail(`factory threw: ${(error as Error).message}`, 'fix the factory or its options');
    }
  }
  if (typeof candidate !== 'object' || candidate === null) {
    return fail(`exports no ${kind} policy (expected a default export: an object or a factory returning one)`, `export default { name: "...", ${REQUIRED_METHODS[kind].join('(...), ')}(...) { ... } }`);
  }
  const missing = REQUIRED_METHODS[kind].filter((method) => typeof (candidate as Record<string, unknown>)[method] !== 'function');
  if (missing.length > 0) {
    return fail(`the ${kind} policy is missing ${missing.map((m) => `${m}()`).join(', ')}`, `a ${kind} policy must have: ${REQUIRED_METHODS[kind].join(', ')}`);
  }
  const policy = candidate as Record<string, unknown>;
  if (typeof policy.name !== 'string') policy.name = modulePath;
  return policy as T;
}

async function importTypeScript(absolute: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  const loaded = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as { default?: { __esModule?: boolean } };
  // Outside a "type": "module" package a .ts file is compiled as CommonJS: its exports arrive wrapped in `default`.
  return loaded.default?.__esModule === true ? loaded.default : loaded;
}
