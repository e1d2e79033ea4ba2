import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { checkNewFile, writeNewFile } from '../../report/atomicFiles.js';
import { UsageError } from '../../errors.js';
import { calibrate } from '../../experiment/calibrate.js';
import { calibrationTable, sourceFitTable } from '../../experiment/calibrate/table.js';
import type { Calibration } from '../../experiment/calibrate.js';
import { reportLeftOut } from '../../leads/replay/leftOut.js';
import { EXPORT_EXIT_CODES, exportOptions, readExportWithNotes } from '../exportFlags.js';
import { percent, plural } from '../../report/format.js';
import { jsonText } from '../../report/json.js';
import { shellWord } from '../../shellWord.js';
import { exitOnInterrupt } from '../interrupt.js';

/** How the summary line describes where the times of day came from. */
const TIMES_OF_DAY: Record<Calibration['period']['timesOfDay'], string> = {
  'from export': 'from the export',
  spread: 'spread over the mapping\u2019s hours (dates only)',
  'all midnight': 'all 00:00 in the export: dates only? see the warning above',
};

interface CalibrateArgs {
  leads: string;
  map: string;
  out?: string;
  replications?: number;
  json?: boolean;
  strict?: boolean;
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate',
  describe: 'Fit a scenario (arrivals, source mix, conversion by source) to a CRM export',
  builder: (yargs) =>
    yargs
      .option('leads', { type: 'string', demandOption: true, describe: 'CSV export of leads' })
      .option('map', { type: 'string', demandOption: true, describe: 'mapping file (mappings/*.yaml)' })
      .option('out', { type: 'string', describe: 'write the scenario here (never overwrites); default: print it' })
      .option('replications', { type: 'number', describe: 'replications per tuning step of the funnel and the per-source quality shifts (default 5; 0 skips tuning)' })
      .option('json', { type: 'boolean', describe: 'print the fitted figures and the scenario as one JSON object' })
      .option('strict', exportOptions.strict)
      .epilogue(EXPORT_EXIT_CODES),
  handler: async (args) => {
    if (args.out !== undefined) checkNewFile(args.out, 'calibrate');
    if (args.replications !== undefined && !(Number.isInteger(args.replications) && args.replications >= 0 && args.replications <= 100)) {
      throw new UsageError(`--replications must be a whole number from 0 to 100 (got ${args.replications})`);
    }
    const disposeInterrupt = exitOnInterrupt(args.out);
    const data = readExportWithNotes(args.leads, args.map, 'the calibrated hour-of-week shape');
    reportLeftOut(args.leads, data.problems, data.unusableRows, data.totalRows, args.strict);
    const scenarioFile = resolve(args.out ?? 'calibrated.yaml');
    const result = await calibrate(data, { scenarioFile, ...(args.replications === undefined ? {} : { replications: args.replications }) });
    if (args.out !== undefined) writeNewFile(args.out, result.scenarioText, 'calibrate');
    disposeInterrupt();
    if (args.json) {
      process.stdout.write(jsonText(result.calibration));
      return;
    }
    const c = result.calibration;
    const lines = [
      `Calibrated from ${args.leads}: ${c.rows.used} of ${c.rows.total} rows, ${c.period.start} to ${c.period.end} (${c.period.weeks.toFixed(1)} weeks, ${c.period.timeZone}, times of day ${TIMES_OF_DAY[c.period.timesOfDay]})`,
      '',
      calibrationTable(c),
      '',
      c.funnel === null
        ? 'Funnel not tuned (no outcome mapped, a rate of 0 or 100%, or --replications 0).'
        : `Funnel tuned: ${c.funnel.steps.join('/')} shifted ${c.funnel.shift.toFixed(3)} log-odds; simulated ${c.funnel.measure === 'mqls' ? 'MQL' : 'leads'} -> ${c.positiveStage} ${percent(c.funnel.simulated.rate, 2)} vs export ${percent(c.funnel.target, 2)} (${plural(c.funnel.replications, 'replication')}, ${plural(c.funnel.evaluations, 'step')})${c.funnel.reached ? '' : ' — target NOT reached'}`,
      ...sourceFitLines(c),
      `Team: ${plural(c.team.sdr, 'SDR')} (${c.team.from.sdr === 'owners' ? 'distinct owners' : 'sized from volume'}), ${plural(c.team.ae, 'AE')} (${c.team.from.ae === 'owners' ? 'distinct owners' : 'sized from volume'}); edit to match your team`,
      args.out === undefined ? '' : `Scenario written to ${args.out}; check it with: handoff validate ${shellWord(args.out)}`,
    ];
    if (args.out === undefined) {
      // The scenario is the output; the summary goes to stderr so `> scenario.yaml` captures only YAML.
      process.stderr.write(`${lines.join('\n')}\n`);
      process.stdout.write(result.scenarioText);
    } else process.stdout.write(`${lines.join('\n')}\n`);
  },
};

/** The per-source fit for the terminal: how it was fitted, the table, and what was pooled or left out. */
function sourceFitLines(c: Calibration): string[] {
  const fit = c.sourceFit;
  if (fit === null) return c.funnel === null ? [] : [`Per-source conversion not fitted: the engine counts only SQL and won per source, not ${c.positiveStage}.`];
  return [
    `Per-source qualityShift fitted to each source's MQL -> ${c.positiveStage} (${plural(fit.replications, 'replication')}, ${plural(fit.evaluations, 'step')}${fit.reached ? ', every source within tolerance' : '; "(off)": not within tolerance'}; tolerance: a quarter of the export's standard error, or one simulated count if coarser):`,
    '',
    sourceFitTable(c),
    ...(fit.groups.some((group) => group.pooled) ? [`(sources with fewer than ${fit.minMqls} MQLs share one pooled shift: their own rates are too noisy to fit)`] : []),
    ...fit.unfitted.map(({ name, reason }) => `${name}: not fitted (${reason})`),
    `All sources at the fitted shifts: simulated MQL -> ${c.positiveStage} ${percent(fit.overall.rate, 2)}; the export's per-source rates at the simulated source mix give ${percent(fit.expectedAtSimulatedMix, 2)} (export overall ${percent(c.overall?.mqlToPositive.rate, 2)})`,
    '',
  ];
}
