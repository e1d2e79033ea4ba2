// Two or more builds of handoff-sim timed in one process, interleaved round by round (the order alternates), so a
// slow spell of a shared machine hits every build alike; prints each build's median leads per CPU-second and the
// median of its per-round ratio to the first build. Two copies of one build, timed this way on this machine, came out
// 0.93-1.07 of each other (README, Performance): a ratio within about 10% of 1 is noise here.
//   node bench/compare-builds.mjs [rounds] <dist> <dist> ...        (SCENARIO, POLICY, WEEKS in the environment)
// e.g. git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npm run build)
//      node bench/compare-builds.mjs 16 /tmp/old/dist dist
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const rounds = Number(process.argv[2] ?? 10);
const dists = process.argv.slice(3).map((dist) => resolve(dist));
if (dists.length < 2) throw new Error('name at least two builds (their dist folders)');
const here = new URL('../', import.meta.url);
const scenario = new URL(process.env.SCENARIO ?? 'scenarios/validation/erlang-a.yaml', here).pathname;
const policy = process.env.POLICY ?? 'pooled-fifo';
const weeks = Number(process.env.WEEKS ?? 20);
const { median } = await import(new URL('dist/bench/engine/median.js', here).href);

const builds = [];
for (const dist of dists) {
  const { loadScenarioFile } = await import(pathToFileURL(`${dist}/src/scenario/load.js`).href);
  const { runReplication } = await import(pathToFileURL(`${dist}/src/experiment/runReplication.js`).href);
  const loaded = loadScenarioFile(scenario);
  const stretched = { ...loaded, scenario: { ...loaded.scenario, horizonWeeks: weeks }, hash: `${loaded.hash}-builds-${weeks}` };
  await runReplication(stretched, policy, 99);
  builds.push({ dist, stretched, runReplication, rates: [], ratios: [] });
}
for (let round = 0; round < rounds; round++) {
  for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
    const cpu = process.cpuUsage();
    const result = await build.runReplication(build.stretched, policy, round);
    const used = process.cpuUsage(cpu);
    build.rate = result.simulatedLeads / ((used.user + used.system) / 1e6);
    build.rates.push(build.rate);
  }
  for (const build of builds) build.ratios.push(build.rate / builds[0].rate);
}
console.log(`${policy} on ${scenario.split('/').slice(-2).join('/')}, ${weeks} weeks, ${rounds} interleaved rounds:`);
for (const build of builds) console.log(`${build.dist}: ${Math.round(median(build.rates) / 1000)}k leads per CPU-second, ratio to the first ${median(build.ratios).toFixed(3)}`);
