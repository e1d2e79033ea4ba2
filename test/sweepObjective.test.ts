import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { selectBest, type Candidate } from '../src/experiment/sweep/best.js';
import { resolveMetric } from '../src/experiment/sweep/metrics.js';
import { parseConstraint, parseObjective, type Constraint } from '../src/experiment/sweep/objective.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const { scenario } = loadScenarioFile(`${ROOT}scenarios/baseline.yaml`);
const constraint = (text: string): Constraint => parseConstraint(text, scenario, 'current');

describe('objective and constraint parsing', () => {
  it('reads each operator, fractions, percentages and dollar amounts', () => {
    expect(constraint('slaCompliance>=0.85')).toEqual({ text: 'slaCompliance>=0.85', metric: 'slaCompliance', operator: '>=', value: 0.85 });
    expect(constraint('sla <= 85%')).toMatchObject({ metric: 'slaCompliance', operator: '<=', value: 0.85 });
    expect(constraint('pipeline > $12.5M')).toMatchObject({ metric: 'pipelineDollars', operator: '>', value: 12_500_000 });
    expect(constraint('speedToLeadMinutes.mean<240')).toMatchObject({ operator: '<', value: 240 });
    expect(constraint('slaComplianceByTier.hot\u22650.9')).toMatchObject({ metric: 'slaComplianceByTier.hot', operator: '>=', value: 0.9 });
  });

  it.each([
    ['slaCompliance=0.85', /use one of the operators/],
    ['slaCompliance==0.85', /use one of the operators/],
    ['slaCompliance>=high', /"high" is not a number/],
    ['slaCompliance', /expected metric, operator and value/],
    ['slaCompliant>=0.8', /unknown metric "slaCompliant"; did you mean "slaCompliance"/],
    ['slaComplianceByTier.scorching>=0.8', /no tier "scorching"; its tiers: hot, warm-plus/],
    ['slaComplianceByTier.hto>=0.8', /no tier "hto" \(did you mean "slaComplianceByTier\.hot"\?\); its tiers: hot, warm-plus/],
    ['speedToLeadByTier.hto.p90<=5', /no tier "hto" \(did you mean "speedToLeadByTier\.hot\.p90"\?\)/],
    // Accepted before: a column of dashes (a record, or a tier's three speed figures, is not one number).
    ['slaComplianceByTier>=0.8', /--require "slaComplianceByTier>=0\.8": slaComplianceByTier has one value per tier; write slaComplianceByTier\.<tier>, e\.g\. slaComplianceByTier\.hot; its tiers: hot, warm-plus/],
    ['speedToLeadByTier.<=5', /speedToLeadByTier has one value per tier; write speedToLeadByTier\.<tier>\.mean, \.p50 or \.p90, e\.g\. speedToLeadByTier\.hot\.p90;/],
    ['pipelineByChannel>=1', /pipelineByChannel has one value per channel; write pipelineByChannel\.<channel>, e\.g\. pipelineByChannel\.first-touch:/],
    ['speedToLeadByTier.hot<=5', /speedToLeadByTier\.hot is three numbers; write speedToLeadByTier\.hot\.mean, \.p50 or \.p90$/],
    ['slaComplianceByTier.hot.mean>=0.8', /slaComplianceByTier\.hot is one number; write slaComplianceByTier\.hot \(without \.mean\)$/],
    ['slaComplianceByTeir.hot>=0.8', /unknown metric "slaComplianceByTeir\.hot"; did you mean "slaComplianceByTier\.hot"\?$/],
    // A misspelt channel or reason was accepted: a column of dashes, and a constraint no point could meet.
    ['pipelineByChannel.organc>=1', /pipelineByChannel has no key "organc" \(did you mean "pipelineByChannel\.first-touch:organic"\?\); its keys: first-touch:organic, first-touch:paid-search, /],
    ['wonByChannel.close:sales-tuch>=1', /wonByChannel has no key "close:sales-tuch" \(did you mean "wonByChannel\.close:sales-touch"\?\)/],
    ['rejectionReasons.no responce<=0.5', /rejectionReasons has no key "no responce" \(did you mean "rejectionReasons\.no response"\?\); its keys: no budget, /],
    // Accepted before: no point could meet it, and the sweep said so only once it had run.
    ['slaCompliance>=85', /--require "slaCompliance>=85": slaCompliance is a share from 0 to 1, so 85 can never be met; write 85% or 0\.85/],
    ['slaCompliance<=85', /--require "slaCompliance<=85": slaCompliance is a share from 0 to 1, so 85 always holds; write 85% or 0\.85/],
  ])('%s is a usage error', (text, message) => {
    expect(() => constraint(text)).toThrow(UsageError);
    expect(() => constraint(text)).toThrow(message);
  });

  it('maps objective names and aliases to metrics', () => {
    expect(parseObjective('pipeline', undefined, scenario, 'current')).toEqual({ metric: 'pipelineDollars', direction: 'maximize' });
    expect(parseObjective('mqlToSql', undefined, scenario, 'current')).toEqual({ metric: 'mqlToSql', direction: 'maximize' });
    expect(parseObjective(undefined, 'speed', scenario, 'current')).toEqual({ metric: 'speedToLeadMinutes.mean', direction: 'minimize' });
    expect(parseObjective(undefined, undefined, scenario, 'current')).toBeNull();
    expect(() => parseObjective('pipeline', 'speed', scenario, 'current')).toThrow(/cannot both be given/);
    expect(resolveMetric('wonDollars', scenario, 'current', '--maximize')).toBe('wonDollars');
    expect(resolveMetric('pipelineByChannel.first-touch:organic', scenario, 'current', '--maximize')).toBe('pipelineByChannel.first-touch:organic');
    expect(resolveMetric('rejectionReasons.no response', scenario, 'current', '--minimize')).toBe('rejectionReasons.no response');
    expect(() => resolveMetric('pipelin', scenario, 'current', '--maximize')).toThrow(/did you mean "pipeline"/);
  });
});

