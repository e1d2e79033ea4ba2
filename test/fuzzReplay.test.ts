/**
 * Input fuzzing, layer 4 (issue #8): replay mapping files and CSV exports. Mappings (generated from the mapping
 * schema, then mutated or corrupted) load or are InputErrors naming the file and a field or line. Exports written
 * for a mapping -- with missing mapped columns, unparseable dates, bad numbers, duplicate ids, ragged rows,
 * formula-looking and huge cells, a wrong delimiter, a BOM, Latin-1 or UTF-16 bytes, no rows -- are read into
 * usable leads plus row problems that name their column and lines, or rejected with an InputError naming the file
 * and a mapping field or a line. A few go through `handoff replay`, `backtest` and `calibrate` (exit 0, 3 or 2).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, isUserError } from '../src/errors.js';
import { backtest } from '../src/experiment/backtest.js';
import { calibrate } from '../src/experiment/calibrate.js';
import { replayFrame } from '../src/leads/replay/frame.js';
import { parseMappingText } from '../src/leads/replay/loadMapping.js';
import { readExportWith, type ExportData } from '../src/leads/replay/readExport.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { cliViolations, jsonStdoutViolations, runCliAsync, showRun } from './helpers/fuzzCli.js';
import { ROOT } from './helpers/scenario.js';
import { mutationPaths, nonFinite, parsedInput, rejectionViolations, related } from './helpers/fuzzCheck.js';
import { CLEAN, csvDamage, exportFor, SCENARIO_SOURCES, usableMapping, validMapping, writeCsv, type CsvDamage } from './helpers/fuzzCsv.js';
import { CaseCounter, counted } from './helpers/fuzzReport.js';
import { corrupt, corruption, describeCase, mutatedScenario, type Raw } from './helpers/fuzzScenario.js';

const RUNS = { mappingValid: 200, mappingMutated: 300, mappingCorrupted: 250, exports: 250, downstream: 50, cliPairs: 5 };
const MAPPING_FILE = 'test/fixtures/fuzz/in memory mapping.yaml';
const work = mkdtempSync(join(tmpdir(), 'handoff-fuzz-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SCENARIO_TEXT = stringify({
  name: 'replay-fuzz',
  horizonWeeks: 2,
  warmupWeeks: 0,
  drainDays: 2,
  sources: Object.fromEntries(SCENARIO_SOURCES.map((name) => [name, { weeklyVolume: 10 }])),
  team: { sdr: { count: 2, calendar: 'always' }, ae: { count: 1, calendar: 'always' } },
  prospect: { hours: 'any' },
  policies: { current: {}, tighter: { extends: 'current', scoring: { threshold: 80 } } },
  limits: { maxEvents: 300_000 },
});
const SCENARIO_FILE = join(work, 'replay scenario.yaml');
writeFileSync(SCENARIO_FILE, SCENARIO_TEXT);
const SCENARIO = parseScenarioText(SCENARIO_TEXT, SCENARIO_FILE);

function mappingRejection(error: unknown, text: string, input: unknown): InputError {
  const violations = rejectionViolations(error, MAPPING_FILE, text, { roots: [input] });
  if (violations.length > 0) throw new Error(`${violations.join('\n')}\n--- mapping (${MAPPING_FILE}) ---\n${describeCase(text)}`);
  return error as InputError;
}

type ExportCase = typeof exportCase extends fc.Arbitrary<infer T> ? T : never;

/**
 * Writes the case's CSV and reads it through the mapping. A rejection must name the file and a field or line,
 * and a dropped mapped column must be the problem it reports (at its mapping path); a read must not have
 * missed a dropped column.
 */
function readCase({ raw, mapping, damage, table }: ExportCase): { bytes: Buffer; data: ExportData } | { bytes: Buffer; rejection: InputError } {
  const bytes = writeCsv(table.header, table.rows, damage);
  const { csvFile } = writeCase(raw, bytes);
  let data: ExportData;
  try {
    data = readExportWith(csvFile, mapping, MAPPING_FILE);
  } catch (error) {
    const violations = rejectionViolations(error, csvFile, bytes.toString('latin1'), { roots: [mapping], wholeFile: /file is empty|no data rows/ });
    if (violations.length > 0) throw new Error(`${violations.join('\n')}\n(damage ${JSON.stringify(damage)})\n--- header ---\n${table.header.join(' | ')}`);
    const rejection = error as InputError;
    if (table.dropped !== null && !rejection.problems.some((problem) => problem.message.includes(`column "${table.dropped}" is not in the file`) && problem.path !== '')) {
      throw new Error(`dropped column "${table.dropped}" not reported:\n${rejection.message}`);
    }
    return { bytes, rejection };
  }
  if (table.dropped !== null) throw new Error(`mapped column "${table.dropped}" was dropped from the file, yet it was read (damage ${JSON.stringify(damage)})`);
  return { bytes, data };
}

