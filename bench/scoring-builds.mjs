// scoreBatch of two or more builds of handoff-sim, plus this checkout's hand-inlined reference loop, timed in one
// process and interleaved call by call (the order alternates), so a slow spell of a shared machine hits every one
// alike. Prints each one's median leads per second and the median of its per-round ratio to the first build.
//   node bench/scoring-builds.mjs [rounds] <dist> <dist> ...
// e.g. git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npm run build)
//      node bench/scoring-builds.mjs 40 /tmp/old/dist dist
// The lead mix is the bench's own (1,048,576 baseline leads, this checkout's build); each build scores it with its own
// Rubric (schema defaults) and scoreBatch.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const rounds = Number(process.argv[2] ?? 40);
const dists = process.argv.slice(3).map((dist) => resolve(dist));
if (dists.length < 1) throw new Error('name at least one build (its dist folder)');
const here = new URL('../', import.meta.url);
const { leadMix } = await import(new URL('dist/bench/scoring/leadMix.js', here).href);
const { referenceScore } = await import(new URL('dist/bench/scoring/referenceLoop.js', here).href);
const { loadScenarioFile } = await import(new URL('dist/src/scenario/load.js', here).href);
const { median } = await import(new URL('dist/bench/engine/median.js', here).href);

const leads = 1 << 20;
const { columns } = leadMix(loadScenarioFile(new URL('scenarios/baseline.yaml', here).pathname), leads);
const output = () => ({ combined: new Float32Array(leads), mql: new Uint8Array(leads) });
const scorers = [];
for (const dist of dists) {
  const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
  const { scoreBatch } = await load('src/policies/batchScoring.js');
  const { Rubric } = await load('src/policies/rubric.js');
  const { Scoring } = await load('src/scenario/schema/policy.js');
  const rubric = new Rubric(Scoring.parse({}));
  const out = output();
  scorers.push({ name: dist, score: () => scoreBatch(rubric, columns, out), rates: [], ratios: [] });
}
const referenceOut = output();
scorers.push({ name: 'reference loop (this checkout)', score: () => referenceScore(columns, referenceOut), rates: [], ratios: [] });
for (const scorer of scorers) for (let call = 0; call < 20; call++) scorer.score();
for (let round = 0; round < rounds; round++) {
  for (const scorer of round % 2 === 0 ? scorers : [...scorers].reverse()) {
    const start = process.hrtime.bigint();
    scorer.score();
    scorer.rate = leads / (Number(process.hrtime.bigint() - start) / 1e9);
    scorer.rates.push(scorer.rate);
  }
  for (const scorer of scorers) scorer.ratios.push(scorer.rate / scorers[0].rate);
}
console.log(`scoreBatch, default rubric, ${leads.toLocaleString('en-US')} leads, ${rounds} interleaved rounds:`);
for (const scorer of scorers) console.log(`${scorer.name}: ${(median(scorer.rates) / 1e6).toFixed(2)}M leads/s, ratio to the first ${median(scorer.ratios).toFixed(3)}`);
