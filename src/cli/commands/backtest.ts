import type { CommandModule } from 'yargs';
import { backtest, type Backtest } from '../../experiment/backtest.js';
import { backtestChart } from '../../experiment/backtest/chart.js';
import { reportLeftOut } from '../../leads/replay/leftOut.js';
import { EXPORT_EXIT_CODES, exportOptions, readExportWithNotes } from '../exportFlags.js';
import { checkResultsFolder, StagedDirectory, writeResultsFolder, type ReportFile } from '../../report/atomicFiles.js';
import { csvText } from '../../report/csv.js';
import { percent, plural } from '../../report/format.js';
import { jsonText } from '../../report/json.js';
import { renderSvg } from '../../report/renderSvg.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { printWarnings } from '../warnings.js';

interface BacktestArgs {
  leads: string;
  map: string;
  scenario: string;
  policy?: string;
  json?: boolean;
  out?: string;
  strict?: boolean;
}

const rate = (value: number | null) => (value === null ? '-' : percent(value));
const times = (value: number | null) => (value === null ? '-' : `${value.toFixed(2)}x`);

/** Threshold table and lift deciles as aligned text. */
export function backtestText(result: Backtest): string {
  const header = ['threshold', 'passed', 'share', `${result.positiveStage} passed`, 'conv. passed', 'conv. filtered', 'precision', 'recall', 'lift'];
  const row = (label: string, r: Backtest['asConfigured']) => [label, String(r.passed), rate(r.passedShare), String(r.positivesPassed), rate(r.conversionPassed), rate(r.conversionFiltered), rate(r.conversionPassed), rate(r.recall), times(r.lift)];
  const rows = [
    ...result.thresholds.map((r) => row(`${r.threshold}${r.threshold === result.configuredThreshold ? ' *' : ''}`, r)),
    row(`"${result.policy}" as configured`, result.asConfigured),
  ];
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const lift = result.lift.map((point) => `  top ${percent(point.targetedShare, 0).padStart(4)}: ${percent(point.gain).padStart(6)} of ${result.positiveStage} leads, lift ${times(point.lift)}`);
  return [
    `Backtest of policy "${result.policy}" (${result.scenario}) on ${plural(result.leads, 'historical lead')} from ${result.file}`,
    `${result.positives.toLocaleString('en-US')} reached ${result.positiveStage}: base rate ${percent(result.baseRate)}. Scores p10/p50/p90: ${result.scoreQuantiles.p10.toFixed(1)} / ${result.scoreQuantiles.p50.toFixed(1)} / ${result.scoreQuantiles.p90.toFixed(1)}.`,
    ...result.assumed.map((text) => `Assumed: ${text}`),
    '',
    `Each threshold ${result.thresholdsBy === 'rule' ? 're-applies the policy\u2019s MQL rule (hand-raise overrides included)' : 'cuts the combined score'}; * = the policy\u2019s own threshold.`,
    format(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(format),
    '',
    'Ranking leads by score (cumulative gain and lift; ties share their gain evenly):',
    ...lift,
    '',
  ].join('\n');
}

export const backtestCommand: CommandModule<object, BacktestArgs> = {
  command: 'backtest',
  describe: 'Score historical leads with a policy and compare with their real outcomes',
  builder: (yargs) =>
    yargs
      .option('leads', { type: 'string', demandOption: true, describe: 'CSV export of leads with outcomes' })
      .option('map', { type: 'string', demandOption: true, describe: 'mapping file (mappings/*.yaml) with an outcome' })
      .option('scenario', { type: 'string', demandOption: true, describe: 'scenario whose policy scores the leads' })
      .option('policy', { type: 'string', describe: 'policy name (default: the scenario\u2019s first)' })
      .option('json', { type: 'boolean', describe: 'print one JSON object instead of the tables' })
      .option('out', { type: 'string', describe: 'write backtest.json, thresholds.csv, lift.csv and backtest.svg to this new directory' })
      .option('strict', exportOptions.strict)
      .epilogue(EXPORT_EXIT_CODES),
  handler: async (args) => {
    // Before reading the export: a taken --out used to fail after the rows left out were listed as if it ran.
    if (args.out !== undefined) checkResultsFolder(args.out);
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    const data = readExportWithNotes(args.leads, args.map, null);
    reportLeftOut(args.leads, data.problems, data.unusableRows, data.totalRows, args.strict);
    const policy = args.policy ?? Object.keys(loaded.scenario.policies)[0]!;
    const { backtest: result, liftSteps } = await backtest(data, loaded, policy);
    if (args.out !== undefined) {
      const files = async (): Promise<ReportFile[]> => [
        { name: 'backtest.json', contents: jsonText(result) },
        { name: 'thresholds.csv', contents: csvText(['threshold', 'passed', 'passed_share', 'positives_passed', 'conversion_passed', 'conversion_filtered', 'recall', 'lift'], [...result.thresholds, { ...result.asConfigured, threshold: 'as configured' }].map((r) => [r.threshold, r.passed, r.passedShare, r.positivesPassed, r.conversionPassed, r.conversionFiltered, r.recall, r.lift])) },
        { name: 'lift.csv', contents: csvText(['targeted_share', 'gain', 'lift'], result.lift.map((point) => [point.targetedShare, point.gain, point.lift])) },
        { name: 'backtest.svg', contents: await renderSvg(backtestChart(result, liftSteps)) },
      ];
      process.stderr.write(`backtest written to ${await writeResultsFolder(new StagedDirectory(args.out), files)}\n`);
    }
    process.stdout.write(args.json ? jsonText(result) : backtestText(result));
  },
};
