import type { CommandModule } from 'yargs';
import { jsonText, simulateJson } from '../../report/json.js';
import { summaryTable } from '../../report/summaryTable.js';
import { runStudyCommand, studyExitCode } from '../studyCommand.js';
import { studyOptions, type StudyArgs } from '../studyFlags.js';

interface SimulateArgs extends StudyArgs {
  policy?: string;
  json?: boolean;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate <scenario>',
  describe: 'Run replications of one policy (or all) and print the metrics with 95% intervals',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('policy', { type: 'string', describe: 'policy name (default: every policy in the scenario)' })
      .options(studyOptions)
      .option('json', { type: 'boolean', describe: 'print one JSON object instead of the table' })
      .option('out', { type: 'string', describe: 'also write summary.json, CSVs and a manifest to this new folder' }),
  handler: async (args) => {
    const { run, dir } = await runStudyCommand('simulate', args, args.policy === undefined ? undefined : [args.policy], { always: false, charts: false });
    if (dir !== undefined) process.stderr.write(`results written to ${dir}\n`);
    if (args.json) process.stdout.write(jsonText(simulateJson(run.summary)));
    else process.stdout.write(`${summaryTable(run.summary)}\n`);
    process.exitCode = studyExitCode(run);
  },
};
