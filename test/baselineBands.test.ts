import { describe, expect, it } from 'vitest';
import { runStudyInProcess } from '../src/experiment/simulate.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

/**
 * baseline.yaml is calibrated to land in the methodology's "typical" bands (section 3): MQL->SQL 13-21%,
 * SAL acceptance 40-60%, SLA compliance 70-80%. The replication mean must sit inside each band.
 */
describe('baseline scenario calibration', () => {
  it('lands in the typical bands for the current policy', async () => {
    const study = await runStudyInProcess(loadScenarioFile(`${ROOT}scenarios/baseline.yaml`), { policies: ['current'], replications: 6 });
    const m = study.summary.policies[0]!.metrics;
    expect(m.mqlToSql).toBeGreaterThanOrEqual(0.13);
    expect(m.mqlToSql).toBeLessThanOrEqual(0.21);
    expect(m.salAcceptance).toBeGreaterThanOrEqual(0.4);
    expect(m.salAcceptance).toBeLessThanOrEqual(0.6);
    expect(m.slaCompliance).toBeGreaterThanOrEqual(0.7);
    expect(m.slaCompliance).toBeLessThanOrEqual(0.8);
  });
});
