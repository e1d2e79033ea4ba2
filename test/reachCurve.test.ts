import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../src/engine/simulation.js';
import { ProspectModel } from '../src/engine/prospect.js';
import { Prospect } from '../src/scenario/schema/prospect.js';
import { queueWorld, scenarioOf, traced } from './helpers/scenario.js';

describe('prospect reach curve', () => {
  it('the default curve reproduces the published speed-to-lead ratios', () => {
    const model = new ProspectModel(Prospect.parse({}));
    const odds = (p: number) => p / (1 - p);
    // Contact odds ~100x lower at 30 minutes than within 5; qualification odds ~21x lower; 400x lower at 24 h.
    expect(odds(model.reachProbability(5, 1, 0)) / odds(model.reachProbability(30, 1, 0))).toBeCloseTo(100, 6);
    expect(odds(model.reachProbability(5, 1, 0)) / odds(model.reachProbability(1440, 1, 0))).toBeCloseTo(400, 6);
    expect(model.sqlDelay.at(5) / model.sqlDelay.at(30)).toBeCloseTo(21, 6);
    expect(model.sqlDelay.at(5) / model.sqlDelay.at(90)).toBeGreaterThan(10);
    // Later attempts reach less often: most contacts come by the 6th attempt.
    expect(model.reachProbability(60, 6, 0)).toBeLessThan(model.reachProbability(60, 1, 0));
  });

  it('the engine reaches leads at the configured probability for each delay and attempt', async () => {
    // Slow, random work times spread first touches over delays from seconds to days.
    const loaded = scenarioOf(
      queueWorld({
        horizonWeeks: 6,
        sources: { inbound: { weeklyVolume: 2500, profile: 'flat', attributes: 'none' } },
        team: { sdr: { count: 6, calendar: 'always', absenceRate: 0, workMinutes: { dist: 'exponential', mean: 5 } } },
        prospect: { hours: 'any', reach: { baseOdds: 4, qualitySlope: 0 } },
        policies: {
          main: {
            scoring: { threshold: 0, minIntent: 0, handRaise: 'none', enrichment: { delayMinutes: 0 } },
            routing: { queue: 'pooled', tiers: [{ name: 'all', when: {}, role: 'sdr', sla: { minutes: 60 }, cadence: { touches: 6, withinHours: 24 } }] },
            // One episode per lead, so (lead, attempt) names one touch.
            recycle: { limit: 0 },
          },
        },
      }),
    );
    const model = new ProspectModel(loaded.scenario.prospect);
    const { events } = await traced(loaded, 'main');
    const reaches = events.filter((e): e is Extract<TraceEvent, { type: 'reach' }> => e.type === 'reach');
    const touches = new Map(events.filter((e): e is Extract<TraceEvent, { type: 'touch' }> => e.type === 'touch').map((t) => [`${t.lead}/${t.attempt}`, t]));
    // Bucket by (delay band, attempt) and compare observed reach rate with the mean configured probability.
    const buckets = new Map<string, { n: number; hits: number; expected: number }>();
    for (const r of reaches) {
      const touch = touches.get(`${r.lead}/${r.attempt}`)!;
      expect(r.probability).toBeCloseTo(model.reachProbability(touch.delay, r.attempt, 0), 12);
      const band = touch.delay < 5 ? '<5m' : touch.delay < 30 ? '5-30m' : touch.delay < 240 ? '30m-4h' : '4h+';
      const key = `${band}/${Math.min(r.attempt, 3)}`;
      const bucket = buckets.get(key) ?? { n: 0, hits: 0, expected: 0 };
      bucket.n++;
      bucket.hits += r.reached ? 1 : 0;
      bucket.expected += r.probability;
      buckets.set(key, bucket);
    }
    let checked = 0;
    for (const [key, { n, hits, expected }] of buckets) {
      if (n < 400) continue;
      const p = expected / n;
      // Binomial sampling error of the bucket's hit count (5 standard errors, about 1 in 2 million by chance).
      expect(Math.abs(hits - expected), key).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
