import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { loadMappingFile, parseMappingText } from '../src/leads/replay/loadMapping.js';
import { readExport, readExportWith } from '../src/leads/replay/readExport.js';
import { loadScenarioFile, parseScenarioText } from '../src/scenario/load.js';
import { cli, ROOT } from './helpers/scenario.js';

const CRM = `${ROOT}test/fixtures/crm`;
const MAPPING = `${CRM}/small-mapping.yaml`;
const work = mkdtempSync(join(tmpdir(), 'handoff-crm-'));
const SCENARIO = join(work, 'scenario.yaml');
writeFileSync(SCENARIO, 'name: tiny\nhorizonWeeks: 2\nwarmupWeeks: 0\nsources: { organic: { weeklyVolume: 10 } }\nteam: { sdr: { count: 1 }, ae: { count: 1 } }\npolicies: { current: {} }\n');

/** The InputError a read throws (the test fails if none is thrown). */
function inputError(read: () => unknown): InputError {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** Runs a command that reads the export; each class must give the same exit code and message from every command. */
const backtestRun = (file: string, ...extra: string[]) => cli(['backtest', '--leads', file, '--map', MAPPING, '--scenario', SCENARIO, ...extra]);

describe('bad exports: nothing is run (exit 2) and one message names the problem', () => {
  const cases: [string, string, RegExp][] = [
    ['mapped columns missing', 'missing-columns.csv', /arrival\.column: column "created" is not in the file \(small-mapping\.yaml reads it\)\. Fix: did you mean "created_at"\?[\s\S]*fit\.employeeBand\.column: column "emp" .*did you mean "employees"\?/],
    ['wrong delimiter', 'semicolon.csv', /csv\.delimiter \(line 1\): the header row is a single column .* with the comma delimiter; the file looks semicolon-separated\. Fix: set csv\.delimiter: ";"/],
    ['Windows-1252 bytes', 'latin1.csv', /csv\.encoding \(line 3\): not valid UTF-8 \(byte 0xE9 at line 3\).*Windows-1252.*Fix: save it again as "CSV UTF-8", or set csv\.encoding: windows-1252/],
    ['UTF-16 file', 'utf16.csv', /csv\.encoding: the file is UTF-16 .*Fix: save it again as "CSV UTF-8", or set csv\.encoding: utf-16le/],
    ['empty file', 'empty.csv', /the file is empty \(0 bytes\)/],
    ['header but no rows', 'header-only.csv', /the file has a header row but no data rows/],
  ];

  it.each(cases)('%s', (_name, fixture, message) => {
    const error = inputError(() => readExport(`${CRM}/${fixture}`, MAPPING));
    expect(error.message).toMatch(message);
    const run = backtestRun(`${CRM}/${fixture}`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing file and a missing mapping are one line each', () => {
    expect(backtestRun(`${CRM}/nope.csv`).stderr).toMatch(/nope\.csv: 1 problem\n\s+\(top level\): file not found/);
    const run = cli(['backtest', '--leads', `${CRM}/backtest-small.csv`, '--map', `${CRM}/nope.yaml`, '--scenario', SCENARIO]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/nope\.yaml: 1 problem\n\s+\(top level\): mapping file not found/);
  });

  // "...and 3 more" pointed nowhere: validate refused mappings ("not a scenario"), so the rest could not be seen.
  it('a mapping with more problems than a run lists points to validate, which lists them all and passes a good one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-many-')), 'many.yaml');
    writeFileSync(file, `${readFileSync(`${ROOT}mappings/hubspot-contacts.yaml`, 'utf8')}${Array.from({ length: 11 }, (_, i) => `bogus${i + 1}: 1\n`).join('')}`);
    const run = cli(['backtest', '--leads', 'examples/hubspot-contacts.csv', '--map', file, '--scenario', SCENARIO]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`\\n {2}\\.\\.\\.and 3 more \\(see them with: handoff validate ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\n$`));
    const checked = cli(['validate', file]);
    expect(checked.status).toBe(2);
    expect(checked.stderr.match(/^ {2}bogus\d+ \(line \d+\): unknown key/gm)).toHaveLength(11);
    const good = cli(['validate', 'mappings/olist-marketing-funnel.yaml']);
    expect(good.status).toBe(0);
    expect(good.stdout).toBe('mappings/olist-marketing-funnel.yaml: ok — CRM mapping "olist-marketing-funnel", reads 6 columns (first_contact_date, mql_id, origin, sdr_id, sr_id, won_date); give it with --map\n');
  });

  // A folder given for a file was "cannot be read (EISDIR: illegal operation on a directory, read)".
  it('a folder given for the export, the mapping or the scenario is named as a folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'handoff-folder-'));
    const problem = (read: () => unknown) => inputError(read).problems.map(({ message }) => message);
    expect(problem(() => readExport(folder, MAPPING))).toEqual(['this is a folder, not a file']);
    expect(problem(() => loadMappingFile(folder))).toEqual(['this is a folder, not a file']);
    expect(problem(() => loadScenarioFile(folder))).toEqual(['this is a folder, not a file']);
    // The fix said "bundled scenarios live in scenarios/", also for scenarios/ itself: it names the folder's scenario files.
    const fixOf = (path: string) => inputError(() => loadScenarioFile(path)).problems.map(({ fix }) => fix);
    expect(fixOf(`${ROOT}scenarios/validation`)).toEqual([`give one of its scenario files: ${ROOT}scenarios/validation/erlang-a.yaml, ${ROOT}scenarios/validation/erlang-c.yaml`]);
    expect(fixOf(`${ROOT}scenarios`)[0]).toMatch(/^give one of its scenario files: \S+abm-overlay\.yaml, \S+baseline\.yaml, \S+global-teams\.yaml, \S+large-company\.yaml \(\d+ more\)$/);
    expect(fixOf(folder)).toEqual(['give a scenario file; this folder has no .yaml file']);
  });

  // An empty or comment-only file was told it "must be a mapping of keys", with no fix.
  it('an empty mapping or scenario is called empty, with a file to start from', () => {
    for (const text of ['', '# nothing yet\n']) {
      expect(inputError(() => parseMappingText(text, 'm.yaml')).problems).toEqual([{ path: '', message: 'the file is empty (no keys)', fix: 'start from a ready mapping, e.g. mappings/hubspot-contacts.yaml (handoff schema --mapping lists every key)' }]);
      expect(inputError(() => parseScenarioText(text, 's.yaml')).problems).toEqual([{ path: '', message: 'the file is empty (no keys)', fix: 'start from a bundled scenario, e.g. scenarios/baseline.yaml (handoff schema lists every key)' }]);
    }
    expect(inputError(() => parseMappingText('- a\n', 'm.yaml')).problems[0]!.fix).toMatch(/^start from a ready mapping/);
  });

  // A mapped column named twice in the header was read from the first, without a word; the other may be the right one.
  it('a mapped column that is in the header twice is refused, naming both places', () => {
    const [header, ...rows] = readFixture('backtest-small.csv');
    const file = join(work, 'twice.csv');
    writeFileSync(file, [`${header},stage,note`, ...rows.map((row) => `${row},won,x`)].join('\n'));
    expect(inputError(() => readExport(file, MAPPING)).problems).toEqual([
      { path: 'outcome.stages.0.when.column', message: 'column "stage" is in the header 2 times (columns 19, 20), so which one small-mapping.yaml reads is unclear', fix: 'rename or remove all but one of them in the export' },
    ]);
  });

  // The joined file's path is the mapping's join.file: the fix used to point at --leads, which was right.
  it('a missing joined file names the mapping\u2019s join.file and where it was looked for', () => {
    const leads = join(mkdtempSync(join(tmpdir(), 'handoff-join-')), 'mqls.csv');
    writeFileSync(leads, 'mql_id,first_contact_date,landing_page_id,origin\nabc,2017-06-14,p1,organic_search\n');
    const error = inputError(() => readExport(leads, `${ROOT}mappings/olist-marketing-funnel.yaml`));
    expect(error.file).toBe(`${ROOT}mappings/olist-marketing-funnel.yaml`);
    expect(error.problems).toEqual([
      { path: 'join.file', message: `"closed_deals.csv" is not there: it is read next to the leads file, as ${join(leads, '..', 'closed_deals.csv')}`, fix: `put the joined export beside ${leads}, or give join.file relative to it` },
    ]);
  });

  // A folder there was read as the export, and the fix said "check the path given to --leads".
  it('a joined file that is a folder names the mapping’s join.file', () => {
    const leads = join(mkdtempSync(join(tmpdir(), 'handoff-join-')), 'mqls.csv');
    writeFileSync(leads, 'mql_id,first_contact_date,landing_page_id,origin\nabc,2017-06-14,p1,organic_search\n');
    mkdirSync(join(leads, '..', 'closed_deals.csv'));
    const error = inputError(() => readExport(leads, `${ROOT}mappings/olist-marketing-funnel.yaml`));
    expect(error.file).toBe(`${ROOT}mappings/olist-marketing-funnel.yaml`);
    expect(error.problems).toEqual([
      { path: 'join.file', message: `"closed_deals.csv" is a folder (${join(leads, '..', 'closed_deals.csv')}), not a file`, fix: 'give join.file as the joined CSV file itself, relative to the leads file' },
    ]);
  });

  it('a misspelt signal of a mapping gets the nearest signal; an unknown one points to the mapping schema', () => {
    const text = readFileSync(`${ROOT}mappings/hubspot-contacts.yaml`, 'utf8');
    const misspelt = inputError(() => parseMappingText(text.replace('pricingView:', 'pricingViews:'), 'm.yaml'));
    expect(misspelt.problems[0]).toMatchObject({ path: 'intent.pricingViews', fix: 'did you mean "pricingView"?' });
    const unknown = inputError(() => parseMappingText(text.replace('pricingView:', 'zzzqqq:'), 'm.yaml'));
    expect(unknown.problems[0]).toMatchObject({ path: 'intent.zzzqqq', fix: 'remove it (see `handoff schema --mapping` for the allowed keys)' });
  });

  it('a join key spelt differently in the joined file is named, with the spelling that file has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-join-'));
    writeFileSync(join(dir, 'mqls.csv'), 'mql_id,first_contact_date,landing_page_id,origin\nabc,2017-06-14,p1,organic_search\n');
    writeFileSync(join(dir, 'closed_deals.csv'), 'MQL_ID,won_date\nabc,2017-07-01\n');
    const error = inputError(() => readExport(join(dir, 'mqls.csv'), `${ROOT}mappings/olist-marketing-funnel.yaml`));
    expect(error.file).toBe(join(dir, 'closed_deals.csv'));
    expect(error.problems[0]).toMatchObject({ path: 'join.on', fix: 'this file has "MQL_ID"; join.on is matched exactly in both files, so make the two headers agree' });
  });

  // yyyy-mm-dd reads minutes twice and no month: luxon then put every date in January, without a word.
  it('a date format without a month (mm for MM) is refused when the mapping is read, with the format to use', () => {
    const problems = inputError(() => parseMappingText(readMapping().replace('format: sql', 'format: [iso, yyyy-mm-dd HH:mm:ss]'), 'm.yaml')).problems;
    expect(problems).toMatchObject([
      { path: 'arrival.format.1', message: '"yyyy-mm-dd HH:mm:ss" has no month (M, MM, MMM or L...; mm is minutes)', fix: 'write "yyyy-MM-dd HH:mm:ss"' },
    ]);
  });

  // Swapped, the CSV failed as YAML on every line ("Implicit keys need to be on a single line") with no word of --leads.
  it('an export given as the mapping, or a mapping as the export, is named for what it is', () => {
    const csv = join(work, 'leads.csv');
    writeFileSync(csv, 'id,created,source\nL1,2026-01-05 09:00:00,web\n');
    expect(inputError(() => loadMappingFile(csv)).problems).toEqual([
      { path: '', line: 1, message: 'this looks like a CSV export (its first line is a header of columns), not a mapping', fix: 'give the export with --leads and the mapping (YAML) with --map; were the two swapped?' },
    ]);
    expect(inputError(() => readExport(MAPPING, MAPPING)).problems).toEqual([
      { path: '', line: 1, message: 'this is YAML (a mapping or a scenario), not a CSV export', fix: 'give the export (CSV) with --leads and the mapping with --map; were the two swapped?' },
    ]);
  });

  // YYYY is no luxon token and DD is a whole localized date: every row failed as "unparseable date".
  it('a date format in moment/Excel tokens is refused when the mapping is read, with the luxon spelling', () => {
    const problems = inputError(() => parseMappingText(readMapping().replace('format: sql', 'format: [iso, "MM/DD/YYYY hh:mm A"]'), 'm.yaml')).problems;
    expect(problems).toMatchObject([
      { path: 'arrival.format.1', message: '"MM/DD/YYYY hh:mm A" has moment/Excel tokens that luxon reads otherwise (its year is yyyy, day of month d or dd, AM/PM a)', fix: 'write "MM/dd/yyyy hh:mm a"' },
    ]);
    // An ISO timestamp in moment tokens is what iso reads (the first fix, "yyyy-MM-ddTHH:mm:ssZ", failed every row).
    expect(inputError(() => parseMappingText(readMapping().replace('format: sql', 'format: ["YYYY-MM-DDTHH:mm:ssZ"]'), 'm.yaml')).problems).toMatchObject([{ path: 'arrival.format.0', fix: 'write iso (it reads 2026-01-05T09:30:00Z and any offset)' }]);
    expect(inputError(() => parseMappingText(readMapping().replace('format: sql', 'format: ["DD.MM.YYYY HH:mm"]'), 'm.yaml')).problems).toMatchObject([{ fix: 'write "dd.MM.yyyy HH:mm"' }]);
    // Quoted literal text and luxon's own spellings are left alone.
    expect(() => parseMappingText(readMapping().replace('format: sql', `format: "yyyy-MM-dd'T'HH:mm 'YDA'"`), 'm.yaml')).not.toThrow();
  });

  // generate --format jsonl writes JSON lines; read as CSV they failed on their quotes ("a quoted cell is probably not closed").
  it('JSON lines given as the export are named for what they are', () => {
    const file = join(work, 'leads.jsonl');
    writeFileSync(file, '{"id":"L1","created":"2026-01-05 09:00:00"}\n{"id":"L2","created":"2026-01-05 10:00:00"}\n');
    expect(inputError(() => readExport(file, MAPPING)).problems).toEqual([
      { path: '', line: 1, message: 'this is JSON (e.g. generate --format jsonl), not a CSV export', fix: 'replay, calibrate and backtest read CSV: export the report as CSV (or generate --format csv)' },
    ]);
  });

  // An .xlsx is a ZIP archive: read as UTF-8 it was called Windows-1252 and the fix offered another encoding.
  it('a workbook or archive given as the export is named for what it is, not as an encoding problem', () => {
    const saveAs = 'replay, calibrate and backtest read CSV: open it and save as "CSV UTF-8" (or export the report as CSV)';
    /** The start of a ZIP file whose first entry is `name` (local file header: the name's length at 26, the name at 30). */
    const zipStart = (name: string): number[] => {
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(name.length, 26);
      return [...header, ...Buffer.from(name, 'latin1'), 0xe9, 0xff];
    };
    const kinds: [string, number[], string, string][] = [
      ['leads.xlsx', zipStart('[Content_Types].xml'), 'this is an Excel workbook (.xlsx), not a CSV export', saveAs],
      ['leads.ods', zipStart('mimetype'), 'this is an OpenDocument workbook (.ods), not a CSV export', saveAs],
      // A zipped CSV was told to open it and save as CSV, as if it were a workbook.
      ['leads.zip', zipStart('leads.csv'), 'this is a ZIP archive (its first file is "leads.csv"), not a CSV export', 'replay, calibrate and backtest read CSV: unzip it and give the CSV inside'],
      ['cut.zip', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'this is a ZIP file (an Excel .xlsx or OpenDocument .ods workbook is one), not a CSV export', saveAs],
      ['leads.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0xe9], 'this is an Excel 97-2003 (.xls) workbook, not a CSV export', saveAs],
      // The gzip message said "gunzip it first" and its fix "save as CSV".
      ['leads.csv.gz', [0x1f, 0x8b, 0x08, 0x00, 0xe9], 'this is a gzip-compressed file, not a CSV export', 'replay, calibrate and backtest read CSV: decompress it first (gunzip) and give the CSV inside'],
    ];
    for (const [name, bytes, message, fix] of kinds) {
      const file = join(work, name);
      writeFileSync(file, Buffer.from(bytes));
      expect(inputError(() => readExport(file, MAPPING)).problems).toEqual([{ path: '', message, fix }]);
    }
  });

  // An unclosed quote was reported at the file's last line (where csv-parse gave up), and a stray quote inside a
  // cell was told that a quote "is probably not closed".
  it('a quote problem names the line where it starts and the fix for that kind of quote', () => {
    const [header, ...rows] = readFixture('backtest-small.csv');
    const file = join(work, 'quotes.csv');
    const check = (lines: string[], problem: object) => {
      writeFileSync(file, `${lines.join('\n')}\n`);
      expect(inputError(() => readExport(file, MAPPING)).problems).toEqual([problem]);
    };
    const inside = 'put the whole cell in quotes and write each quote inside it twice ("Acme ""Best"" Inc"), or export again';
    // A closed multi-line cell on line 3 moves every later row down a line: the open quote is on line 6.
    const quoted = [`${header},note`, `${rows[0]},x`, `${rows[1]},"two\nlines"`, `${rows[2]},x`, `${rows[3]},"never closed`, ...rows.slice(4).map((row) => `${row},x`)];
    check(quoted, { path: '', line: 6, message: 'a quoted cell in the row starting on this line is never closed, so the rest of the file was read as part of it', fix: 'close that quote; a quote inside a quoted cell is written twice ("")' });
    check([header!, rows[0]!, rows[1]!.replace(',organic,', ',org"anic,'), ...rows.slice(2)], { path: '', line: 3, message: 'cell 3 ("source") has a quote inside it but does not start with one', fix: inside });
    check([header!, rows[0]!, rows[1]!.replace(',organic,', ',"organic"x,'), ...rows.slice(2)], { path: '', line: 3, message: 'cell 3 ("source") has text after its closing quote', fix: inside });
  });

  it('a mapping with an unknown key or a bad rule names the key, its line and a suggestion', () => {
    const text = 'name: m\narrival: { column: created, formt: sql }\nsource: { column: source }\nfit:\n  geo: { column: geo, truthy: true, in: [x] }\n';
    const error = inputError(() => parseMappingText(text, 'm.yaml'));
    expect(error.message).toMatch(/arrival\.formt \(line 2\): unknown key "formt"\. Fix: did you mean "format"\?/);
    expect(error.message).toMatch(/fit\.geo \(line 5\): give exactly one test/);
  });

  // It was zod's own "Too big: expected string to have exactly 1 characters", with no fix.
  it('a csv.delimiter of more than one character says how long it is and what it needs', () => {
    const error = inputError(() => parseMappingText(`${readMapping()}\ncsv: { delimiter: ";;" }\n`, 'm.yaml'));
    expect(error.problems).toEqual([{ path: 'csv.delimiter', line: 32, message: 'has 2 characters; it needs exactly 1', fix: 'give exactly 1 character' }]);
  });

  it('a file the encoding setting does fit reads cleanly, accents kept in the source name', () => {
    const mapping = parseMappingText(`${readMapping()}\ncsv: { encoding: windows-1252 }\n`, 'm.yaml');
    const data = readExportWith(`${CRM}/latin1.csv`, mapping, 'm.yaml');
    expect(data.leads.map((lead) => lead.source)).toContain('reference');
    expect(data.unusableRows).toBe(0);
  });
});

