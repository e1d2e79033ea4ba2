import type { CommandModule } from 'yargs';
import { replayFrame } from '../../leads/replay/frame.js';
import { reportLeftOut } from '../../leads/replay/leftOut.js';
import { EXPORT_EXIT_CODES, exportOptions, readExportWithNotes } from '../exportFlags.js';
import { runReplay } from '../../leads/replay/replayStudy.js';
import { describeSources } from '../../leads/replay/describe.js';
import { jsonText, simulateJson } from '../../report/json.js';
import { summaryTable } from '../../report/summaryTable.js';
import { writeStudyResults } from '../../report/writeResults.js';
import { checkResultsFolder } from '../../report/atomicFiles.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { progressOptions, progressReporter, type ProgressArgs } from '../progress.js';
import { printWarnings } from '../warnings.js';
import { interruptSignal } from '../interrupt.js';
import { studyExitCode } from '../studyCommand.js';
import { plural } from '../../report/format.js';
import type { StudyRun } from '../../experiment/study.js';

interface ReplayArgs extends ProgressArgs {
  scenario: string;
  leads: string;
  map: string;
  policy?: string;
  replications?: number;
  seed?: number;
  warmupWeeks?: number;
  json?: boolean;
  out?: string;
  strict?: boolean;
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay <scenario>',
  describe: 'Drive the simulation with the arrival times and attributes of a real CRM export',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file: team, policies and prospect model (its sources must cover the export\u2019s)' })
      .option('leads', { type: 'string', demandOption: true, describe: 'CSV export of leads' })
      .option('map', { type: 'string', demandOption: true, describe: 'mapping file (mappings/*.yaml) from export columns to lead fields' })
      .option('policy', { type: 'string', describe: 'policy name (default: every policy in the scenario)' })
      .option('replications', { type: 'number', describe: 'replications (each redraws hidden lead quality and the engine\u2019s chance; default: the scenario\u2019s)' })
      .option('seed', { type: 'number', describe: 'override the scenario seed' })
      .option('warmup-weeks', { type: 'number', describe: 'leave the first weeks of the export out of the statistics (default 0)' })
      .option('json', { type: 'boolean', describe: 'print one JSON object instead of the table' })
      .option('out', { type: 'string', describe: 'also write summary.json, CSVs, replay.json and a manifest to this new directory' })
      .option('strict', exportOptions.strict)
      .options(progressOptions)
      .epilogue(EXPORT_EXIT_CODES),
  handler: async (args) => {
    // Before reading and replaying the export: a taken --out used to fail only after the whole run.
    if (args.out !== undefined) checkResultsFolder(args.out);
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    const data = readExportWithNotes(args.leads, args.map, 'speed to lead and SLA figures');
    const frame = replayFrame(loaded, data, args.warmupWeeks === undefined ? {} : { warmupWeeks: args.warmupWeeks });
    reportLeftOut(args.leads, frame.problems, frame.unusableRows, data.totalRows, args.strict);
    const progress = progressReporter(args);
    let simulatedLeads = 0;
    // Ctrl-C used to end the process at once, silently and with nothing written; as in compare, what finished is kept.
    const interrupt = interruptSignal();
    try {
      const study = await runReplay(frame, {
        ...(args.policy === undefined ? {} : { policies: [args.policy] }),
        ...(args.replications === undefined ? {} : { replications: args.replications }),
        ...(args.seed === undefined ? {} : { seed: args.seed }),
        onResult: (result, done, total) => {
          simulatedLeads += result?.simulatedLeads ?? 0;
          progress.onProgress?.({ done, total, simulatedLeads });
        },
        signal: interrupt.signal,
      });
      progress.stop();
      await report(study);
    } finally {
      interrupt.dispose();
    }

    /** Writes --out and prints the table of what ran: every replication, or those finished before a signal. */
    async function report(study: StudyRun): Promise<void> {
      const scenario = frame.loaded.scenario;
      const replay = {
        leadsFile: args.leads,
        mappingFile: args.map,
        rows: { total: data.totalRows, used: frame.leads.length, leftOut: frame.unusableRows },
        problems: frame.problems,
        start: scenario.start,
        lastArrivalDate: frame.end,
        horizonWeeks: scenario.horizonWeeks,
        warmupWeeks: scenario.warmupWeeks,
        timeZone: scenario.timeZone,
        sources: describeSources(data.mapping),
      };
      let dir: string | undefined;
      if (args.out !== undefined) {
        const policies = study.summary.policies.map((policy) => policy.name);
        dir = await writeStudyResults(study, {
          out: args.out,
          command: process.argv.slice(2),
          options: { policies, replications: study.planned },
          extra: () => [{ name: 'replay.json', contents: jsonText(replay) }],
        });
        process.stderr.write(`results written to ${dir}\n`);
      }
      // Exit 3, as compare: the policies that ran are reported, the failed replications are listed.
      for (const failure of study.failures) process.stderr.write(`replication ${failure.replication} of policy "${failure.policy}" failed: ${failure.error}\n`);
      if (study.failures.length > 0) process.exitCode = 3;
      // Partial, as in compare: --out's manifest says complete: false (replay has no --resume to finish it).
      if (!study.complete) {
        process.stderr.write(`interrupted: ${study.summary.replications} of ${plural(study.planned, 'replication')} per policy finished${dir === undefined ? '' : `; partial results in ${dir} (manifest says complete: false)`}\n`);
        process.exitCode = studyExitCode(study);
      }
      if (args.json) {
        process.stdout.write(jsonText({ replay, ...simulateJson(study.summary) }));
        return;
      }
      const weeks = scenario.horizonWeeks.toFixed(1);
      process.stdout.write(
        [
          `Replayed ${frame.leads.length.toLocaleString('en-US')} of ${data.totalRows.toLocaleString('en-US')} leads from ${args.leads} (${frame.start} to ${frame.end}, ${weeks} weeks, ${scenario.timeZone})`,
          `From the export: ${replay.sources.fromExport.join(', ')}. From the scenario: ${replay.sources.fromScenario.length === 0 ? 'nothing' : replay.sources.fromScenario.join(', ')}; hidden quality drawn given form and signals.`,
          '',
          summaryTable(study.summary),
          '',
        ].join('\n'),
      );
    }
  },
};
