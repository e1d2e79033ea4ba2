// Where a replication spends its time: a CPU profile (V8's sampling profiler through node:inspector) of N
// runReplication calls after one warm-up call, summed by function (self time), top 12. Needs a build (npm run build):
//   node bench/profile-run.mjs [runs]        Erlang A (scenarios/validation/erlang-a.yaml) over 30 weeks
//   SCENARIO=scenarios/large-company.yaml POLICY=current WEEKS=8 DIST=/tmp/old/dist node bench/profile-run.mjs 1
// (SCENARIO, POLICY and WEEKS choose the run; DIST profiles another build, e.g. an older commit's.)
import { Session } from 'node:inspector/promises';
import { warmedRun } from './warmed-run.mjs';

const runs = Number(process.argv[2] ?? 5);
const { name, policy, weeks, run } = await warmedRun(30, 'profile');

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
for (let replication = 0; replication < runs; replication++) await run(replication);
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
console.log(`${runs} x ${weeks}-week ${name} replications (${policy}), ${total} samples; self time by function:`);
for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 12))) console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`);
