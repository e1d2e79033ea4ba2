import { describe, expect, it } from 'vitest';
import { unseenFeatures } from '../src/experiment/staffing/explain.js';
import { staffingPlan } from '../src/experiment/staffing/plan.js';
import { parseTarget } from '../src/experiment/staffing/target.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

// The explanation named "surges" for any source without a flat profile: baseline.yaml has business-hours peaks and no surge.
describe('why simulation and formulas differ', () => {
  const features = (file: string, target: string, window: 'all' | 'launch' = 'all'): string[] => {
    const loaded = loadScenarioFile(`${ROOT}${file}`);
    const plan = staffingPlan(loaded, { targets: [parseTarget(target)], window });
    return unseenFeatures(loaded, plan.roles[0]!, plan.policy, window);
  };

  it('names surges only where the scenario has them, and hour-of-day peaks only where a profile is not flat', () => {
    expect(features('scenarios/baseline.yaml', 'hot:0.85@5m')).toContain('hour-of-day peaks');
    expect(features('scenarios/baseline.yaml', 'hot:0.85@5m').join()).not.toMatch(/surge/);
    expect(features('scenarios/launch-surge.yaml', 'hot:0.85@5m', 'launch')).toContain('surge ramps and hour-of-day peaks');
    expect(features('test/fixtures/staffing/erlang-a.yaml', 'all:0.8@20s').join()).not.toMatch(/surge|peaks/);
  });
});
