import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** Renders renders one at a time: vega numbers clip paths and gradients with a module-wide counter. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Compiles a vega-lite spec and renders it to an SVG string headlessly (no browser, no canvas).
 * The same spec always gives the same bytes: def ids restart at 1 for every render and renders are serialised.
 */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  const run = queue.then(() => renderNow(spec));
  queue = run.catch(() => undefined);
  return run;
}

export interface CompiledSpec {
  vega: vega.Spec;
  /** vega-lite's warnings (conflicting scales, dropped encodings); a clean chart has none. */
  warnings: string[];
}

/** Compiles vega-lite to vega, collecting warnings instead of printing them. */
export function compileSpec(spec: TopLevelSpec): CompiledSpec {
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (method, _level, args) => {
    if (method !== 'log') warnings.push(args.map(String).join(' '));
  });
  return { vega: vl.compile(spec, { logger }).spec, warnings };
}

async function renderNow(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compileSpec(spec).vega), { renderer: 'none', logLevel: vega.Error });
  try {
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Prefixes every id in an SVG (and the url(#id) / href="#id" references to it) so several SVGs can be
 * inlined in one HTML page without one chart's clip path capturing another's.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) ids.add(match[1]!);
  if (ids.size === 0) return svg;
  const scoped = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, open: string, id: string, close: string) => `${open}${scoped(id)}${close}`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${scoped(id)})`)
    .replace(/(href=")#([^"]+)(")/g, (_, open: string, id: string, close: string) => `${open}#${scoped(id)}${close}`);
}
