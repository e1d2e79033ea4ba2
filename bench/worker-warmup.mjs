// What a fresh worker pays before it runs at full speed: CPU-seconds to load the modules, then per replication
// for five 52-week baseline replications in the same cold process (the first ones run before the JIT settles).
//   node bench/worker-warmup.mjs            (after npm run build)
const start = process.cpuUsage();
const { loadScenarioFile } = await import('../dist/src/scenario/load.js');
const { runReplication } = await import('../dist/src/experiment/runReplication.js');
const seconds = (usage) => (usage.user + usage.system) / 1e6;
const loading = seconds(process.cpuUsage(start));
const loaded = loadScenarioFile(new URL('../scenarios/baseline.yaml', import.meta.url).pathname);
const yearLong = { ...loaded, scenario: { ...loaded.scenario, horizonWeeks: 52 } };
const perReplication = [];
for (let replication = 0; replication < 5; replication++) {
  const before = process.cpuUsage();
  await runReplication(yearLong, 'current', replication);
  perReplication.push(seconds(process.cpuUsage(before)));
}
console.log(`module loading ${loading.toFixed(2)} cpu-s; replications ${perReplication.map((s) => s.toFixed(2)).join(', ')} cpu-s`);
