import type { Study } from '../experiment/simulate.js';
import type { ReportFile } from './atomicFiles.js';
import { REPORT_CHARTS } from './charts/index.js';
import type { VegaLiteSpec } from './charts/common.js';
import { reportHtml, type ChartSvg } from './html.js';
import { jsonText } from './json.js';
import { renderSvg } from './renderSvg.js';

export type { ReportFile };

/**
 * Every report file for a finished study: per chart the vega-lite spec (charts/<name>.vl.json) and its SVG
 * (charts/<name>.svg), then report.html. Byte-identical for the same study: no timestamps, no randomness.
 */
export async function reportFiles(study: Study): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  const svgs: ChartSvg[] = [];
  for (const chart of REPORT_CHARTS) {
    const spec = chart.spec(study);
    const svg = await renderSvg(spec);
    files.push(...chartFiles(chart.name, spec, svg));
    svgs.push({ name: chart.name, title: chart.title, svg, caption: chart.caption(study) });
  }
  files.push({ name: 'report.html', contents: reportHtml(study, svgs) });
  return files;
}

/** One chart as its two files: the vega-lite spec (charts/<name>.vl.json) and its SVG (charts/<name>.svg). */
export function chartFiles(name: string, spec: VegaLiteSpec, svg: string): ReportFile[] {
  return [
    { name: `charts/${name}.vl.json`, contents: jsonText(spec) },
    { name: `charts/${name}.svg`, contents: `${svg}\n` },
  ];
}
