// The library from a script: `node examples/library.mjs` from the repository (or import "handoff-sim" once installed).
import { FIT_SIGNALS, loadScenarioFile, Rubric, runStudy, Scoring, scoreBatch, SIGNALS } from 'handoff-sim';

// A study on worker threads, as `handoff compare` runs it.
const loaded = loadScenarioFile('scenarios/tighter-mql.yaml');
const run = await runStudy(loaded, { replications: 4 });
for (const policy of run.summary.policies) console.log(policy.name, 'SLA', policy.metrics.slaCompliance?.toFixed(3));
const { policy, metrics } = run.summary.deltas[0];
console.log(policy, 'vs', run.summary.deltas[0].baseline, 'pipeline:', metrics.pipelineDollars.verdict);

// Batch scoring: one Uint8Array per signal (in SIGNALS order), days inactive and form index per lead.
const n = 4;
const columns = Object.fromEntries(SIGNALS.map((signal) => [signal, new Uint8Array(n).fill(FIT_SIGNALS.includes(signal) ? 1 : 0)]));
columns.pricingView[0] = 1;
columns.demoRequest[0] = 1;
const out = { combined: new Float32Array(n), mql: new Uint8Array(n) };
scoreBatch(new Rubric(Scoring.parse({})), { ...columns, daysInactive: new Float32Array(n), form: new Uint8Array(n) }, out);
console.log('scores', [...out.combined], 'mql', [...out.mql]);
