import { UsageError } from '../errors.js';
import { checkResumable, readSavedRun, type SavedRun } from '../experiment/resume.js';
import { loadWarnings } from '../experiment/loadCheck.js';
import { resolvePolicies, withSeed } from '../experiment/simulate.js';
import { runStudy, type StudyRun } from '../experiment/study.js';
import { reportFiles } from '../report/reportFiles.js';
import { plural } from '../report/format.js';
import { stagedResults, takeOverStaging, type StagedDirectory } from '../report/atomicFiles.js';
import { jsonText } from '../report/json.js';
import { stagedManifest, writeStudyResults, type RunOptions } from '../report/writeResults.js';
import type { ReplicationResult } from '../metrics/result.js';
import { loadScenarioFile } from '../scenario/load.js';
import { interruptSignal } from './interrupt.js';
import { progressReporter } from './progress.js';
import { refuseChangedFlags } from './resumeFlags.js';
import { printKilledRuns, printWarnings } from './warnings.js';
import { checkSeconds, type StudyArgs } from './studyFlags.js';
import { shellWord } from '../shellWord.js';

export interface StudyOutcome {
  run: StudyRun;
  /** Results folder written, or undefined when nothing was written. */
  dir: string | undefined;
}

/**
 * Loads the scenario (or the run being resumed), runs the study on the worker pool with progress and clean
 * interruption, and writes the results folder (`charts` adds the vega-lite charts and report.html).
 */
