import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Backtest, backtest, type BacktestResult } from '../src/experiment/backtest.js';
import { parseMappingText } from '../src/leads/replay/loadMapping.js';
import { readExport, readExportWith } from '../src/leads/replay/readExport.js';
import { cli, ROOT, scenarioOf } from './helpers/scenario.js';

const FIXTURE = `${ROOT}test/fixtures/crm/backtest-small.csv`;
const MAPPING = `${ROOT}test/fixtures/crm/small-mapping.yaml`;

/**
 * Ten leads scored by hand with the seed rubric (fit: employees 15, industry 10, revenue 10, geo 5, tech 10;
 * intent: pricing 15, demo 25, second session 10, high-intent content 10, webinar 5, product 25, unsubscribe -20;
 * caps 50/50; MQL at 65 combined with 25+ intent, or a demo/pricing form; -20% per 30 days inactive):
 *   L1  fit 50 + intent 25 (pricing, 2 sessions)             = 75  MQL   won
 *   L2  fit 50 + intent 10 (3 sessions)                      = 60  no    lead
 *   L3  fit 15 + intent 25 (demo form implies demo request)  = 40  MQL (hand-raise)  won
 *   L4  fit 35 + intent 25 (pricing, content)                = 60  no    won
 *   L5  fit 50 + intent 40 (pricing, demo request)           = 90  MQL   sql
 *   L6  (50 + 35) x 0.8 (45 days inactive) = 40 + 28         = 68  MQL   lead
 *   L7  fit 50 + intent 5 (pricing, 2 sessions, unsubscribe) = 55  no    lead
 *   L8  fit 0 + intent 65 capped at 50                       = 50  no    mql
 *   L9  fit 45 + intent 30 (pricing, 2 sessions, webinar)    = 75  MQL   won
 *   L10 fit 25 + intent 15 (pricing)                         = 40  no    lead
 * Won: L1, L3, L4, L9 (base rate 40%).
 */
describe('backtest on a hand-scored fixture', () => {
  let result: Backtest;
  let liftSteps: BacktestResult['liftSteps'];
  beforeAll(async () => {
    const loaded = scenarioOf({ name: 'hand', sources: { organic: { weeklyVolume: 10 } }, team: { sdr: { count: 1 } }, policies: { current: {} } });
    ({ backtest: result, liftSteps } = await backtest(readExport(FIXTURE, MAPPING), loaded, 'current'));
  });

  it('counts leads, wins and the base rate', () => {
    expect(result.leads).toBe(10);
    expect(result.positives).toBe(4);
    expect(result.baseRate).toBeCloseTo(0.4, 12);
    expect(result.thresholdsBy).toBe('rule');
  });

  it('the policy as configured passes L1, L3, L5, L6, L9: precision 3/5, recall 3/4, filtered 1/5, lift 1.5', () => {
    expect(result.asConfigured).toEqual({ threshold: null, passed: 5, passedShare: 0.5, positivesPassed: 3, conversionPassed: 0.6, conversionFiltered: 0.2, recall: 0.75, lift: 1.5 });
  });

  it('threshold 75 drops L6 (68); threshold 60 adds L4 (60 with 25 intent) but not L2 (intent 10)', () => {
    const at = (threshold: number) => result.thresholds.find((row) => row.threshold === threshold)!;
    expect(at(75)).toMatchObject({ passed: 4, positivesPassed: 3, conversionPassed: 0.75, recall: 0.75, lift: 1.875 });
    expect(at(75).conversionFiltered).toBeCloseTo(1 / 6, 12);
    expect(at(60)).toMatchObject({ passed: 6, positivesPassed: 4, recall: 1, conversionFiltered: 0 });
    expect(at(60).conversionPassed).toBeCloseTo(4 / 6, 12);
    expect(at(65)).toEqual({ ...result.asConfigured, threshold: 65 });
    // Only the demo hand-raiser (L3) passes a threshold nobody reaches.
    expect(at(100)).toMatchObject({ passed: 1, positivesPassed: 1 });
  });

  it('lift curve: scores 90 | 75 75 | 68 | 60 60 | 55 | 50 | 40 40, ties interpolated', () => {
    expect(liftSteps.map((step) => [step.targetedShare, step.gain])).toEqual([
      [0, 0],
      [0.1, 0],
      [0.3, 0.5],
      [0.4, 0.5],
      [0.6, 0.75],
      [0.7, 0.75],
      [0.8, 0.75],
      [1, 1],
    ]);
    const gains = [0, 0.25, 0.5, 0.5, 0.625, 0.75, 0.75, 0.75, 0.875, 1];
    result.lift.forEach((point, i) => {
      expect(point.targetedShare).toBeCloseTo((i + 1) / 10, 12);
      expect(point.gain).toBeCloseTo(gains[i]!, 12);
      expect(point.lift).toBeCloseTo(gains[i]! / ((i + 1) / 10), 12);
    });
  });

  it('an export without signals or a form column cannot be backtested: one message naming the mapping', async () => {
    const mapping = parseMappingText('name: dates-only\nid: id\narrival: { column: created, format: sql }\nsource: { column: source }\noutcome: { stages: [{ stage: won, when: { column: stage, in: [won] } }] }\n', 'dates-only.yaml');
    const loaded = scenarioOf({ name: 'hand', sources: { organic: { weeklyVolume: 10 } }, team: { sdr: { count: 1 } }, policies: { current: {} } });
    await expect(backtest(readExportWith(FIXTURE, mapping, 'dates-only.yaml'), loaded, 'current')).rejects.toThrow(/dates-only\.yaml: 1 problem\n\s+fit: the mapping maps no fit or intent signal and no form column/);
  });

  it('the CLI prints the same figures and writes json, csv and an svg chart', () => {
    const parent = mkdtempSync(join(tmpdir(), 'handoff-bt-'));
    const dir = join(parent, 'out');
    const scenario = join(parent, 'scenario.yaml');
    writeFileSync(scenario, 'name: hand\nsources: { organic: { weeklyVolume: 10 } }\nteam: { sdr: { count: 1 } }\npolicies: { current: {} }\n');
    const run = cli(['backtest', '--leads', FIXTURE, '--map', MAPPING, '--scenario', scenario, '--out', dir, '--json']);
    expect(run.status).toBe(0);
    const printed = Backtest.parse(JSON.parse(run.stdout));
    expect(printed.asConfigured).toEqual(result.asConfigured);
    expect(readdirSync(dir).sort()).toEqual(['backtest.json', 'backtest.svg', 'lift.csv', 'thresholds.csv']);
    expect(readFileSync(join(dir, 'backtest.svg'), 'utf8')).toMatch(/^<svg[^>]*>.*Precision and recall by MQL threshold/s);
    expect(readFileSync(join(dir, 'thresholds.csv'), 'utf8')).toContain('as configured,5,0.5,3,0.6,0.2,0.75,1.5');
  });
});
