// What a replication allocates on the JS heap, per lead: V8's sampling heap profiler (node:inspector) over one
// runReplication call after a warm-up call, summed by the function that allocated, top 12. Needs a build (npm run build):
//   node bench/allocation-run.mjs            Erlang A (scenarios/validation/erlang-a.yaml) over 10 weeks
//   SCENARIO=scenarios/baseline.yaml POLICY=current WEEKS=13 node bench/allocation-run.mjs
// Allocations that die young (boxed numbers crossing calls that V8 did not inline) are counted too: they are what the
// scavenger clears, and they stream the young generation through the caches. Sampled every 4 KiB, so small totals
// are estimates; V8's inlining choices differ from process to process, so run it a few times.
import { Session } from 'node:inspector/promises';
import { warmedRun } from './warmed-run.mjs';

const { name, policy, weeks, run } = await warmedRun(10, 'allocation');

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const result = await run(1);
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

const bytes = new Map();
let total = 0;
const walk = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} (${url.split('/').slice(-2).join('/') || 'V8'}:${lineNumber + 1})`;
  total += node.selfSize;
  bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child);
};
walk(profile.head);
const perLead = (value) => (value / result.simulatedLeads).toFixed(1);
console.log(`${weeks}-week ${name} replication (${policy}), ${result.simulatedLeads} leads: ${(total / 1e6).toFixed(1)} MB sampled, ${perLead(total)} bytes per lead; by allocating function:`);
for (const [key, count] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 12))) console.log(`${perLead(count).padStart(6)} B/lead  ${key}`);
