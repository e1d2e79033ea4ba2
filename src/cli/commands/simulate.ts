import type { CommandModule } from 'yargs';
import { runStudy } from '../../experiment/study.js';
import { progressReporter } from '../progress.js';
import { summaryTable } from '../../report/summaryTable.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { simulateJson } from '../../report/json.js';
import { writeStudyResults } from '../../report/writeResults.js';
import { printWarnings } from '../warnings.js';

interface SimulateArgs {
  scenario: string;
  policy?: string;
  seed?: number;
  replications?: number;
  json?: boolean;
  out?: string;
  workers?: number;
  quiet?: boolean;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate <scenario>',
  describe: 'Run replications of one policy (or all) and print the metrics with 95% intervals',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('policy', { type: 'string', describe: 'policy name (default: every policy in the scenario)' })
      .option('seed', { type: 'number', describe: 'override the scenario seed' })
      .option('replications', { type: 'number', describe: 'override the number of replications' })
      .option('json', { type: 'boolean', describe: 'print one JSON object instead of the table' })
      .option('out', { type: 'string', describe: 'also write summary.json, CSVs and a manifest to this new directory' })
      .option('workers', { type: 'number', describe: 'worker threads (default: available cores)' })
      .option('quiet', { type: 'boolean', describe: 'no progress bar' }),
  handler: async (args) => {
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    const progress = progressReporter(args.quiet);
    const study = await runStudy(loaded, {
      ...(args.policy === undefined ? {} : { policies: [args.policy] }),
      ...(args.replications === undefined ? {} : { replications: args.replications }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.workers === undefined ? {} : { workers: args.workers }),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
    progress.stop();
    for (const failure of study.failures) process.stderr.write(`replication ${failure.replication} of policy "${failure.policy}" failed: ${failure.error}\n`);
    if (args.out !== undefined) {
      const dir = await writeStudyResults(study, { out: args.out, command: process.argv.slice(2) });
      process.stderr.write(`results written to ${dir}\n`);
    }
    if (args.json) process.stdout.write(`${JSON.stringify(simulateJson(study.summary), null, 2)}\n`);
    else process.stdout.write(`${summaryTable(study.summary)}\n`);
  },
};
