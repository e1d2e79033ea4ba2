// Where an Erlang A replication spends its time: a CPU profile (V8's sampling profiler through node:inspector)
// of N 30-week runReplication calls of scenarios/validation/erlang-a.yaml after one warm-up call, summed by
// function (self time), top 12. Needs a build (npm run build):   node bench/profile-erlang-a.mjs [runs]
import { Session } from 'node:inspector/promises';

const runs = Number(process.argv[2] ?? 5);
const here = new URL('../', import.meta.url);
const { loadScenarioFile } = await import(new URL('dist/src/scenario/load.js', here).href);
const { runReplication } = await import(new URL('dist/src/experiment/runReplication.js', here).href);
const loaded = loadScenarioFile(new URL('scenarios/validation/erlang-a.yaml', here).pathname);
const stretched = { ...loaded, scenario: { ...loaded.scenario, horizonWeeks: 30 }, hash: `${loaded.hash}-profile` };
await runReplication(stretched, 'pooled-fifo', 99);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
for (let run = 0; run < runs; run++) await runReplication(stretched, 'pooled-fifo', run);
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
console.log(`${runs} x 30-week Erlang A replications, ${total} samples; self time by function:`);
for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`);