/** Lines of the decoded CSV text (for the line-number bounds of row problems). */
function decodedLineCount(bytes: Buffer, damage: CsvDamage): number {
  const text = damage.encoding === 'utf-16le' ? bytes.subarray(2).toString('utf16le') : bytes.toString(damage.encoding === 'latin1' ? 'latin1' : 'utf8');
  return text.replace(/\r\n?/g, '\n').split('\n').length;
}

/** A short class of a rejected export, for the case counts. */
function rejectionKind(error: InputError): string {
  const first = error.problems[0]!;
  if (/no row is usable/.test(first.message)) return 'no row usable';
  if (/is not in the file/.test(first.message)) return 'mapped column missing';
  if (first.path !== '') return first.path;
  return first.message.replace(/ \(.*| \d.*|:.*/s, '');
}

/** Invariants of a successful read: every row used or counted, finite fields, problems naming a column and lines. */
function exportViolations(data: ExportData, lineCount: number): string[] {
  const out: string[] = [];
  if (data.leads.length + data.unusableRows !== data.totalRows) out.push(`${data.leads.length} leads + ${data.unusableRows} unusable != ${data.totalRows} rows`);
  if (data.leads.length === 0) out.push('a read with no usable lead did not throw');
  data.leads.forEach((lead, i) => {
    if (!Number.isFinite(lead.arrivalMs)) out.push(`line ${lead.line}: arrivalMs ${lead.arrivalMs}`);
    if (i > 0 && lead.arrivalMs < data.leads[i - 1]!.arrivalMs) out.push('leads are not sorted by arrival');
    for (const [field, value] of [['acv', lead.acv], ['daysInactive', lead.daysInactive]] as const) if (value !== null && !(Number.isFinite(value) && value >= 0)) out.push(`line ${lead.line}: ${field} ${value}`);
    if (lead.source.trim() === '') out.push(`line ${lead.line}: empty source name`);
  });
  for (const entry of data.problems) {
    if (!/"[^"]*"|wrong number of cells/.test(entry.problem)) out.push(`row problem names no column: ${entry.problem}`);
    if (entry.lines.length === 0 || entry.count < entry.lines.length) out.push(`row problem without lines: ${entry.problem}`);
    for (const line of entry.lines) if (!(Number.isInteger(line) && line >= 2 && line <= lineCount)) out.push(`row problem line ${line} outside 2..${lineCount}: ${entry.problem}`);
    if (entry.fix.trim() === '' || entry.example === '') out.push(`row problem without a fix or example: ${entry.problem}`);
  }
  return out;
}

/** A generated mapping, loaded (the export arbitraries need the parsed Mapping). */
const loadedMapping = usableMapping.map((raw) => ({ raw, mapping: parseMappingText(stringify(raw), MAPPING_FILE) }));

/** A mapping and an export for it, written to disk. */
const exportCase = loadedMapping.chain(({ raw, mapping }) =>
  csvDamage.chain((damage) => exportFor(mapping, damage.dropMappedColumn).map((table) => ({ raw, mapping, damage, table }))),
);

let caseIndex = 0;
function writeCase(raw: Raw, bytes: Buffer): { dir: string; csvFile: string; mappingFile: string } {
  const dir = join(work, `case-${caseIndex++}`);
  mkdirSync(dir);
  const csvFile = join(dir, 'export leads.csv');
  const mappingFile = join(dir, 'mapping.yaml');
  writeFileSync(csvFile, bytes);
  writeFileSync(mappingFile, stringify(raw));
  return { dir, csvFile, mappingFile };
}

describe('fuzz: replay mapping files (parseMappingText)', () => {
  it(`valid generated mappings load (${RUNS.mappingValid} cases, seed 31)`, async () => {
    const counter = new CaseCounter('mapping/valid generated');
    await counted(counter, () =>
      fc.assert(
        fc.property(validMapping, fc.boolean(), (raw, asJson) => {
          const text = asJson ? JSON.stringify(raw) : stringify(raw);
          try {
            parseMappingText(text, MAPPING_FILE);
          } catch (error) {
            throw new Error(`a valid mapping was rejected: ${(error as Error).message}\n--- mapping ---\n${text}`);
          }
          counter.add(asJson ? 'json' : 'yaml');
        }),
        { seed: 31, numRuns: RUNS.mappingValid, endOnFailure: true },
      ),
    );
  });

  it(`one-field mutations load or are rejected naming the field (${RUNS.mappingMutated} cases, seed 32)`, async () => {
    const counter = new CaseCounter('mapping/one-field mutations');
    await counted(counter, () =>
      fc.assert(
        fc.property(mutatedScenario(validMapping), fc.boolean(), ({ mutated, mutation }, asJson) => {
          const text = asJson ? JSON.stringify(mutated) : stringify(mutated);
          try {
            parseMappingText(text, MAPPING_FILE);
            counter.add('loaded');
          } catch (error) {
            const rejection = mappingRejection(error, text, mutated);
            counter.add('rejected');
            const candidates = mutationPaths(mutation);
            if (!rejection.problems.some((problem) => candidates.some((path) => related(problem.path, path)))) {
              throw new Error(`no problem names the mutated field ${candidates.join(' or ')}:\n${rejection.message}\n--- mapping ---\n${describeCase(text)}`);
            }
          }
        }),
        { seed: 32, numRuns: RUNS.mappingMutated, endOnFailure: true },
      ),
    );
    // Both outcomes occurred, so each half of the property was checked.
    expect(counter.get('loaded')).toBeGreaterThan(0);
    expect(counter.get('rejected')).toBeGreaterThan(0);
  });

  it(`corrupted mapping text loads or names a line (${RUNS.mappingCorrupted} cases, seed 33)`, async () => {
    const counter = new CaseCounter('mapping/raw text corruption');
    await counted(counter, () =>
      fc.assert(
        fc.property(validMapping, fc.boolean(), fc.array(corruption, { minLength: 1, maxLength: 3 }), (raw, asJson, damage) => {
          const text = damage.reduce((current, c) => corrupt(current, c), asJson ? JSON.stringify(raw, null, 2) : stringify(raw));
          try {
            parseMappingText(text, MAPPING_FILE);
            counter.add('loaded');
          } catch (error) {
            mappingRejection(error, text, parsedInput(text));
            counter.add('rejected');
          }
        }),
        { seed: 33, numRuns: RUNS.mappingCorrupted, endOnFailure: true },
      ),
    );
    // Both outcomes occurred, so each half of the property was checked.
    expect(counter.get('loaded')).toBeGreaterThan(0);
    expect(counter.get('rejected')).toBeGreaterThan(0);
  });
});

describe('fuzz: CSV exports read through a mapping (readExportWith)', () => {
  it(`every export is read into leads plus located row problems, or rejected naming the file and a field or line (${RUNS.exports} cases, seed 34)`, async () => {
    const counter = new CaseCounter('export/generated CSV files');
    await counted(counter, () =>
      fc.assert(
        fc.property(exportCase, (exportCase) => {
          const read = readCase(exportCase);
          if ('rejection' in read) {
            counter.add(`rejected: ${rejectionKind(read.rejection)}`);
            return;
          }
          const { bytes, data } = read;
          const { damage } = exportCase;
          const violations = exportViolations(data, decodedLineCount(bytes, damage));
          if (violations.length > 0) throw new Error(`${violations.join('\n')}\n(damage ${JSON.stringify(damage)})`);
          counter.add(data.unusableRows === 0 ? 'read: every row used' : 'read: some rows left out');
        }),
        { seed: 34, numRuns: RUNS.exports, endOnFailure: true },
      ),
    );
    // Both branches were taken: exports were read (their rows checked) and rejected (their messages checked).
    expect(counter.get('read: every row used') + counter.get('read: some rows left out')).toBeGreaterThan(0);
    expect(counter.total - counter.get('read: every row used') - counter.get('read: some rows left out')).toBeGreaterThan(0);
  });

  it(`usable exports frame, backtest and calibrate in process without NaN (${RUNS.downstream} cases, seed 35)`, async () => {
    const counter = new CaseCounter('export/replayFrame + backtest + calibrate in process');
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(exportCase, async (exportCase) => {
          const read = readCase(exportCase);
          if ('rejection' in read) {
            counter.add('export rejected (its rejection checked as in the test above)');
            return;
          }
          const { data } = read;
          const { table } = exportCase;
          counter.add('usable export');
          // replay: the export's window and arrival minutes.
          try {
            const frame = replayFrame(SCENARIO, data);
            expect(Array.from(frame.minutes).every((m) => Number.isFinite(m) && m >= 0)).toBe(true);
            expect(Number.isFinite(frame.loaded.scenario.horizonWeeks)).toBe(true);
            counter.note('framed');
          } catch (error) {
            if (!isUserError(error)) throw error;
            counter.note(`frame refused (${error.name})`);
          }
          // backtest: numbers finite or null.
          try {
            const result = await backtest(data, SCENARIO, 'tighter');
            expect(nonFinite(result.backtest)).toEqual([]);
            counter.note('backtested');
          } catch (error) {
            if (!isUserError(error)) throw error;
            expect(error.message.length).toBeGreaterThan(0);
            counter.note(`backtest refused (${error.name})`);
          }
          // calibrate (no tuning runs): its scenario must load again, its figures be finite.
          try {
            const result = await calibrate(data, { scenarioFile: join(work, 'calibrated.yaml'), replications: 0 });
            const bad = nonFinite(result.calibration);
            expect(bad).toEqual([]);
            parseScenarioText(result.scenarioText, join(work, 'calibrated.yaml'));
            counter.note('calibrated and reloaded');
          } catch (error) {
            if (!isUserError(error)) throw new Error(`calibrate: ${(error as Error).stack}\n(header ${table.header.join(' | ')})`);
            counter.note(`calibrate refused (${error.name})`);
          }
        }),
        { seed: 35, numRuns: RUNS.downstream, endOnFailure: true },
      ),
    );
    // Usable exports did reach backtest and calibrate, so their NaN checks ran.
    expect(counter.noted('backtested')).toBeGreaterThan(0);
    expect(counter.noted('calibrated and reloaded')).toBeGreaterThan(0);
  });
});

