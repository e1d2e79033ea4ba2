import type { Problem } from '../errors.js';

type Raw = Record<string, unknown>;
const isPlainObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Objects merge key by key; arrays and scalars in the child replace the parent's; null removes the key. */
export function deepMerge(parent: unknown, child: unknown): unknown {
  if (!isPlainObject(parent) || !isPlainObject(child)) return child === undefined ? parent : child;
  // A distribution of another kind replaces the parent's outright (its parameters do not carry over).
  if (typeof child.dist === 'string' && child.dist !== parent.dist) return child;
  const merged: Raw = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    if (value === null) delete merged[key];
    else merged[key] = deepMerge(parent[key], value);
  }
  return merged;
}

/** Resolves `extends` between named policies before validation, so a challenger states only what it changes. */
export function resolvePolicyExtends(policies: unknown): { policies: unknown; problems: Problem[] } {
  if (!isPlainObject(policies)) return { policies, problems: [] };
  const problems: Problem[] = [];
  const resolved: Raw = {};
  const resolve = (name: string, chain: string[]): unknown => {
    if (Object.hasOwn(resolved, name)) return resolved[name];
    const own = policies[name];
    if (!isPlainObject(own) || typeof own.extends !== 'string') return (resolved[name] = own);
    const parentName = own.extends;
    if (!Object.hasOwn(policies, parentName)) {
      problems.push({
        path: `policies.${name}.extends`,
        message: `extends "${parentName}", which is not a policy in this scenario`,
        fix: `use one of: ${Object.keys(policies).filter((n) => n !== name).join(', ') || '(no other policies)'}`,
      });
      return (resolved[name] = own);
    }
    if (chain.includes(parentName)) {
      problems.push({ path: `policies.${name}.extends`, message: `extends forms a cycle: ${[...chain, parentName].join(' -> ')}`, fix: 'remove one extends' });
      return (resolved[name] = own);
    }
    const parent = resolve(parentName, [...chain, parentName]);
    const { extends: _drop, ...rest } = own;
    // Neither the parent's own parent nor its description carries over: a description says what that policy is,
    // and the parent's would mislabel the child in the report.
    const inherited = isPlainObject(parent) ? withoutKeys(parent, 'extends', 'description') : parent;
    return (resolved[name] = { ...(deepMerge(inherited, rest) as Raw), extends: parentName });
  };
  for (const name of Object.keys(policies)) resolve(name, [name]);
  return { policies: resolved, problems };
}

/** A copy of `raw` without the given keys. */
export function withoutKeys(raw: Raw, ...keys: string[]): Raw {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !keys.includes(key)));
}
