import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Advance widths of ASCII 32-126 in Helvetica / Arial / Liberation Sans (metric-compatible), in 1/1000 em.
 * Vega without a canvas guesses 0.8 em per character, which truncates labels and spreads legends; these
 * metrics match the fonts the charts name, so layout is right in the browser and still needs no canvas.
 */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const OTHER_WIDTHS: Record<string, number> = { '\u2013': 556, '\u2014': 1000, '\u2019': 222, '\u201c': 333, '\u201d': 333, '\u2026': 1000, '\u00d7': 584, '\u2192': 838, '\u2212': 584, '\u00b1': 584 };
/** Bold runs about 7% wider; 3% spare for fonts that are close to, not exactly, Helvetica's metrics. */
const BOLD = 1.07;
const SPARE = 1.03;

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

export function textWidth(item: TextItem, text: string): number {
  const size = item.fontSize ?? 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' ? weight >= 600 : Number(weight) >= 600);
  let units = 0;
  for (const char of String(text)) {
    const code = char.charCodeAt(0);
    units += code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32]! : (OTHER_WIDTHS[char] ?? 600);
  }
  return (units / 1000) * size * (bold ? BOLD : 1) * SPARE;
}

/** vega-scenegraph's text measurement hook (untyped in vega's typings): a user width function is supported. */
interface TextMetrics {
  width: (item: TextItem, text: string) => number;
}
(vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = textWidth;

/** Renders one at a time: vega numbers clip paths and gradients with a module-wide counter. */
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