export async function runStudyCommand(command: 'compare' | 'simulate', args: StudyArgs, policies: string[] | undefined, write: { always: boolean; charts: boolean }): Promise<StudyOutcome> {
  const policyFlag = command === 'simulate' ? '--policy' : '--policies';
  if (args.precision !== undefined && !(args.precision > 0 && args.precision < 1)) throw new UsageError(`--precision must be a fraction between 0 and 1, e.g. 0.01 (got ${args.precision})`);
  checkSeconds([['--timeout', args.timeout], ['--job-timeout', args.jobTimeout]]);
  checkReplicationCap(args);
  const saved = args.resume === undefined ? undefined : readSavedRun(args.resume, command);
  if (saved !== undefined && args.out !== undefined) throw new UsageError('--resume writes into the folder being resumed; drop --out');
  const loaded = loadScenarioFile(args.scenario);
  if (saved !== undefined) {
    // Each compared with what the run used, defaults included: --seed 42 is no change when 42 was the file's seed.
    const { options: was, seed: savedSeed } = saved.manifest;
    refuseChangedFlags(saved.dir, [
      ['--replications', args.replications, was.replications],
      ['--precision', args.precision, was.precision],
      ['--max-replications', args.maxReplications, was.maxReplications ?? (was.precision === undefined ? undefined : Math.max(was.replications, 200))],
      ['--seed', args.seed, savedSeed],
      [policyFlag, policies === undefined ? undefined : resolvePolicies(loaded, policies), resolvePolicies(loaded, was.policies)],
    ]);
  }
  printWarnings(args.scenario, [...loaded.warnings, ...loadWarnings(loaded)]);
  const options: RunOptions = saved?.manifest.options ?? {
    policies: policies ?? [],
    // Under a --max-replications cap, the scenario's own count is where --precision starts only if the cap allows it.
    replications: args.replications ?? Math.min(loaded.scenario.replications, args.maxReplications ?? Infinity),
    ...(args.precision === undefined ? {} : { precision: args.precision }),
    ...(args.maxReplications === undefined ? {} : { maxReplications: args.maxReplications }),
  };
  const seed = saved?.manifest.seed ?? args.seed;
  if (saved !== undefined) checkResumable(saved, withSeed(loaded, seed));
  const staged = stagingFor(saved);
  const progress = progressReporter(args);
  // The handler stays until the results are written: a signal after the last replication must not kill the writing.
  const interrupt = interruptSignal();
  try {
    return await runAndWrite();
  } finally {
    interrupt.dispose();
  }

  /**
   * A new run's folder is opened up front, its manifest staged (complete: false): finished replications stream into its
   * staging area as they come, so even a run killed outright can be resumed. A killed run's staging area is taken over.
   */
  function stagingFor(saved: SavedRun | undefined): StagedDirectory | undefined {
    if (saved?.staging !== undefined) return takeOverStaging(saved.dir, saved.staging, saved.results.map((result) => JSON.stringify(result)));
    if (saved !== undefined || !(write.always || args.out !== undefined)) return undefined;
    if (args.out === undefined) printKilledRuns(loaded.scenario.name);
    const staged = stagedResults(args.out, loaded.scenario.name);
    const seeded = withSeed(loaded, seed);
    staged.write('manifest.json', jsonText(stagedManifest(seeded, resolvePolicies(seeded, options.policies), { command: process.argv.slice(2), options })));
    return staged;
  }

  async function runAndWrite(): Promise<{ run: StudyRun; dir: string | undefined }> {
    let run: StudyRun;
    try {
      run = await runStudy(loaded, {
        ...(options.policies.length > 0 ? { policies: options.policies } : {}),
        replications: options.replications,
        ...(options.precision === undefined ? {} : { precision: options.precision }),
        ...(options.maxReplications === undefined ? {} : { maxReplications: options.maxReplications }),
        ...(seed === undefined ? {} : { seed }),
        ...(args.workers === undefined ? {} : { workers: args.workers }),
        ...(args.timeout === undefined ? {} : { deadlineMs: Date.now() + args.timeout * 1000 }),
        ...(args.jobTimeout === undefined ? {} : { jobTimeoutMs: args.jobTimeout * 1000 }),
        ...(saved === undefined ? {} : { done: saved.results }),
        ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
        ...(staged === undefined ? {} : { onResult: (result: ReplicationResult) => staged.append('replications.jsonl', `${JSON.stringify(result)}\n`) }),
        signal: interrupt.signal,
      });
    } catch (error) {
      staged?.abandon();
      throw error;
    } finally {
      progress.stop();
    }
    let dir: string | undefined;
    // Even a run stopped before anything finished leaves a (resumable) folder saying so.
    if (staged !== undefined || saved !== undefined || !run.complete) {
      progress.step?.(write.charts ? 'writing the results folder (charts and report)' : 'writing the results folder');
      dir = await writeStudyResults(run, {
        ...(args.out === undefined ? {} : { out: args.out }),
        ...(staged === undefined ? {} : { staged }),
        ...(saved === undefined || staged !== undefined ? {} : { resumeInto: saved.dir }),
        command: process.argv.slice(2),
        options,
        ...(write.charts ? { extra: () => reportFiles(run) } : {}),
      });
    }
    for (const failure of run.failures) process.stderr.write(`replication ${failure.replication} of policy "${failure.policy}" failed: ${failure.error}\n`);
    if (run.complete && run.precision !== null && !run.precision.met) {
      const { target, widest } = run.precision;
      process.stderr.write(
        `--precision ${target} not reached: stopped at the cap of ${plural(run.planned, 'replication')} per policy (--max-replications) with ${widest.halfWidth === null ? 'no interval (fewer than two replications finished)' : `a 95% half-width of ${widest.halfWidth.toPrecision(3)}`} ` +
          `for ${widest.metric} under policy "${widest.policy}"; raise --max-replications or accept the wider intervals shown\n`,
      );
    }
    if (!run.complete) {
      const done = Math.min(...[...run.results.values()].map((results) => results.length));
      const why = run.stopReason === 'interrupted' ? 'interrupted' : 'stopped at the time limit';
      process.stderr.write(`${why}: ${done} of ${plural(run.planned, 'replication')} per policy finished${dir === undefined ? '' : `; partial results in ${dir} (manifest says complete: false)`}\n`);
      if (dir !== undefined) process.stderr.write(`finish it with: handoff ${command} ${shellWord(args.scenario)} --resume ${shellWord(dir)}\n`);
    }
    return { run, dir };
  }
}

/** --max-replications caps how far --precision goes: alone, below two, or under --replications it would be ignored. */
function checkReplicationCap(args: StudyArgs): void {
  const cap = args.maxReplications;
  // A resumed run's --precision and cap come from its manifest; refuseChangedFlags compares them.
  if (cap === undefined || args.resume !== undefined) return;
  if (args.precision === undefined) throw new UsageError('--max-replications caps how many replications --precision may add; give --precision too, or set the number with --replications');
  if (!(Number.isInteger(cap) && cap >= 2)) throw new UsageError(`--max-replications must be a whole number >= 2, the fewest that give an interval (got ${cap})`);
  if (args.replications !== undefined && args.replications > cap) throw new UsageError(`--replications ${args.replications} is above --max-replications ${cap}; lower --replications or raise the cap`);
}

/** Exit code of a study command: 0 complete, 3 finished with failed or missing replications, 130 interrupted. */
export function studyExitCode(run: StudyRun): number {
  if (run.stopReason === 'interrupted') return 130;
  return run.complete && run.failures.length === 0 ? 0 : 3;
}
