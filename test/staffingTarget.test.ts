import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { describeTarget, durationLabel, parseDuration, parseTarget } from '../src/experiment/staffing/target.js';

describe('staffing targets', () => {
  it.each([
    ['20s', 1 / 3],
    ['90 s', 1.5],
    ['5m', 5],
    ['5min', 5],
    ['1h', 60],
    ['1.5h', 90],
    ['1d', 1440],
    ['2D', 2880],
  ])('duration %s is %f minutes', (text, minutes) => {
    expect(parseDuration(text)).toBeCloseTo(minutes, 12);
  });

  it.each(['5', 'five minutes', '-5m', '0s', '5w', '', 'm'])('duration %j is refused with a usage error naming the units', (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
    expect(() => parseDuration(text)).toThrow(/20s, 5m, 1h or 1d|longer than zero/);
  });

  it('parses tier, share and window; a percentage works too', () => {
    expect(parseTarget('hot:0.85@5m')).toEqual({ text: 'hot:0.85@5m', tier: 'hot', fraction: 0.85, minutes: 5 });
    expect(parseTarget(' warm-plus : 85% @ 1d ')).toEqual({ text: 'warm-plus : 85% @ 1d', tier: 'warm-plus', fraction: 0.85, minutes: 1440 });
    expect(parseTarget('all:0.8@20s').minutes).toBeCloseTo(1 / 3, 12);
  });

  it.each([
    ['hot', /not understood: expected "<tier>:<fraction>@<duration>"/],
    ['hot:0.85', /not understood/],
    [':0.85@5m', /not understood/],
    ['hot:1.2@5m', /"1.2" must be a fraction strictly between 0 and 1/],
    ['hot:1@5m', /strictly between 0 and 1/],
    ['hot:0@5m', /strictly between 0 and 1/],
    ['hot:100%@5m', /strictly between 0 and 1/],
    ['hot:abc@5m', /"abc" must be a fraction/],
    ['hot:0.85@5', /--target "hot:0.85@5": duration "5" is not understood/],
  ])('target %j is refused: %s', (text, message) => {
    expect(() => parseTarget(text)).toThrow(UsageError);
    expect(() => parseTarget(text)).toThrow(message);
  });

  it('describes targets in the units a planner wrote', () => {
    expect(durationLabel(1 / 3)).toBe('20 s');
    expect(durationLabel(5)).toBe('5 min');
    expect(durationLabel(60)).toBe('1 h');
    expect(durationLabel(90)).toBe('90 min');
    expect(durationLabel(1440)).toBe('1 d');
    expect(describeTarget(parseTarget('hot:0.85@5m'))).toBe('85% of hot leads touched within 5 min');
  });
});
