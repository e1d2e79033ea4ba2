import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { firstTouchLoad, loadWarnings } from '../src/experiment/loadCheck.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { queueWorld, ROOT, scenarioOf } from './helpers/scenario.js';

const problemsOf = (raw: Record<string, unknown>): string => {
  try {
    scenarioOf(raw);
    return '';
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
};

describe('semantic validation (what zod cannot see)', () => {
  it('a calendar with no open hours is an error naming it', () => {
    const message = problemsOf(queueWorld({ calendars: { never: { hours: { daily: 'closed' } } } }));
    expect(message).toMatch(/calendars\.never\.hours .*this calendar is never open.*Fix: give at least one day opening hours/);
  });

  // Overlapping ranges are merged: a lunch break written with an overlap silently disappeared.
  it('overlapping opening hours on one day are a warning; ranges that only touch or leave a gap are not', () => {
    const loaded = scenarioOf(queueWorld({ calendars: { office: { hours: { 'mon-fri': ['08:00-13:00', '12:00-17:00'], sat: ['08:00-12:00', '12:00-14:00'], sun: ['08:00-12:00', '13:00-17:00'] } } } }));
    const overlaps = loaded.warnings.filter((w) => w.path.startsWith('calendars.office.hours'));
    expect(overlaps).toMatchObject([{ path: 'calendars.office.hours.mon-fri', message: '"08:00-13:00" and "12:00-17:00" overlap, so they are read as one open stretch' }]);
  });

  it('a surge window outside the horizon is a warning with the fix', () => {
    const loaded = scenarioOf(queueWorld({ sources: { web: { weeklyVolume: 100, surges: [{ start: '2027-06-01T09:00', hours: 48, multiplier: 5 }] } } }));
    expect(loaded.warnings.map((w) => w.message).join('\n')).toMatch(/lies outside the 2-week horizon/);
  });

  it('an SLA target shorter than the accept timeout is a warning', () => {
    const loaded = scenarioOf(queueWorld({ policies: { main: { routing: { acceptTimeoutMinutes: 10, tiers: [{ name: 'x', when: {}, role: 'sdr', sla: { minutes: 5 }, cadence: { touches: 1 } }] } } } }));
    expect(loaded.warnings.some((w) => /shorter than the 10-min accept timeout/.test(w.message))).toBe(true);
  });

  it('a tier routed to a role with no reps warns that its leads go to the other role', () => {
    const loaded = scenarioOf(queueWorld({ team: { sdr: { count: 2, calendar: 'always' } } }));
    const warning = loaded.warnings.find((w) => w.path.endsWith('tiers.0.role'))!;
    expect(warning.message).toMatch(/routes to AEs but the team has none, so its leads go to SDRs/);
  });

  it('a recycle loop with no nurture delay is a warning', () => {
    const loaded = scenarioOf(queueWorld({ policies: { main: { recycle: { limit: 5, nurtureDays: { dist: 'exponential', mean: 1 } } } } }));
    expect(loaded.warnings.some((w) => /bounce straight back/.test(w.message))).toBe(true);
  });

  it('an empty team, no sources or a warm-up as long as the horizon are errors', () => {
    expect(problemsOf(queueWorld({ team: { sdr: { count: 0 } } }))).toMatch(/the team is empty/);
    expect(problemsOf(queueWorld({ sources: {} }))).toMatch(/no lead sources/);
    expect(problemsOf(queueWorld({ warmupWeeks: 2 }))).toMatch(/leaves nothing of the 2-week horizon to measure/);
  });

  it('an unstable queue (first touches alone exceed the hours, no patience) is a warning', () => {
    const overloaded = scenarioOf(queueWorld({ sources: { web: { weeklyVolume: 20_000, profile: 'flat' } }, team: { sdr: { count: 2, calendar: 'always', absenceRate: 0 } } }));
    const warnings = loadWarnings(overloaded);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/SDRs would need \d\.\d\dx their working hours .*no lead ever gives up/);
  });

  it('estimates the Erlang A load exactly: 200 leads/h x 3 min on 14 reps = 0.714', () => {
    const [load] = firstTouchLoad(loadScenarioFile(`${ROOT}scenarios/validation/erlang-a.yaml`));
    expect(load!.firstTouchUtilization).toBeCloseTo(200 * 3 / 60 / 14, 2);
    expect(loadWarnings(loadScenarioFile(`${ROOT}scenarios/baseline.yaml`))).toEqual([]);
  });
});
