import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { decimalsOf, gridPoints, MAX_POINTS, parseParam } from '../src/experiment/sweep/grid.js';

describe('--param parsing and grid expansion', () => {
  it('expands from..to:step including both ends', () => {
    expect(parseParam('policies.current.scoring.threshold=55..85:5')).toEqual({ path: 'policies.current.scoring.threshold', values: [55, 60, 65, 70, 75, 80, 85], text: 'policies.current.scoring.threshold=55..85:5' });
  });

  it('gives exact decimal values for floating-point steps', () => {
    expect(parseParam('x=0.1..0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseParam('x=0..1:0.1').values).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(parseParam('x=0.7..0.95:0.05').values).toEqual([0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
    expect(parseParam('x=1..1.3:0.1').values).toEqual([1, 1.1, 1.2, 1.3]);
    expect(parseParam('x=-0.2..0.2:0.1').values).toEqual([-0.2, -0.1, 0, 0.1, 0.2]);
    expect(parseParam('x=1e-3..3e-3:1e-3').values).toEqual([0.001, 0.002, 0.003]);
  });

  it('stops at the last step that does not pass the end', () => {
    expect(parseParam('x=55..80:10').values).toEqual([55, 65, 75]);
    expect(parseParam('x=3..3:1').values).toEqual([3]);
  });

  it('accepts a list or a single value, sorted', () => {
    expect(parseParam('team.sdr.count=6,4,5').values).toEqual([4, 5, 6]);
    expect(parseParam('team.sdr.count=5').values).toEqual([5]);
  });

  it.each([
    ['threshold', /needs a field path and values/],
    ['x=a..b:1', /"a" is not a number/],
    ['x=1..5', /a range needs a step/],
    ['x=1..5:0', /step must be greater than 0/],
    ['x=1..5:-1', /step must be greater than 0/],
    ['x=5..1:1', /the range must go up/],
    ['x=1,2,2', /listed twice/],
    ['x=0..100000:1', /more than the 1000/],
  ])('%s is a usage error', (text, message) => {
    expect(() => parseParam(text)).toThrow(UsageError);
    expect(() => parseParam(text)).toThrow(message);
  });

  it('counts decimals as written, exponents included', () => {
    expect(decimalsOf('55')).toBe(0);
    expect(decimalsOf('0.05')).toBe(2);
    expect(decimalsOf('2.5e-2')).toBe(3);
    expect(decimalsOf('1e3')).toBe(0);
  });

  it('builds a grid with the first parameter varying slowest', () => {
    expect(gridPoints([[1, 2], [10, 20, 30]])).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
    expect(gridPoints([[0.1, 0.2]])).toEqual([[0.1], [0.2]]);
  });

  it('refuses grids that are too large', () => {
    const many = Array.from({ length: 100 }, (_, i) => i);
    expect(() => gridPoints([many, many])).toThrow(new RegExp(`more than the ${MAX_POINTS}`));
  });
});
