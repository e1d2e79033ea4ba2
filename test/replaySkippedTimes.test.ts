import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExport } from '../src/leads/replay/readExport.js';
import { TimestampParser } from '../src/leads/replay/timestamps.js';
import { cli, ROOT } from './helpers/scenario.js';

const parser = (format: string, timeZone = 'America/New_York') => new TimestampParser({ column: 'created', format, timeZone, timeOfDay: 'keep' });

/** The small fixture export with these arrival times in its "created" column, and its mapping with this format. */
function exportWith(times: string[], format: string): { leads: string; map: string } {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-skipped-'));
  const [header, ...rows] = readFileSync(`${ROOT}test/fixtures/crm/backtest-small.csv`, 'utf8').trim().split('\n');
  const leads = join(dir, 'leads.csv');
  writeFileSync(leads, [header, ...times.map((time, i) => rows[i % rows.length]!.replace(/^([^,]+),[^,]+,/, `L${i + 1},${time},`))].join('\n'));
  const map = join(dir, 'mapping.yaml');
  writeFileSync(map, readFileSync(`${ROOT}test/fixtures/crm/small-mapping.yaml`, 'utf8').replace('format: sql', `format: "${format}"`));
  return { leads, map };
}

// 2026-03-08 02:00-02:59 does not exist in New York (the clocks went from 02:00 to 03:00). Such times were read an
// hour off without a word, though a CRM never writes them in its own zone: the mapping's zone is probably wrong.
describe('arrival times the mapping zone skipped (spring forward)', () => {
  it('the parser tells them from existing times, on the fast reader and on luxon', () => {
    const sql = parser('yyyy-MM-dd HH:mm');
    for (const [text, skipped] of [['2026-03-08 02:30', true], ['2026-03-08 02:00', true], ['2026-03-08 01:59', false], ['2026-03-08 03:00', false], ['2026-11-01 01:30', false], ['2026-07-01 02:30', false]] as const) {
      expect(sql.parse(text, 'a')).not.toBeNaN();
      expect([text, sql.skipped]).toEqual([text, skipped]);
    }
    // Month names go through luxon, which moves 02:30 to 03:30.
    const named = parser('d LLL yyyy HH:mm');
    named.parse('8 Mar 2026 02:30', 'a');
    expect(named.skipped).toBe(true);
    named.parse('8 Mar 2026 03:30', 'a');
    expect(named.skipped).toBe(false);
    // A time with its own offset looks nothing up in the zone; UTC skips nothing.
    const iso = parser('iso');
    iso.parse('2026-03-08T02:30:00Z', 'a');
    expect(iso.skipped).toBe(false);
    const utc = parser('yyyy-MM-dd HH:mm', 'UTC');
    utc.parse('2026-03-08 02:30', 'a');
    expect(utc.skipped).toBe(false);
  });

  it('an export with them gets one note naming the file, the first line and column, and the fix', () => {
    const { leads, map } = exportWith(['2026-03-07 09:00', '2026-03-08 02:30', '2026-03-08 03:15', '2026-03-08 02:05', '2026-03-09 10:00'], 'yyyy-MM-dd HH:mm');
    const data = readExport(leads, map);
    expect(data.leads).toHaveLength(5);
    expect(data.notes).toEqual([
      `${leads}: 2 arrival times do not exist in America/New_York, whose clocks skip that hour when they go forward for daylight saving (first on line 3, "created": "2026-03-08 02:30"); they were read an hour off. The export was probably written in another time zone. Fix: set arrival.timeZone in ${map} to the zone the CRM exported in (its account or user setting; "UTC" if it exports UTC)`,
    ]);
    // Every time exists: no note.
    expect(readExport(exportWith(['2026-03-07 09:00', '2026-03-08 03:15', '2026-11-01 01:30'], 'yyyy-MM-dd HH:mm').leads, map).notes).toEqual([]);
  });

  it('backtest prints it once on stderr and still runs (exit 0: no row was left out)', () => {
    const { leads, map } = exportWith(['2026-03-07 09:00', '2026-03-08 02:30', '2026-03-08 02:45', '2026-03-09 10:00'], 'yyyy-MM-dd HH:mm');
    const run = cli(['backtest', '--leads', leads, '--map', map, '--scenario', 'scenarios/baseline.yaml']);
    expect(run.status).toBe(0);
    expect(run.stderr.match(/do not exist in America\/New_York/g)).toHaveLength(1);
    expect(run.stderr).toContain(`(first on line 3, "created": "2026-03-08 02:30")`);
  });
});
