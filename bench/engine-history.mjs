// Whole-run engine speed of any build of handoff-sim, for before/after comparisons across commits:
//   git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npm run build)
//   node bench/engine-history.mjs /tmp/old/dist   and   node bench/engine-history.mjs dist
// It uses only loadScenarioFile and runReplication (present in every build) on this checkout's scenario files:
// Erlang A stretched to 30 weeks (~1M leads) and the baseline to 52 weeks, median of N runs after a warm-up,
// in leads per CPU-second of this process, with the slowest and fastest run (how far this machine drifts).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const runs = Number(process.argv[3] ?? 5);
const { loadScenarioFile } = await import(pathToFileURL(`${dist}/src/scenario/load.js`).href);
const { runReplication } = await import(pathToFileURL(`${dist}/src/experiment/runReplication.js`).href);
const here = new URL('../', import.meta.url);
const { median } = await import(new URL('dist/bench/engine/median.js', here).href);

async function rate(file, policy, weeks) {
  const loaded = loadScenarioFile(new URL(file, here).pathname);
  const stretched = { ...loaded, scenario: { ...loaded.scenario, horizonWeeks: weeks }, hash: `${loaded.hash}-history-${weeks}` };
  await runReplication(stretched, policy, 99);
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const result = await runReplication(stretched, policy, r);
    const used = process.cpuUsage(cpu);
    rates.push(result.simulatedLeads / ((used.user + used.system) / 1e6));
  }
  return { median: median(rates), low: Math.min(...rates), high: Math.max(...rates) };
}

const erlang = await rate('scenarios/validation/erlang-a.yaml', 'pooled-fifo', 30);
const baseline = await rate('scenarios/baseline.yaml', 'current', 52);
const k = (rate) => `${Math.round(rate / 1000)}k`;
console.log(`${dist}: Erlang A ${k(erlang.median)} leads/s (runs ${k(erlang.low)}-${k(erlang.high)}), baseline ${k(baseline.median)} leads/s (runs ${k(baseline.low)}-${k(baseline.high)}); median of ${runs}, per CPU-second`);
