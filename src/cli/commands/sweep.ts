import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { planSweep, runSweep } from '../../experiment/sweep.js';
import { toolVersion } from '../version.js';
import { defaultResultsDir, StagedDirectory } from '../../report/atomicFiles.js';
import { jsonText } from '../../report/json.js';
import { sweepCsv } from '../../report/sweepCsv.js';
import { sweepReportFiles } from '../../report/sweepReport.js';
import { sweepTable } from '../../report/sweepTable.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { numericFields } from '../../scenario/paths.js';
import { progressReporter } from '../progress.js';
import { printWarnings } from '../warnings.js';

interface SweepArgs {
  scenario: string;
  param?: string[];
  policy?: string;
  maximize?: string;
  minimize?: string;
  require?: string[];
  replications?: number;
  workers?: number;
  seed?: number;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  listParams?: boolean;
}

const MAX_WARNINGS = 8;

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'Vary one or two numeric scenario fields over a range (common random numbers): table, charts with CI bands, best point',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('param', { type: 'string', array: true, describe: 'field=from..to:step or field=v1,v2,... (once for a line, twice for a grid), e.g. policies.current.scoring.threshold=55..85:5' })
      .option('policy', { type: 'string', describe: 'policy to run and measure (default: the one the --param path names, else the first)' })
      .option('maximize', { type: 'string', describe: 'metric whose best point to mark: pipeline, won, mqlToSql, slaCompliance, salAcceptance, ... (any metric name)' })
      .option('minimize', { type: 'string', describe: 'metric to minimize instead, e.g. speedToLeadMinutes.mean' })
      .option('require', { type: 'string', array: true, describe: 'constraint on the means for the best point, e.g. "slaCompliance>=0.85" (operators >=, <=, >, <; repeatable)' })
      .option('replications', { type: 'number', describe: 'replications per point (default: the scenario\'s)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: available cores)' })
      .option('seed', { type: 'number', describe: 'override the scenario seed' })
      .option('out', { type: 'string', describe: 'results folder (default results/<scenario>-sweep-<UTC timestamp>)' })
      .option('json', { type: 'boolean', describe: 'print sweep.json to stdout instead of the table' })
      .option('quiet', { type: 'boolean', describe: 'no progress bar' })
      .option('list-params', { type: 'boolean', describe: 'list every numeric field path of the scenario with its value, and exit' }),
  handler: async (args) => {
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    if (args.listParams) {
      const lines = numericFields(loaded.scenario).map((field) => `${field.path}  ${field.value === null ? '(unset)' : field.value}${field.integer ? '  (whole numbers)' : ''}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }
    if (args.param === undefined || args.param.length === 0) throw new UsageError('name the field to vary with --param, e.g. --param policies.current.scoring.threshold=55..85:5 (--list-params shows every numeric field)');
    const plan = planSweep(loaded, {
      params: args.param,
      ...(args.policy === undefined ? {} : { policy: args.policy }),
      ...(args.maximize === undefined ? {} : { maximize: args.maximize }),
      ...(args.minimize === undefined ? {} : { minimize: args.minimize }),
      ...(args.require === undefined ? {} : { require: args.require }),
      ...(args.replications === undefined ? {} : { replications: args.replications }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
    });
    for (const { values, warning } of plan.warnings.slice(0, MAX_WARNINGS)) process.stderr.write(`warning at ${values}: ${warning.path}: ${warning.message}\n`);
    if (plan.warnings.length > MAX_WARNINGS) process.stderr.write(`...and ${plan.warnings.length - MAX_WARNINGS} more warnings at other points\n`);
    const progress = progressReporter(args.quiet, 'sweep');
    const sweep = await runSweep(plan, {
      ...(args.workers === undefined ? {} : { workers: args.workers }),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
    progress.stop();
    const dir = new StagedDirectory(args.out ?? defaultResultsDir(`${sweep.scenario}-sweep`));
    let written: string;
    try {
      dir.write('sweep.json', jsonText(sweep));
      dir.write('sweep.csv', sweepCsv(sweep));
      for (const file of await sweepReportFiles(sweep, loaded.scenario.description)) dir.write(file.name, file.contents);
      dir.write('manifest.json', jsonText({ tool: 'handoff-sim', version: toolVersion(), node: process.version, scenarioFile: loaded.file, command: ['handoff', ...process.argv.slice(2)], writtenAt: new Date().toISOString() }));
      written = dir.commit();
    } catch (error) {
      dir.abandon();
      throw error;
    }
    if (args.json) process.stdout.write(jsonText(sweep));
    else process.stdout.write(`${sweepTable(sweep)}\n\nReport: ${written}/report.html\n`);
    for (const failure of sweep.failures) process.stderr.write(`replication ${failure.replication} of point ${failure.point} failed: ${failure.error}\n`);
    if (args.json) process.stderr.write(`Report: ${written}/report.html\n`);
  },
};
