/**
 * Input fuzzing, layer 2 (issue #8): generated scenarios with tiny horizons run end to end (parseScenarioText ->
 * runReplication -> deriveMetrics, every policy, one replication). Every metric must be a finite number or null and
 * survive JSON unchanged; every case must finish inside its wall-clock budget (a hang fails the case, see
 * helpers/fuzzRunner.ts). Mutated scenarios that still load (huge, tiny, zero, odd values) run too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { ReplicationResult } from '../src/metrics/result.js';
import { nonFinite, rejectionViolations, scenarioRoots } from './helpers/fuzzCheck.js';
import { CaseCounter, counted } from './helpers/fuzzReport.js';
import { FuzzRunner, type RunOutcome } from './helpers/fuzzRunner.js';
import { describeCase, EXTREME_NUMBERS, extremeNumberScenario, mutatedScenario, runnableScenario, serialize, type Mutation, type Raw } from './helpers/fuzzScenario.js';

const FILE = 'test/fixtures/fuzz/run-case.yaml';
const RUNS = { valid: 40, mutated: 80, extreme: 80, roundTrip: 20, extremeDist: 60, hugeAcv: 30 };
/** Per replication: the engine stops cleanly at this deadline (limits.maxEvents bounds most runs long before). */
const BUDGET_MS = 3_000;
/** Per case (load + every policy): past this the worker is terminated and the case fails as a hang. */
const HANG_MS = 15_000;

let runner: FuzzRunner;
beforeAll(() => {
  runner = new FuzzRunner();
});
afterAll(async () => {
  await runner.close();
});

/** Failures of one finished case: NaN/Infinity in metrics or the raw result, metrics that change through JSON. */
function runViolations(outcome: Extract<RunOutcome, { kind: 'ran' }>): string[] {
  const out: string[] = [];
  for (const run of outcome.runs) {
    for (const bad of nonFinite(run.metrics)) out.push(`policy ${run.policy}: metric ${bad}`);
    // The raw result is saved to replications.jsonl and read back by --resume.
    for (const bad of nonFinite(run.result)) out.push(`policy ${run.policy}: raw result ${bad}`);
    try {
      expect(JSON.parse(run.json)).toStrictEqual(run.metrics);
    } catch {
      out.push(`policy ${run.policy}: metrics change through JSON (undefined or non-plain values)`);
    }
  }
  return out;
}

function record(counter: CaseCounter, outcome: Extract<RunOutcome, { kind: 'ran' }>): void {
  counter.add('ran');
  for (const run of outcome.runs) {
    counter.note('policy runs');
    if (run.stopped !== null) counter.note(`stopped early by ${run.stopped.replace(/ reached.*| at .*/g, '')}`);
    if (run.leads === 0) counter.note('policy runs with no leads');
  }
}

const failure = (what: string, text: string, outcome: RunOutcome): Error => new Error(`${what}: ${JSON.stringify(outcome).slice(0, 3000)}\n--- input (${FILE}) ---\n${describeCase(text)}`);

