import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { datesOnlyWarning, readExport } from '../src/leads/replay/readExport.js';
import { TimestampParser } from '../src/leads/replay/timestamps.js';
import { cli, ROOT } from './helpers/scenario.js';

const parser = (format: string | string[], timeZone = 'America/New_York') => new TimestampParser({ column: 'c', format, timeZone, timeOfDay: 'keep' });

describe('arrival timestamps', () => {
  it('reads the formats CRMs export, in the mapping zone unless the text has an offset', () => {
    const ny = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
    expect(parser('yyyy-MM-dd HH:mm').parse('2026-01-15 09:32', 'a')).toBe(ny('2026-01-15T09:32'));
    expect(parser('M/d/yyyy h:mm a').parse('1/15/2026 12:05 AM', 'a')).toBe(ny('2026-01-15T00:05'));
    expect(parser('M/d/yyyy h:mm a').parse('1/15/2026 12:05 PM', 'a')).toBe(ny('2026-01-15T12:05'));
    expect(parser('sql').parse('2026-07-01 23:59:59', 'a')).toBe(ny('2026-07-01T23:59:59'));
    expect(parser('iso').parse('2026-07-01T10:00:00Z', 'a')).toBe(Date.UTC(2026, 6, 1, 10));
    expect(parser('iso').parse('2026-07-01T10:00:00+02:00', 'a')).toBe(Date.UTC(2026, 6, 1, 8));
    // Month names are not in the fast reader: luxon reads them.
    expect(parser('d LLL yyyy HH:mm').parse('15 Jan 2026 09:32', 'a')).toBe(ny('2026-01-15T09:32'));
    // A list is tried in order.
    expect(parser(['M/d/yyyy h:mm a', 'M/d/yyyy']).parse('1/15/2026', 'a')).toBe(ny('2026-01-15T00:00'));
  });

  it('rejects impossible dates and times instead of rolling them over', () => {
    for (const text of ['2026-02-30 09:00', '2026-13-01 09:00', '2026-01-01 24:10', '2026-01-01 09:60', 'soon', '']) expect(parser(['yyyy-MM-dd HH:mm', 'sql']).parse(text, 'a')).toBeNaN();
    expect(parser('M/d/yyyy h:mm a').parse('1/15/2026 13:05 PM', 'a')).toBeNaN();
  });

  it('the fast reader agrees with luxon on any existing local time, DST changes included', () => {
    const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'America/Sao_Paulo', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const local = DateTime.fromMillis(Math.floor(ms / 60_000) * 60_000, { zone });
        const text = local.toFormat('yyyy-MM-dd HH:mm');
        const expected = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
        expect(parser('yyyy-MM-dd HH:mm', zone).parse(text, 'a')).toBe(expected);
        expect(parser('M/d/yyyy h:mm a', zone).parse(local.toFormat('M/d/yyyy h:mm a'), 'a')).toBe(expected);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('date-only exports: the date is kept and the time spread over the hours by a seeded hash of the id', () => {
    const spread = new TimestampParser({ column: 'c', format: 'sql', timeZone: 'America/Sao_Paulo', timeOfDay: { spread: '09:00-18:00', seed: 1 } });
    const times = Array.from({ length: 2000 }, (_, i) => DateTime.fromMillis(spread.parse('2018-02-01 00:00:00', `id-${i}`), { zone: 'America/Sao_Paulo' }));
    for (const time of times) {
      expect(time.toISODate()).toBe('2018-02-01');
      expect(time.hour).toBeGreaterThanOrEqual(9);
      expect(time.hour).toBeLessThan(18);
    }
    // Uniform over nine hours: each hour's count is binomial(2000, 1/9); allow 5 standard deviations.
    const perHour = Array.from({ length: 9 }, (_, h) => times.filter((time) => time.hour === 9 + h).length);
    const sd = Math.sqrt(2000 * (1 / 9) * (8 / 9));
    for (const count of perHour) expect(Math.abs(count - 2000 / 9)).toBeLessThan(5 * sd);
    // The time depends only on (seed, id): another parser with the same settings gives the same instant.
    const again = new TimestampParser({ column: 'c', format: 'sql', timeZone: 'America/Sao_Paulo', timeOfDay: { spread: '09:00-18:00', seed: 1 } });
    expect(again.parse('2018-02-01 00:00:00', 'id-7')).toBe(spread.parse('2018-02-01 00:00:00', 'id-7'));
    const otherSeed = new TimestampParser({ column: 'c', format: 'sql', timeZone: 'America/Sao_Paulo', timeOfDay: { spread: '09:00-18:00', seed: 2 } });
    expect(otherSeed.parse('2018-02-01 00:00:00', 'id-7')).not.toBe(spread.parse('2018-02-01 00:00:00', 'id-7'));
  });
});

describe('a date-only export read as times', () => {
  // Cut the HubSpot example's Create Date to its date: every lead then "arrives" at midnight, without a word before.
  const dateOnly = (keepTimes: number): string => {
    const [header, ...rows] = parse(readFileSync(`${ROOT}examples/hubspot-contacts.csv`, 'utf8')) as string[][];
    const column = header!.indexOf('Create Date');
    const cut = rows.map((row, i) => (i < keepTimes ? row : row.map((cell, c) => (c === column ? cell.slice(0, 10) : cell))));
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-dates-')), 'dates.csv');
    writeFileSync(file, stringify([header!, ...cut]));
    return file;
  };

  it('warns that the export looks like dates only and names the mapping setting that spreads the times', () => {
    const file = dateOnly(0);
    const data = readExport(file, `${ROOT}mappings/hubspot-contacts.yaml`);
    expect(data.datesOnly).toBe(true);
    expect(datesOnlyWarning(data, 'speed to lead and SLA figures')).toBe(
      `${file}: all 1200 leads arrive at 00:00 (America/New_York): the export looks like dates only, and speed to lead and SLA figures would all start at midnight. Fix: add timeOfDay: { spread: "09:00-18:00" } under arrival in ${ROOT}mappings/hubspot-contacts.yaml (each lead gets a time inside those local hours), or export the time of day too`,
    );
    // One lead with a time of day is enough to tell it is not a date-only export.
    expect(readExport(dateOnly(1), `${ROOT}mappings/hubspot-contacts.yaml`).datesOnly).toBe(false);
  });

  // Each command names its own figures: backtest's scores do not depend on the time of day, so it says nothing, and
  // calibrate's summary no longer says the times came "from the export" as if they were real.
  it('replay and calibrate warn in their own terms, backtest does not warn', () => {
    const file = dateOnly(0);
    const map = `${ROOT}mappings/hubspot-contacts.yaml`;
    const replay = cli(['replay', `${ROOT}scenarios/baseline.yaml`, '--leads', file, '--map', map, '--replications', '1', '--json']);
    expect(replay.stderr).toContain('the export looks like dates only, and speed to lead and SLA figures would all start at midnight');
    const calibrated = cli(['calibrate', '--leads', file, '--map', map, '--replications', '0']);
    expect(calibrated.stderr).toContain('the export looks like dates only, and the calibrated hour-of-week shape would all start at midnight');
    expect(calibrated.stderr).toContain('times of day all 00:00 in the export: dates only? see the warning above)');
    // The scenario it writes says so too, rather than "hour-of-day shape from the export times".
    expect(calibrated.stdout).toContain('every export time is 00:00 (dates only?), so the hour-of-week shape puts all arrivals at midnight');
    const backtest = cli(['backtest', '--leads', file, '--map', map, '--scenario', `${ROOT}scenarios/baseline.yaml`]);
    expect(backtest.status).toBe(0);
    expect(backtest.stderr).not.toContain('00:00');
  });
});