describe('known bugs found by the replay fuzzing', () => {
  /** A repro pair under test/fixtures/fuzz/<name>/: leads.csv and mapping.yaml. */
  const fixture = (name: string) => ({ csvFile: `${ROOT}test/fixtures/fuzz/${name}/leads.csv`, mappingFile: `${ROOT}test/fixtures/fuzz/${name}/mapping.yaml` });

  // Regression (found by this suite, since fixed): with outcome.positive set to a stage before MQL (positive: lead, which the mapping
  // schema allows), calibrate's "MQL -> positive" is reached[lead] / reached[mql] > 1, and wilson() takes the
  // square root of p(1 - p) < 0: ci95 is [NaN, NaN]. `handoff calibrate --leads test/fixtures/fuzz/positive-lead/
  // leads.csv --map test/fixtures/fuzz/positive-lead/mapping.yaml --replications 0` prints "mql->lead 300.0% [NaN%, NaN%]" in its table and in the calibrated scenario's header
  // comment (exit 0); --json prints "rate": 3, "ci95": [null, null]. Expected: an InputError at outcome.positive,
  // or MQL -> positive counted over MQLs only.
  it('calibrate with outcome.positive: lead gives finite rates of at most 1', async () => {
    const { csvFile, mappingFile } = fixture('positive-lead');
    let result: Awaited<ReturnType<typeof calibrate>> | undefined;
    try {
      result = await calibrate(readExportWith(csvFile, parseMappingText(readFileSync(mappingFile, 'utf8'), mappingFile), mappingFile), { scenarioFile: join(work, 'calibrated-lead.yaml'), replications: 0 });
    } catch (error) {
      // Rejecting the mapping is a fix too, if it names outcome.positive.
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems.map((p) => p.path)).toContain('outcome.positive');
      return;
    }
    expect(nonFinite(result.calibration)).toEqual([]);
    const rate = result.calibration.overall?.mqlToPositive.rate;
    expect(rate).toBeTypeOf('number');
    expect(rate!).toBeLessThanOrEqual(1);
    expect(result.scenarioText).not.toMatch(/NaN/);
  });

  // Regression (minor, found by this suite, since fixed): a semicolon- or tab-separated export read with the default comma delimiter
  // gets the delimiter hint only when the whole file parses; one quoted cell (Excel quotes any cell with a quote,
  // a delimiter or a line break) makes csv-parse fail first, and the message is "not readable as CSV: Invalid
  // Opening Quote ... a quoted cell is probably not closed" -- it names line 1, but sends the user looking for a
  // quote instead of csv.delimiter.
  it('a semicolon-separated export with a quoted cell gets the csv.delimiter hint', () => {
    const { csvFile, mappingFile } = fixture('semicolon-quoted');
    let thrown: unknown;
    try {
      readExportWith(csvFile, parseMappingText(readFileSync(mappingFile, 'utf8'), mappingFile), mappingFile);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).problems.map((p) => p.path)).toContain('csv.delimiter');
  });
});

