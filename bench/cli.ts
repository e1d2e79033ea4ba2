import { checkDefaultRoot, checkNewFile } from '../src/report/atomicFiles.js';
import { jsonText } from '../src/report/json.js';
import { runBench } from './suite.js';
import { benchTable } from './table.js';
import { writeBenchJson } from './writeReport.js';
import type { BenchReport } from './report.js';

export interface BenchCliOptions {
  quick: boolean;
  json: boolean;
  out?: string;
}

/** Shared by `npm run bench` and `handoff bench`: run, write the JSON file, print the table (or the JSON). */
export async function benchMain(options: BenchCliOptions): Promise<BenchReport> {
  // Refuse a taken --out before minutes of measuring, not after (writeBenchJson checks again, atomically).
  if (options.out !== undefined) checkNewFile(options.out, 'bench');
  else checkDefaultRoot();
  const report = await runBench({ quick: options.quick, log: (line) => process.stderr.write(`${line}\n`) });
  const json = jsonText(report);
  const path = writeBenchJson(json, options.out);
  if (options.json) {
    process.stdout.write(json);
    process.stderr.write(`Wrote ${path}\n`);
  } else {
    process.stdout.write(`${benchTable(report)}\n\nWrote ${path}\n`);
  }
  return report;
}
