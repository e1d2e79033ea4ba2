// Where a replication spends its time: a CPU profile (V8's sampling profiler through node:inspector) of N
// runReplication calls after one warm-up call, summed by function (self time), top 12. Needs a build (npm run build):
//   node bench/profile-run.mjs [runs]        Erlang A (scenarios/validation/erlang-a.yaml) over 30 weeks
//   SCENARIO=scenarios/large-company.yaml POLICY=current WEEKS=8 DIST=/tmp/old/dist node bench/profile-run.mjs 1
// (SCENARIO, POLICY and WEEKS choose the run; DIST profiles another build, e.g. an older commit's.)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from 'node:inspector/promises';

const runs = Number(process.argv[2] ?? 5);
const here = new URL('../', import.meta.url);
const dist = pathToFileURL(`${resolve(process.env.DIST ?? new URL('dist', here).pathname)}/`);
const file = process.env.SCENARIO ?? 'scenarios/validation/erlang-a.yaml';
const policy = process.env.POLICY ?? 'pooled-fifo';
const weeks = Number(process.env.WEEKS ?? 30);
const { loadScenarioFile } = await import(new URL('src/scenario/load.js', dist).href);
const { runReplication } = await import(new URL('src/experiment/runReplication.js', dist).href);
const loaded = loadScenarioFile(new URL(file, here).pathname);
const stretched = { ...loaded, scenario: { ...loaded.scenario, horizonWeeks: weeks }, hash: `${loaded.hash}-profile-${weeks}` };
await runReplication(stretched, policy, 99);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
for (let run = 0; run < runs; run++) await runReplication(stretched, policy, run);
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const self = new Map();
const ticks = new Map();
for (const id of profile.samples) ticks.set(id, (ticks.get(id) ?? 0) + 1);
let total = 0;
for (const node of profile.nodes) {
  const count = ticks.get(node.id) ?? 0;
  total += count;
  const { functionName, url } = node.callFrame;
  const key = `${functionName || '(anonymous)'} (${url.split('/').slice(-2).join('/') || 'V8'})`;
  self.set(key, (self.get(key) ?? 0) + count);
}
console.log(`${runs} x ${weeks}-week ${loaded.scenario.name} replications (${policy}), ${total} samples; self time by function:`);
for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 12))) console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`);