describe('fuzz: tiny scenarios run end to end (runReplication + deriveMetrics)', () => {
  it(`valid generated scenarios run; every metric finite or null, JSON-safe, within budget (${RUNS.valid} cases, seed 11)`, async () => {
    const counter = new CaseCounter('run/valid generated scenarios, 1 replication per policy');
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(runnableScenario(), async (scenario) => {
          const text = serialize(scenario, 'yaml');
          const outcome = await runner.run(text, FILE, { budgetMs: BUDGET_MS, hangMs: HANG_MS });
          if (outcome.kind !== 'ran') throw failure(`expected a run, got ${outcome.kind}`, text, outcome);
          record(counter, outcome);
          const violations = runViolations(outcome);
          if (violations.length > 0) throw failure(violations.join('\n'), text, outcome);
        }),
        { seed: 11, numRuns: RUNS.valid, endOnFailure: true },
      ),
    );
  });

  /** Runs one mutated case: loaded ones must run cleanly, rejected ones must be proper InputErrors. */
  async function mutatedCase(counter: CaseCounter, mutated: Raw, mutation: Mutation): Promise<void> {
    const text = serialize(mutated, 'yaml');
    const where = `mutation ${mutation.kind} at ${mutation.path.join('.')} = ${JSON.stringify(mutation.value) ?? ''}`;
    const outcome = await runner.run(text, FILE, { budgetMs: BUDGET_MS, hangMs: HANG_MS });
    if (outcome.kind === 'hang' || outcome.kind === 'crashed') throw failure(`${outcome.kind} after ${where}`, text, outcome);
    if (outcome.kind === 'rejected') {
      // Rebuilt from what the worker saw (file, message, problems), so the checks below judge the real error.
      const error = outcome.name === 'InputError' ? Object.assign(new InputError(outcome.file ?? '', outcome.problems ?? []), { message: outcome.message }) : Object.assign(new Error(outcome.message), { name: outcome.name, stack: outcome.stack });
      const violations = rejectionViolations(error, FILE, text, { roots: scenarioRoots(mutated) });
      if (violations.length > 0) throw failure(violations.join('\n'), text, outcome);
      counter.add('rejected');
      return;
    }
    record(counter, outcome);
    const violations = runViolations(outcome);
    if (violations.length > 0) throw failure(`${violations.join('\n')}\n(${where})`, text, outcome);
  }

  it(`mutated scenarios that still load run cleanly; the rest are proper InputErrors (${RUNS.mutated} cases, seed 12)`, async () => {
    const counter = new CaseCounter('run/one-field mutations (loaded ones run)');
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(mutatedScenario(runnableScenario()), ({ mutated, mutation }) => mutatedCase(counter, mutated, mutation)),
        { seed: 12, numRuns: RUNS.mutated, endOnFailure: true },
      ),
    );
    // The branch that runs the scenario must have been taken, or the property checked nothing.
    expect(counter.get('ran')).toBeGreaterThan(0);
    expect(counter.get('rejected')).toBeGreaterThan(0);
  });

  it(`boundary numbers (0, 5e-324, 1e-9, 0.999999, 1440, 1e12, 1e300, ...) run cleanly or are rejected (${RUNS.extreme} cases, seed 14)`, async () => {
    const counter = new CaseCounter('run/one numeric field at a boundary value (loaded ones run)');
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(extremeNumberScenario(runnableScenario()), ({ mutated, mutation }) => mutatedCase(counter, mutated, mutation)),
        { seed: 14, numRuns: RUNS.extreme, endOnFailure: true },
      ),
    );
    // The branch that runs the scenario must have been taken, or the property checked nothing.
    expect(counter.get('ran')).toBeGreaterThan(0);
  });

  // Regression (found by this suite, since fixed): a tier with no touched leads gets mean/p50/p90 = NaN in the ReplicationResult
  // (84 of 87 policy runs above). Metrics turn them into null, but the raw result is saved to replications.jsonl
  // with JSON.stringify (NaN -> null), and --resume validates each line with the ReplicationResult schema, whose
  // quantiles are z.number(): every such run cannot be resumed ("replications.jsonl: (top level) (line 1): not a
  // replication result: Invalid input: expected number, received null", exit 2). Repro (the first run stops at its
  // time limit, exit 3, leaving a resumable folder):
  //   handoff simulate test/fixtures/fuzz/resume-nan.yaml --replications 3000 --workers 1 --timeout 1.5 --out r
  //   handoff simulate test/fixtures/fuzz/resume-nan.yaml --resume r      -> exit 2
  it(`a replication result survives the JSON round trip that --resume reads back (${RUNS.roundTrip} cases, seed 13)`, async () => {
    const counter = new CaseCounter('run/ReplicationResult JSON round trip (regression)');
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(runnableScenario(), async (scenario) => {
          const text = serialize(scenario, 'yaml');
          const outcome = await runner.run(text, FILE, { budgetMs: BUDGET_MS, hangMs: HANG_MS });
          if (outcome.kind !== 'ran') throw failure(`expected a run, got ${outcome.kind}`, text, outcome);
          counter.add('ran');
          for (const run of outcome.runs) {
            const parsed = ReplicationResult.safeParse(JSON.parse(JSON.stringify(run.result)));
            if (!parsed.success) throw new Error(`policy ${run.policy}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
          }
        }),
        { seed: 13, numRuns: RUNS.roundTrip, endOnFailure: true },
      ),
    );
  });

  /** A small always-open world with one distribution replaced; everything else at defaults. */
  const worldWith = (path: string, distribution: Raw): Raw => {
    const scenario: Raw = {
      name: 'extreme',
      horizonWeeks: 1,
      warmupWeeks: 0,
      drainDays: 5,
      limits: { maxEvents: 300_000 },
      sources: { a: { weeklyVolume: 100, forms: { demo: 1, contact: 1 } } },
      team: { sdr: { count: 2, calendar: 'always' }, ae: { count: 2, calendar: 'always' } },
      prospect: { hours: 'any' },
      policies: { p: {} },
    };
    const keys = path.split('.');
    let node = scenario;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Raw;
    node[keys[keys.length - 1]!] = distribution;
    return scenario;
  };
  // Positive boundary numbers plus the range where squares overflow (above ~1.34e154) and the largest double.
  const big = fc.constantFrom(...EXTREME_NUMBERS.filter((n) => n > 0), 1e154, 1e155, 1e200, 1e308, Number.MAX_VALUE);
  const extremeDistribution: fc.Arbitrary<Raw> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ dist: fc.constant('lognormal'), mean: big, sd: big }) },
    fc.record({ dist: fc.constant('exponential'), mean: big }),
    fc.record({ dist: fc.constant('gamma'), mean: big, shape: big }),
    fc.record({ dist: fc.constant('erlang'), mean: big, k: fc.constantFrom(1, 2, 1000) }),
    fc.record({ dist: fc.constant('fixed'), value: big }),
    big.map((max) => ({ dist: 'uniform', min: 0, max })),
  );

  // Regression (found by this suite, since fixed): the lognormal sampler (src/random/distributions.ts) computes sd * sd and
  // mean * mean, which overflow to Infinity for sd or mean above ~1.3e154 (the schema only asks for positive
  // numbers); mu + sigma * z is then -Infinity + Infinity = NaN, and the engine throws "RangeError: event time NaN
  // must not be before the current time ..." -- `validate` says ok, `simulate` exits 3 with "replication 0 of
  // policy "p" failed: event time NaN ..." naming no field. Repro: test/fixtures/fuzz/lognormal-overflow.yaml
  // (team: { sdr: { count: 1, workMinutes: { dist: lognormal, mean: 1, sd: 1e160 } } }). Expected: an InputError naming the field at
  // load (bounded parameters) or a sampler that stays finite.
  it(`rep and prospect time distributions with extreme parameters never crash a run (${RUNS.extremeDist} cases, seed 15)`, async () => {
    const counter = new CaseCounter('run/extreme time distributions (regression)');
    const fields = ['team.sdr.workMinutes', 'team.sdr.acceptMinutes', 'team.ae.workMinutes', 'prospect.patience', 'prospect.sqlDays', 'prospect.opportunityDays', 'prospect.salesCycleDays', 'policies.p.recycle.nurtureDays', 'sources.a.daysInactive'];
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), extremeDistribution, async (path, distribution) => {
          const text = serialize(worldWith(path, distribution), 'yaml');
          const outcome = await runner.run(text, FILE, { budgetMs: BUDGET_MS, hangMs: HANG_MS });
          counter.add(outcome.kind);
          if (outcome.kind === 'rejected') {
            if (outcome.name !== 'InputError' || !(outcome.problems ?? []).some((problem) => problem.path.startsWith(path))) throw failure(`rejected without naming ${path}`, text, outcome);
            return;
          }
          if (outcome.kind !== 'ran') throw failure(`${outcome.kind} with ${path} = ${JSON.stringify(distribution)}`, text, outcome);
          const violations = runViolations(outcome);
          if (violations.length > 0) throw failure(`${violations.join('\n')}\n(${path} = ${JSON.stringify(distribution)})`, text, outcome);
        }),
        { seed: 15, numRuns: RUNS.extremeDist, endOnFailure: true },
      ),
    );
    // The branch that runs the scenario must have been taken, or the property checked nothing.
    expect(counter.get('ran')).toBeGreaterThan(0);
  });

  // Regression (found by this suite, since fixed): dollar metrics are sums of sampled ACVs with no finite() guard in deriveMetrics
  // (src/metrics/derive.ts: pipelineDollars, wonDollars, pipelineByChannel, wonByChannel), and the schema takes any
  // non-negative ACV. acv: { dist: fixed, value: 1e308 } gives pipelineDollars = Infinity (NaN with lognormal mean
  // 1e300, sd 1e305): `simulate --json` prints null for them and the table prints "Pipeline $InfinityB"
  // (repro: handoff simulate test/fixtures/fuzz/huge-acv.yaml --replications 1 --workers 1 --quiet).
  it(`huge ACVs keep every dollar metric finite or null (${RUNS.hugeAcv} cases, seed 16)`, async () => {
    const counter = new CaseCounter('run/huge ACV distributions (regression)');
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(extremeDistribution, async (acv) => {
          const scenario = worldWith('sources.a.acv', acv);
          scenario.prospect = { hours: 'any', funnel: { accept: { base: 0.99 }, sql: { base: 0.99 }, opportunity: { base: 0.99 }, won: { base: 0.99 } } };
          const text = serialize(scenario, 'yaml');
          const outcome = await runner.run(text, FILE, { budgetMs: BUDGET_MS, hangMs: HANG_MS });
          counter.add(outcome.kind);
          if (outcome.kind === 'rejected' && outcome.name === 'InputError' && (outcome.problems ?? []).some((problem) => problem.path.startsWith('sources.a.acv'))) return;
          if (outcome.kind !== 'ran') throw failure(`${outcome.kind} with acv = ${JSON.stringify(acv)}`, text, outcome);
          const violations = runViolations(outcome);
          if (violations.length > 0) throw failure(`${violations.join('\n')}\n(acv = ${JSON.stringify(acv)})`, text, outcome);
        }),
        { seed: 16, numRuns: RUNS.hugeAcv, endOnFailure: true },
      ),
    );
    // The branch that runs the scenario must have been taken, or the property checked nothing.
    expect(counter.get('ran')).toBeGreaterThan(0);
  });

  it('a run that cannot finish in time is stopped by its deadline, and its metrics stay finite', async () => {
    const counter = new CaseCounter('run/deadline guard');
    await counted(counter, async () => {
      // 1e9 leads a week: in half a second no lead or event limit (defaults 50M, 2G) is near, so only the deadline ends it.
      const text = serialize(
        { name: 'flood', horizonWeeks: 1, warmupWeeks: 0, drainDays: 0, sources: { a: { weeklyVolume: 1e9, profile: 'flat' } }, team: { sdr: { count: 2, calendar: 'always' } }, policies: { p: {} } },
        'yaml',
      );
      const outcome = await runner.run(text, FILE, { budgetMs: 500, hangMs: HANG_MS });
      counter.add(outcome.kind);
      if (outcome.kind !== 'ran') throw failure('expected a run', text, outcome);
      expect(outcome.runs[0]!.stopped).toMatch(/^time limit reached/);
      expect(runViolations(outcome)).toEqual([]);
    });
  });
});
