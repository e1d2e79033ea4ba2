import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { runStudy } from '../../experiment/study.js';
import { reportFiles } from '../../report/reportFiles.js';
import { summaryTable } from '../../report/summaryTable.js';
import { deltaTable } from '../../report/deltaTable.js';
import { jsonText } from '../../report/json.js';
import { writeStudyResults } from '../../report/writeResults.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { progressReporter } from '../progress.js';
import { printWarnings } from '../warnings.js';

interface CompareArgs {
  scenario: string;
  policies?: string;
  replications?: number;
  workers?: number;
  seed?: number;
  precision?: number;
  maxReplications?: number;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <scenario>',
  describe: 'Compare policies side by side on common random numbers: table, paired differences, report with charts',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('policies', { type: 'string', describe: 'comma-separated policy names, baseline first (default: all, in file order)' })
      .option('replications', { type: 'number', describe: 'replications per policy (default: the scenario\'s)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: available cores)' })
      .option('seed', { type: 'number', describe: 'override the scenario seed' })
      .option('precision', { type: 'number', describe: 'add replications until the 95% half-width of SLA compliance, contact rate, SAL acceptance and MQL->SQL is at most this (e.g. 0.01)' })
      .option('max-replications', { type: 'number', describe: 'cap for --precision (default 200)' })
      .option('out', { type: 'string', describe: 'results folder (default results/<scenario>-<UTC timestamp>)' })
      .option('json', { type: 'boolean', describe: 'print summary.json to stdout instead of the tables' })
      .option('quiet', { type: 'boolean', describe: 'no progress bar' }),
  handler: async (args) => {
    if (args.precision !== undefined && !(args.precision > 0 && args.precision < 1)) throw new UsageError(`--precision must be a fraction between 0 and 1, e.g. 0.01 (got ${args.precision})`);
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    const progress = progressReporter(args.quiet);
    const study = await runStudy(loaded, {
      ...(args.policies === undefined ? {} : { policies: args.policies.split(',').map((name) => name.trim()).filter(Boolean) }),
      ...(args.replications === undefined ? {} : { replications: args.replications }),
      ...(args.workers === undefined ? {} : { workers: args.workers }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.precision === undefined ? {} : { precision: args.precision }),
      ...(args.maxReplications === undefined ? {} : { maxReplications: args.maxReplications }),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
    progress.stop();
    const dir = await writeStudyResults(study, {
      ...(args.out === undefined ? {} : { out: args.out }),
      command: process.argv.slice(2),
      extra: async (staged) => {
        for (const file of await reportFiles(study)) staged.write(file.name, file.contents);
      },
    });
    if (args.json) {
      process.stdout.write(jsonText(study.summary));
    } else {
      process.stdout.write(`${summaryTable(study.summary)}\n`);
      if (study.summary.deltas.length > 0) process.stdout.write(`\n${deltaTable(study.summary)}\n`);
      process.stdout.write(`\nReport: ${dir}/report.html\n`);
    }
    for (const failure of study.failures) process.stderr.write(`replication ${failure.replication} of policy "${failure.policy}" failed: ${failure.error}\n`);
    if (args.json) process.stderr.write(`Report: ${dir}/report.html\n`);
  },
};
