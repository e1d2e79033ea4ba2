import { describe, expect, it } from 'vitest';
import { percent, shareBound } from '../src/report/format.js';

// staff printed share intervals such as "82.4%-104.0%" and lower bounds of "-9.6%": a normal interval of a share can
// reach past 0 and 1, but a share cannot, so the text clips its bounds (the JSON keeps the raw interval).
describe('bounds of a share interval', () => {
  it('are shown clipped to 0-100%; values inside are unchanged', () => {
    expect(shareBound(1.04)).toBe('100.0%');
    expect(shareBound(-0.096)).toBe('0.0%');
    expect(shareBound(0.824)).toBe(percent(0.824));
    expect(shareBound(null)).toBe('-');
  });
});