const point = (index: number, pipeline: number | null, sla: number | null): Candidate => ({
  index,
  values: { 'policies.current.scoring.threshold': 55 + 5 * index },
  metrics: { pipelineDollars: { mean: pipeline, ci95: null }, slaCompliance: { mean: sla, ci95: null } },
});

describe('best-point selection', () => {
  const maximize = { metric: 'pipelineDollars', direction: 'maximize' as const };

  it('takes the feasible point with the best mean', () => {
    const points = [point(0, 900, 0.7), point(1, 800, 0.8), point(2, 700, 0.9)];
    expect(selectBest(points, maximize, [constraint('slaCompliance>=0.75')])).toEqual({ best: 1, ties: [], note: null });
    expect(selectBest(points, maximize, [])).toMatchObject({ best: 0 });
    expect(selectBest(points, { metric: 'pipelineDollars', direction: 'minimize' }, [])).toMatchObject({ best: 2 });
    expect(selectBest(points, maximize, [constraint('slaCompliance>0.8')])).toMatchObject({ best: 2 });
    expect(selectBest(points, maximize, [constraint('slaCompliance>=0.75'), constraint('pipeline<=750')])).toMatchObject({ best: 2 });
  });

  it('breaks exact ties by grid order and lists the others', () => {
    const points = [point(0, 500, 0.9), point(1, 800, 0.9), point(2, 800, 0.9), point(3, 800, 0.6)];
    expect(selectBest(points, maximize, [constraint('slaCompliance>=0.75')])).toEqual({ best: 1, ties: [2], note: null });
    expect(selectBest([...points].reverse(), maximize, [constraint('slaCompliance>=0.75')])).toEqual({ best: 2, ties: [1], note: null });
  });

  it('skips points where the metric is undefined', () => {
    expect(selectBest([point(0, null, 0.9), point(1, 10, null), point(2, 5, 0.9)], maximize, [constraint('slaCompliance>=0.5')])).toMatchObject({ best: 2 });
  });

  it('with no feasible point, says so and names the closest point', () => {
    const selection = selectBest([point(0, 900, 0.6), point(1, 800, 0.82), point(2, 700, 0.7)], maximize, [constraint('slaCompliance>=0.95')]);
    expect(selection.best).toBeNull();
    expect(selection.note).toBe('no point meets slaCompliance>=0.95; the closest is policies.current.scoring.threshold=60 with slaCompliance 82.0%');
  });

  it('marks nothing without an objective', () => {
    expect(selectBest([point(0, 1, 1)], null, [])).toEqual({ best: null, ties: [], note: null });
    expect(selectBest([point(0, 1, 1)], null, [constraint('sla>=0.5')]).note).toMatch(/no objective given/);
  });
});
