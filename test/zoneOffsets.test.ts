import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneOffsets } from '../src/engine/calendar.js';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham', 'Asia/Tehran', 'UTC'];

describe('zone offset transition table', () => {
  it.each(ZONES)('%s: agrees with luxon at any instant of the decade', (zone) => {
    const table = ZoneOffsets.of(zone);
    const reference = IANAZone.create(zone);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2036, 0, 1) }), (t) => table.at(t) === reference.offset(t)),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('is exact on both sides of a DST change (New York, 2026-03-08 07:00 UTC)', () => {
    const table = ZoneOffsets.of('America/New_York');
    const change = Date.UTC(2026, 2, 8, 7);
    expect(table.at(change - 1)).toBe(-300);
    expect(table.at(change)).toBe(-240);
  });
});
