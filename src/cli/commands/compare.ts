import type { CommandModule } from 'yargs';
import { deltaTable } from '../../report/deltaTable.js';
import { jsonText } from '../../report/json.js';
import { summaryTable } from '../../report/summaryTable.js';
import { runStudyCommand, studyExitCode } from '../studyCommand.js';
import { studyOptions, type StudyArgs } from '../studyFlags.js';

interface CompareArgs extends StudyArgs {
  policies?: string;
  json?: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <scenario>',
  describe: 'Compare policies side by side on common random numbers: table, paired differences, report with charts',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('policies', { type: 'string', describe: 'comma-separated policy names, baseline first (default: all, in file order)' })
      .options(studyOptions)
      .option('precision', { type: 'number', describe: 'add replications until the 95% half-width of SLA compliance, contact rate, SAL acceptance and MQL->SQL is at most this (e.g. 0.01)' })
      .option('max-replications', { type: 'number', describe: 'cap for --precision (default 200)' })
      .option('out', { type: 'string', describe: 'results folder (default results/<scenario>-<UTC timestamp>)' })
      .option('json', { type: 'boolean', describe: 'print summary.json to stdout instead of the tables' }),
  handler: async (args) => {
    const policies = args.policies?.split(',').map((name) => name.trim()).filter(Boolean);
    const { run, dir } = await runStudyCommand('compare', args, policies, { always: true, charts: true });
    if (args.json) {
      process.stdout.write(jsonText(run.summary));
      if (dir !== undefined) process.stderr.write(`Report: ${dir}/report.html\n`);
    } else {
      process.stdout.write(`${summaryTable(run.summary)}\n`);
      if (run.summary.deltas.length > 0) process.stdout.write(`\n${deltaTable(run.summary)}\n`);
      if (dir !== undefined) process.stdout.write(`\nReport: ${dir}/report.html\n`);
    }
    process.exitCode = studyExitCode(run);
  },
};
