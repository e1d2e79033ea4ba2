import { runStudy } from '../../src/experiment/study.js';
import { loadScenarioFile, type LoadedScenario } from '../../src/scenario/load.js';
import { BASELINE_FILE, bundledScenario } from '../paths.js';
import { temporaryScenario } from '../scenarios.js';

export interface WorkerFigures {
  scenario: string;
  replications: number;
  seconds1: number;
  seconds2: number;
  /** CPU seconds of the whole process (all threads): similar totals with a slower wall time mean contention. */
  cpuSeconds1: number;
  cpuSeconds2: number;
  speedup2v1: number;
  /** The same comparison on the scenario file as it is (13 weeks), where each worker's warm-up weighs more. */
  fileAsIs: { seconds1: number; seconds2: number; speedup2v1: number } | null;
}

/**
 * The same compare (baseline, both policies) on a pool of 1 worker and then of 2: wall time of runStudy, so
 * each pool's start-up (threads, module loading, scenario parsing, world) is counted once per study.
 */
export async function workerSpeedup(replications: number, weeks: number | null, alsoFileAsIs: boolean): Promise<WorkerFigures> {
  const source = bundledScenario(BASELINE_FILE);
  const resized = weeks === null ? null : temporaryScenario(source, { horizonWeeks: weeks, warmupWeeks: 1, drainDays: 7 });
  try {
    const loaded = loadScenarioFile(resized?.file ?? source);
    const timeStudy = async (study: LoadedScenario, workers: number): Promise<{ wall: number; cpu: number }> => {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const run = await runStudy(study, { replications, workers });
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      const used = process.cpuUsage(cpu);
      // A failed replication would shorten the run and flatter the speed-up.
      if (run.failures.length > 0) throw new Error(`worker bench: ${run.failures[0]!.error}`);
      return { wall, cpu: (used.user + used.system) / 1e6 };
    };
    const one = await timeStudy(loaded, 1);
    const two = await timeStudy(loaded, 2);
    let fileAsIs: WorkerFigures['fileAsIs'] = null;
    if (alsoFileAsIs && resized !== null) {
      const asIs = loadScenarioFile(source);
      const seconds1 = (await timeStudy(asIs, 1)).wall;
      const seconds2 = (await timeStudy(asIs, 2)).wall;
      fileAsIs = { seconds1, seconds2, speedup2v1: seconds1 / seconds2 };
    }
    const label = weeks === null ? `${BASELINE_FILE} (all policies)` : `${BASELINE_FILE} (all policies, ${weeks} weeks)`;
    return { scenario: label, replications, seconds1: one.wall, seconds2: two.wall, cpuSeconds1: one.cpu, cpuSeconds2: two.cpu, speedup2v1: one.wall / two.wall, fileAsIs };
  } finally {
    resized?.dispose();
  }
}