describe('fuzz: replay, backtest and calibrate through the CLI', () => {
  const command = fc.constantFrom<'replay' | 'backtest' | 'calibrate'>('replay', 'backtest', 'calibrate');
  // Mostly exports that run (exit 0 or 3); the damaged ones are covered in process above.
  const cliExportCase = loadedMapping.chain(({ raw, mapping }) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ bom: fc.boolean(), crlf: fc.boolean() }).map((harmless): CsvDamage => ({ ...CLEAN, ...harmless })) },
      { weight: 1, arbitrary: csvDamage },
    ).chain((damage) => exportFor(mapping, damage.dropMappedColumn, fc.constantFrom(false, false, true)).map((table) => ({ raw, mapping, damage, table }))),
  );
  const mappingText = fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: mutatedScenario(validMapping).map(({ mutated }) => stringify(mutated)) },
  );

  type CliCase = [typeof cliExportCase extends fc.Arbitrary<infer T> ? T : never, 'replay' | 'backtest' | 'calibrate', string | null];

  it(`exit 0, 3 (rows left out, listed) or 2 (nothing run, file named); never a stack or NaN (${RUNS.cliPairs * 2} runs, seed 36)`, async () => {
    const counter = new CaseCounter('cli/replay, backtest, calibrate on generated exports');
    const check = async ([{ raw, damage, table }, name, mutatedMapping]: CliCase): Promise<void> => {
      const bytes = writeCsv(table.header, table.rows, damage);
      const { csvFile, mappingFile } = writeCase(raw, bytes);
      if (mutatedMapping !== null) writeFileSync(mappingFile, mutatedMapping);
      const args =
        name === 'replay'
          ? ['replay', SCENARIO_FILE, '--leads', csvFile, '--map', mappingFile, '--replications', '1', '--quiet', '--json']
          : name === 'backtest'
            ? ['backtest', '--leads', csvFile, '--map', mappingFile, '--scenario', SCENARIO_FILE, '--json']
            : ['calibrate', '--leads', csvFile, '--map', mappingFile, '--replications', '0', '--json'];
      const run = await runCliAsync(args, 60_000);
      counter.add(`${name} exit ${run.status}`);
      if (run.status === 2) counter.note(`exit 2: ${(run.stderr.split('\n').find((line) => line.startsWith('  ')) ?? '').trim().replace(/ \(line \d+\)|:.*|".*/gs, '')}`);
      const problems = cliViolations(run, {
        allowed: [0, 2, 3],
        files: [csvFile, mappingFile, SCENARIO_FILE],
        wholeFile: /file is empty|no data rows/,
        usage: /the export spans \d+ weeks|time zones; the engine handles|--warmup-weeks/,
      });
      if (run.status === 0 || run.status === 3) problems.push(...jsonStdoutViolations(run.stdout));
      if (run.status === 3 && !new RegExp(`^${csvFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ of \\d+ rows? cannot be used`, 'm').test(run.stderr)) problems.push('exit 3 without the "N of M rows cannot be used" report naming the file');
      if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${showRun(run)}\n(damage ${JSON.stringify(damage)})`);
    };
    const cliCase = fc.tuple(cliExportCase, command, mappingText);
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(cliCase, cliCase, async (a, b) => {
          await Promise.all([check(a), check(b)]);
        }),
        { seed: 36, numRuns: RUNS.cliPairs, endOnFailure: true },
      ),
    );
  });
});
