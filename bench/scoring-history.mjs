// Batch-scoring speed of any build of handoff-sim, for before/after comparisons across commits:
//   git worktree add /tmp/old-scoring <commit> && (cd /tmp/old-scoring && npm ci && npm run build)
//   node bench/scoring-history.mjs /tmp/old-scoring/dist   and   node bench/scoring-history.mjs dist
// The lead mix comes from this checkout's build (the bench's own, 1,048,576 baseline leads); each build scores it
// with its own Rubric, Scoring defaults and scoreBatch. Rounds of 15 timed calls after a warm-up; the median call
// of each round, and the median round, in leads per second.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const rounds = Number(process.argv[3] ?? 7);
const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
const here = new URL('../', import.meta.url);
const { leadMix } = await import(new URL('dist/bench/scoring/leadMix.js', here).href);
const { loadScenarioFile } = await import(new URL('dist/src/scenario/load.js', here).href);
const { median } = await import(new URL('dist/bench/engine/median.js', here).href);
const { scoreBatch } = await load('src/policies/batchScoring.js');
const { Rubric } = await load('src/policies/rubric.js');
const { Scoring } = await load('src/scenario/schema/policy.js');

const leads = 1 << 20;
const { columns } = leadMix(loadScenarioFile(new URL('scenarios/baseline.yaml', here).pathname), leads);
const rubric = new Rubric(Scoring.parse({}));
const out = { combined: new Float32Array(leads), mql: new Uint8Array(leads) };
for (let i = 0; i < 20; i++) scoreBatch(rubric, columns, out);
const rates = [];
for (let round = 0; round < rounds; round++) {
  const times = [];
  for (let call = 0; call < 15; call++) {
    const start = process.hrtime.bigint();
    scoreBatch(rubric, columns, out);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  rates.push(leads / median(times));
}
const mqls = out.mql.reduce((sum, m) => sum + m, 0);
console.log(`${dist}: scoreBatch ${(median(rates) / 1e6).toFixed(2)}M leads/s (median of ${rounds} rounds; rounds ${(Math.min(...rates) / 1e6).toFixed(1)}-${(Math.max(...rates) / 1e6).toFixed(1)}M), ${mqls.toLocaleString('en-US')} MQLs`);