describe('bad rows: the rest is used (exit 3), each class reported once with counts and line numbers', () => {
  // "2026-02-30 09:30:00" has the format; the day does not exist. Calling it "not SQL" sent people to the mapping.
  it('unparseable, impossible and empty dates', () => {
    const data = readExport(`${CRM}/bad-dates.csv`, MAPPING);
    expect(data.leads).toHaveLength(7);
    expect(data.unusableRows).toBe(3);
    expect(data.problems).toEqual([
      { problem: 'unparseable date in "created"', count: 1, lines: [4], example: '"05.01.2026 11:00" is not SQL (2024-01-15 09:30:00)', fix: expect.stringMatching(/arrival\.format/) as unknown as string, column: 'created' },
      { problem: 'impossible date in "created"', count: 1, lines: [5], example: '"2026-02-30 09:30:00" has the format sql but no such date or time exists', fix: expect.stringMatching(/^correct those cells in the export/) as unknown as string, column: 'created' },
      { problem: 'empty date in "created"', count: 1, lines: [8], example: 'an empty cell', fix: 'every lead needs its creation time', column: 'created' },
    ]);
    const run = backtestRun(`${CRM}/bad-dates.csv`);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/bad-dates\.csv: 3 of 10 rows cannot be used and were left out:\n\s+unparseable date in "created": 1 row \(line 4\), e\.g\. "05\.01\.2026 11:00" is not SQL/);
    expect(run.stderr).toMatch(/empty date in "created": 1 row \(line 8\)/);
    expect(run.stdout).toMatch(/on 7 historical leads/);
  });

  // A day-first export read month-first: "13/05/2026" was "impossible, correct those cells", and the dates up to the 12th, read swapped, went unmentioned.
  it('a month over 12 under a month-first format names the day-first format to write', () => {
    const mapping = parseMappingText(readMapping().replace('format: sql', 'format: "MM/dd/yyyy HH:mm"'), 'm.yaml');
    const [header, ...rows] = readFixture('backtest-small.csv');
    const file = join(work, 'day-first.csv');
    writeFileSync(file, [header, ...rows.map((row, i) => row.replace(/2026-01-0\d \d\d:\d\d:00/, i < 2 ? '13/01/2026 09:00' : '05/01/2026 09:00'))].join('\n'));
    expect(readExportWith(file, mapping, 'm.yaml').problems).toEqual([
      { problem: 'month over 12 in "created"', count: 2, lines: [2, 3], example: '"13/01/2026 09:00" read as MM/dd/yyyy HH:mm', fix: 'the export looks day-first: write "dd/MM/yyyy HH:mm" in arrival.format; as it is, every date with a day up to 12 is read with day and month swapped', column: 'created' },
    ]);
  });

  it('duplicate ids keep the first row of each id', () => {
    const data = readExport(`${CRM}/duplicate-ids.csv`, MAPPING);
    expect(data.leads.map((lead) => lead.id)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']);
    expect(data.problems).toEqual([expect.objectContaining({ problem: 'duplicate id in "id"', count: 2, lines: [6, 10], example: '"L2" (first on line 3)' })]);
    const run = backtestRun(`${CRM}/duplicate-ids.csv`);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/duplicate id in "id": 2 rows \(lines 6, 10\), e\.g\. "L2" \(first on line 3\)/);
  });

  it('rows with too few or too many cells, bad numbers and non yes/no flags', () => {
    const file = join(work, 'ragged.csv');
    const [header, ...rows] = readFixture('backtest-small.csv');
    writeFileSync(file, [header, rows[0], rows[1]!.split(',').slice(0, 5).join(','), `${rows[2]},extra`, rows[3]!.replace(',40000,', ',forty,'), rows[4]!.replace(',yes,yes,yes,yes,yes,', ',maybe,yes,yes,yes,yes,'), ...rows.slice(5)].join('\n'));
    const data = readExport(file, MAPPING);
    expect(data.problems.map((entry) => [entry.problem, entry.count, entry.lines])).toEqual([
      ['wrong number of cells', 2, [3, 4]],
      ['unparseable number in "acv"', 1, [5]],
      ['not a yes/no value in "emp"', 1, [6]],
    ]);
    expect(data.leads).toHaveLength(6);
  });

  it('--strict turns unusable rows into exit 2 before anything runs', () => {
    const run = backtestRun(`${CRM}/duplicate-ids.csv`, '--strict');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    // The column is the problem's path (it said "(top level)"); a whole-row problem gives its line alone.
    expect(run.stderr).toMatch(/\n {2}id \(line 6\): duplicate id in "id": 2 rows \(lines 6, 10\).*drop --strict/);
    const ragged = join(work, 'ragged.csv');
    const [header, ...rows] = readFileSync(`${CRM}/duplicate-ids.csv`, 'utf8').trimEnd().split('\n');
    writeFileSync(ragged, [header, `${rows[0]},extra`, ...rows.slice(1)].join('\n'));
    expect(backtestRun(ragged, '--strict').stderr).toMatch(/\n {2}line 2: wrong number of cells: 1 row \(line 2\)/);
  });

  it('a file where no row is usable runs nothing (exit 2)', () => {
    const file = join(work, 'all-bad.csv');
    const [header, ...rows] = readFixture('backtest-small.csv');
    writeFileSync(file, [header, ...rows.map((row) => row.replace(/2026-01-0\d /, 'someday '))].join('\n'));
    const run = backtestRun(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unparseable date in "created": 10 rows \(lines 2, 3, 4, 5, 6, \.\.\. \(5 more\)\).*no row is usable/);
  });

  it('replay: leads from a source the scenario lacks are reported, the rest replayed', () => {
    const file = join(work, 'other-source.csv');
    const [header, ...rows] = readFixture('backtest-small.csv');
    writeFileSync(file, [header, ...rows.map((row, i) => (i % 3 === 0 ? row.replace(',organic,', ',webinars,') : row))].join('\n'));
    const run = cli(['replay', SCENARIO, '--leads', file, '--map', MAPPING, '--replications', '1', '--quiet']);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/4 of 10 rows cannot be used and were left out:\n\s+source "webinars" is not in the scenario: 4 rows \(lines 2, 5, 8, 11\).*add a source named "webinars"/);
    expect(run.stdout).toMatch(/Replayed 6 of 10 leads/);
    expect(run.stdout).toMatch(/Inquiries \(measured\)\s+6\n/);
  });

  // A taken --out failed only after the work: its one message followed the rows left out, listed as if it had run.
  it('an --out that holds an earlier run is refused before the export is read: one message', () => {
    const taken = mkdtempSync(join(tmpdir(), 'handoff-taken-'));
    writeFileSync(join(taken, 'manifest.json'), '{}');
    const only = `${taken} already exists and is not empty; results never overwrite an earlier run (choose another --out)\n`;
    const backtest = backtestRun(`${CRM}/duplicate-ids.csv`, '--out', taken);
    const replay = cli(['replay', SCENARIO, '--leads', `${CRM}/duplicate-ids.csv`, '--map', MAPPING, '--replications', '1', '--quiet', '--out', taken]);
    for (const run of [backtest, replay]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(only);
      expect(run.stdout).toBe('');
    }
  });

  it('every row usable: exit 0 and nothing on stderr', () => {
    const run = backtestRun(`${CRM}/backtest-small.csv`);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});

function readFixture(name: string): string[] {
  return readText(`${CRM}/${name}`).trimEnd().split('\n');
}

function readMapping(): string {
  return readText(MAPPING);
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
