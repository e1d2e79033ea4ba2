// The run the profiling scripts look at: SCENARIO, POLICY and WEEKS from the environment (default Erlang A), from the
// build in DIST (default this checkout's dist/), stretched to WEEKS and warmed up by one replication (of WARM_WEEKS
// weeks when set, so runs of different lengths start from the same warm-up).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function warmedRun(defaultWeeks, tag) {
  const here = new URL('../', import.meta.url);
  const dist = pathToFileURL(`${resolve(process.env.DIST ?? new URL('dist', here).pathname)}/`);
  const file = process.env.SCENARIO ?? 'scenarios/validation/erlang-a.yaml';
  const policy = process.env.POLICY ?? 'pooled-fifo';
  const weeks = Number(process.env.WEEKS ?? defaultWeeks);
  const { loadScenarioFile } = await import(new URL('src/scenario/load.js', dist).href);
  const { runReplication } = await import(new URL('src/experiment/runReplication.js', dist).href);
  const loaded = loadScenarioFile(new URL(file, here).pathname);
  const stretch = (horizonWeeks) => ({ ...loaded, scenario: { ...loaded.scenario, horizonWeeks }, hash: `${loaded.hash}-${tag}-${horizonWeeks}` });
  const stretched = stretch(weeks);
  await runReplication(process.env.WARM_WEEKS === undefined ? stretched : stretch(Number(process.env.WARM_WEEKS)), policy, 99);
  return { name: loaded.scenario.name, policy, weeks, run: (replication) => runReplication(stretched, policy, replication) };
}
