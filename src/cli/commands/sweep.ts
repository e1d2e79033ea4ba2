import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { z } from 'zod';
import { InputError, UsageError } from '../../errors.js';
import { planSweep, runSweep, type SweepJson, type SweepRequest } from '../../experiment/sweep.js';
import { describeValues } from '../../experiment/sweep/best.js';
import { ReplicationResult } from '../../metrics/result.js';
import { interruptSignal } from '../interrupt.js';
import { refuseChangedFlags } from '../resumeFlags.js';
import { toolVersion } from '../version.js';
import { checkResultsTarget, stagedResults, takeOverStaging, writeResultsFolder, type ReportFile, type StagedDirectory } from '../../report/atomicFiles.js';
import { plural } from '../../report/format.js';
import { jsonText } from '../../report/json.js';
import { differentScenario, readResumableJsonl, readResumeManifest } from '../../report/resumeFolder.js';
import { sweepCsv } from '../../report/sweepCsv.js';
import { sweepReportFiles } from '../../report/sweepReport.js';
import { sweepTable } from '../../report/sweepTable.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { numericFields } from '../../scenario/paths.js';
import { progressOptions, progressReporter, type ProgressArgs } from '../progress.js';
import { checkSeconds, studyOptions } from '../studyFlags.js';
import { printKilledRuns, printWarnings } from '../warnings.js';
import { shellWord } from '../../shellWord.js';

interface SweepArgs extends ProgressArgs {
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
  listParams?: boolean;
  resume?: string;
  jobTimeout?: number;
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
      .options(progressOptions)
      .option('list-params', { type: 'boolean', describe: 'list every numeric field path of the scenario with its value, and exit' })
      .option('resume', { type: 'string', describe: 'finish an interrupted sweep in this results folder (the flags come from its manifest)' })
      .option('job-timeout', studyOptions['job-timeout']),
  handler: async (args) => {
    checkSeconds([['--job-timeout', args.jobTimeout]]);
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    if (args.listParams) {
      const lines = numericFields(loaded.scenario).map((field) => `${field.path}  ${field.value === null ? '(unset)' : field.value}${field.integer ? '  (whole numbers)' : ''}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }
    const saved = args.resume === undefined ? undefined : readSavedSweep(args.resume);
    if (saved !== undefined && args.out !== undefined) throw new UsageError('--resume writes into the folder being resumed; drop --out');
    if (saved === undefined) checkResultsTarget(args.out);
    const request: SweepRequest = saved?.manifest.request ?? {
      params: args.param ?? [],
      ...(args.policy === undefined ? {} : { policy: args.policy }),
      ...(args.maximize === undefined ? {} : { maximize: args.maximize }),
      ...(args.minimize === undefined ? {} : { minimize: args.minimize }),
      ...(args.require === undefined ? {} : { require: args.require }),
      ...(args.replications === undefined ? {} : { replications: args.replications }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
    };
    if (request.params.length === 0) throw new UsageError('--param is needed: name the field to vary, e.g. --param policies.current.scoring.threshold=55..85:5 (--list-params shows every numeric field)');
    const plan = planSweep(loaded, request);
    if (saved !== undefined) {
      // Each compared with what the sweep used, defaults included (the scenario's seed and replications, its policy).
      const was = saved.manifest.request;
      refuseChangedFlags(saved.dir, [
        ['--param', args.param, was.params],
        ['--policy', args.policy, plan.policy],
        ['--maximize', args.maximize, was.maximize],
        ['--minimize', args.minimize, was.minimize],
        ['--require', args.require, was.require],
        ['--replications', args.replications, plan.replications],
        ['--seed', args.seed, plan.loaded.scenario.seed],
      ]);
    }
    if (saved !== undefined && saved.manifest.scenarioHash !== plan.loaded.hash) {
      throw differentScenario(saved.dir, { file: saved.manifest.scenarioFile, hash: saved.manifest.scenarioHash }, plan.loaded, 'sweep');
    }
    if (saved !== undefined && saved.manifest.complete && saved.results.length === plan.points.length * plan.replications) {
      throw new UsageError(`${saved.dir} holds a finished sweep (complete: true, every replication of every point); there is nothing to resume`);
    }
    for (const { values, warning } of plan.warnings.slice(0, MAX_WARNINGS)) process.stderr.write(`warning at ${values}: ${warning.path}: ${warning.message}\n`);
    if (plan.warnings.length > MAX_WARNINGS) process.stderr.write(`...and ${plural(plan.warnings.length - MAX_WARNINGS, 'more warning')} at other points\n`);
    const manifest = (complete: boolean): string =>
      jsonText({
        tool: 'handoff-sim',
        version: toolVersion(),
        node: process.version,
        scenarioFile: loaded.file,
        scenarioHash: plan.loaded.hash,
        request,
        complete,
        command: ['handoff', ...process.argv.slice(2)],
        writtenAt: new Date().toISOString(),
      });
    const staged = stagingFor(saved);
    const progress = progressReporter(args, 'sweep');
    const interrupt = interruptSignal();
    const finished: { point: number; result: ReplicationResult }[] = [...(saved?.results ?? [])];
    let sweep: SweepJson;
    try {
      sweep = await runSweep(plan, {
        ...(args.workers === undefined ? {} : { workers: args.workers }),
        ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
        signal: interrupt.signal,
        ...(saved === undefined ? {} : { done: saved.results }),
        ...(args.jobTimeout === undefined ? {} : { jobTimeoutMs: args.jobTimeout * 1000 }),
        onResult: (point, result) => {
          finished.push({ point, result });
          staged?.append('replications.jsonl', `${JSON.stringify({ point, result })}\n`);
        },
      });
    } catch (error) {
      interrupt.dispose();
      staged?.abandon();
      throw error;
    } finally {
      progress.stop();
    }
    // The handler stays until the results are written: a signal after the last replication must not kill the writing.
    try {
      await writeSweep();
    } finally {
      interrupt.dispose();
    }

    /**
     * A new sweep's folder is opened up front with its manifest staged (complete: false), and finished replications
     * stream into it, so even a sweep killed outright can be resumed; a killed sweep's staging folder is taken over.
     */
    function stagingFor(saved: SavedSweep | undefined): StagedDirectory | undefined {
      if (saved?.staging !== undefined) return takeOverStaging(saved.dir, saved.staging, saved.results.map((entry) => JSON.stringify(entry)));
      if (saved !== undefined) return undefined;
      if (args.out === undefined) printKilledRuns(plan.loaded.scenario.name);
      const staged = stagedResults(args.out, `${plan.loaded.scenario.name}-sweep`);
      staged.write('manifest.json', manifest(false));
      return staged;
    }

    async function writeSweep(): Promise<void> {
      finished.sort((a, b) => a.point - b.point || a.result.replication - b.result.replication);
      const files = async (): Promise<ReportFile[]> => [
        { name: 'sweep.json', contents: jsonText(sweep) },
        { name: 'sweep.csv', contents: sweepCsv(sweep) },
        { name: 'replications.jsonl', contents: finished.map((entry) => JSON.stringify(entry)).join('\n') + (finished.length > 0 ? '\n' : '') },
        ...(await sweepReportFiles(sweep, loaded.scenario.description)),
      ];
      const written = await writeResultsFolder(staged ?? { resumeInto: saved!.dir }, files, manifest(sweep.complete));
      if (args.json) process.stdout.write(jsonText(sweep));
      else process.stdout.write(`${sweepTable(sweep)}\n\nReport: ${written}/report.html\n`);
      for (const failure of sweep.failures) process.stderr.write(`replication ${failure.replication} at ${describeValues(sweep.points[failure.point]!.values)} failed: ${failure.error}\n`);
      if (args.json) process.stderr.write(`Report: ${written}/report.html\n`);
      if (!sweep.complete) {
        process.stderr.write(`interrupted: partial sweep in ${written} (complete: false); finish it with: handoff sweep ${shellWord(args.scenario)} --resume ${shellWord(written)}\n`);
        process.exitCode = 130;
      } else if (sweep.failures.length > 0) process.exitCode = 3;
    }
  },
};

const SavedSweepManifest = z.object({
  scenarioFile: z.string().optional(),
  scenarioHash: z.string(),
  complete: z.boolean(),
  request: z.object({
    params: z.array(z.string()),
    policy: z.string().optional(),
    maximize: z.string().optional(),
    minimize: z.string().optional(),
    require: z.array(z.string()).optional(),
    replications: z.number().int().optional(),
    seed: z.number().int().optional(),
  }),
});

interface SavedSweep {
  dir: string;
  manifest: z.infer<typeof SavedSweepManifest>;
  results: { point: number; result: ReplicationResult }[];
  /** The staging folder of a sweep killed outright, to be taken over. */
  staging: string | undefined;
}

/** The manifest and finished replications of an interrupted sweep folder (or of what a killed sweep left). */
function readSavedSweep(dir: string): SavedSweep {
  const { path: manifestPath, raw, staging } = readResumeManifest(dir, 'sweep', 'the folder an interrupted sweep wrote');
  const manifest = SavedSweepManifest.safeParse(raw);
  if (!manifest.success) throw new InputError(manifestPath, [{ path: String(manifest.error.issues[0]?.path.join('.') ?? ''), message: `not a sweep manifest: ${manifest.error.issues[0]?.message ?? ''}` }]);
  const entry = z.object({ point: z.number().int(), result: ReplicationResult });
  const jsonl = join(staging ?? dir, 'replications.jsonl');
  const results = readResumableJsonl(jsonl, staging !== undefined, entry, 'a sweep replication');
  return { dir, manifest: manifest.data, results, staging };
}
