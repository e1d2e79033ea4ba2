import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import { InputError, type Problem } from '../../errors.js';
import { looksLikeYaml } from '../../fileKind.js';
import { unreadable } from '../../unreadable.js';
import type { Mapping } from './mapping.js';

/** One data row: its first line in the file (the header is line 1) and its cells. */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

type CsvOptions = Mapping['csv'];

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
const delimiterName = (delimiter: string): string => DELIMITER_NAMES[delimiter] ?? `"${delimiter}"`;
const yamlDelimiter = (delimiter: string): string => (delimiter === '\t' ? '"\\t"' : `"${delimiter}"`);

/** Reads a CSV export: checks the encoding and delimiter, parses, and keeps each row's line number. */
export function readCsv(file: string, options: CsvOptions): CsvTable {
  const text = decode(file, readBytes(file), options.encoding);
  if (text.trim() === '') throw new InputError(file, [{ path: '', message: 'the file is empty', fix: 'export the report again; it needs a header row and at least one data row' }]);
  // JSON lines (generate --format jsonl) or a JSON export fail as CSV on their quotes: name what the file is instead.
  if (/^\uFEFF?\s*[[{]/.test(text)) {
    throw new InputError(file, [{ path: '', line: 1, message: 'this is JSON (e.g. generate --format jsonl), not a CSV export', fix: 'replay, calibrate and backtest read CSV: export the report as CSV (or generate --format csv)' }]);
  }
  // A mapping or scenario given as the export fails as CSV in odd ways (a one-column header); name it instead.
  if (looksLikeYaml(text)) {
    throw new InputError(file, [{ path: '', line: 1, message: 'this is YAML (a mapping or a scenario), not a CSV export', fix: 'give the export (CSV) with --leads and the mapping with --map; were the two swapped?' }]);
  }
  // One line ending everywhere, so line numbers count the way an editor shows them.
  const normalized = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    // csv-parse types the result as string[][] whatever the options; with info and raw each record is wrapped.
    records = parse(normalized, { delimiter: options.delimiter, relax_column_count: true, skip_empty_lines: true, info: true, raw: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      // A file in another delimiter often fails on its quotes first; the delimiter hint is the useful message.
      const firstLine = normalized.slice(0, Math.max(0, normalized.indexOf('\n')) || normalized.length);
      const header = firstLine.split(options.delimiter);
      checkDelimiter(file, header, options.delimiter);
      throw new InputError(file, [csvSyntaxProblem(error, normalized, header)]);
    }
    throw error;
  }
  const [first, ...data] = records;
  const header = (first?.record ?? []).map((name) => name.trim());
  checkDelimiter(file, header, options.delimiter);
  if (data.length === 0) throw new InputError(file, [{ path: '', message: 'the file has a header row but no data rows', fix: 'export a report that contains leads' }]);
  const rows = data.map(({ record, info, raw }) => ({ line: info.lines - newlinesInside(raw), cells: record }));
  return { file, header, rows };
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError(file, [{ path: '', message: unreadable(error), fix: 'check the path given to --leads' }]);
  }
}

/** Text of the file in the mapping's encoding; a wrong encoding is one clear message, never garbled names. */
function decode(file: string, bytes: Buffer, encoding: CsvOptions['encoding']): string {
  if (bytes.length === 0) throw new InputError(file, [{ path: '', message: 'the file is empty (0 bytes)', fix: 'export the report again; it needs a header row and at least one data row' }]);
  const container = containerKind(bytes);
  // A workbook or an archive is not text in any encoding: name what it is rather than an encoding to try.
  if (container !== null) throw new InputError(file, [{ path: '', message: `this is ${container.what}, not a CSV export`, fix: `replay, calibrate and backtest read CSV: ${container.fix}` }]);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || zeroByteShare(bytes) > 0.2;
  if (utf16 && encoding !== 'utf-16le') {
    const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
    throw new InputError(file, [
      {
        path: 'csv.encoding',
        message: `the file is UTF-16${bigEndian ? ' (big-endian)' : ''} (Excel's "Unicode text"), not ${encoding}`,
        fix: bigEndian ? 'save it again as "CSV UTF-8"' : 'save it again as "CSV UTF-8", or set csv.encoding: utf-16le in the mapping',
      },
    ]);
  }
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((lines, byte) => lines + (byte === 0x0a ? 1 : 0), 1);
    throw new InputError(file, [
      {
        path: 'csv.encoding',
        line,
        message: `not valid UTF-8 (byte 0x${bytes[at]!.toString(16).toUpperCase()} at line ${line}); the file looks like Windows-1252 / Latin-1 (an older Excel "CSV")`,
        fix: 'save it again as "CSV UTF-8", or set csv.encoding: windows-1252 in the mapping',
      },
    ]);
  }
}

const SAVE_AS_CSV = 'open it and save as "CSV UTF-8" (or export the report as CSV)';

/** What a binary file an export might arrive as is, from its first bytes, and how to get the CSV; null for anything else. */
function containerKind(bytes: Buffer): { what: string; fix: string } | null {
  const starts = (...magic: number[]): boolean => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return zipKind(bytes);
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { what: 'an Excel 97-2003 (.xls) workbook', fix: SAVE_AS_CSV };
  if (starts(0x1f, 0x8b)) return { what: 'a gzip-compressed file', fix: 'decompress it first (gunzip) and give the CSV inside' };
  return null;
}

/** A workbook and a zipped CSV are both ZIP files: the first entry's name tells them apart (local header, offset 30). */
function zipKind(bytes: Buffer): { what: string; fix: string } {
  const nameLength = bytes.length >= 30 ? bytes.readUInt16LE(26) : 0;
  const first = bytes.subarray(30, 30 + nameLength).toString('latin1');
  if (first === '[Content_Types].xml' || first.startsWith('xl/') || first.startsWith('docProps/') || first.startsWith('_rels/')) return { what: 'an Excel workbook (.xlsx)', fix: SAVE_AS_CSV };
  if (first === 'mimetype') return { what: 'an OpenDocument workbook (.ods)', fix: SAVE_AS_CSV };
  if (first === '') return { what: 'a ZIP file (an Excel .xlsx or OpenDocument .ods workbook is one)', fix: SAVE_AS_CSV };
  return { what: `a ZIP archive (its first file is ${JSON.stringify(first)})`, fix: 'unzip it and give the CSV inside' };
}

function zeroByteShare(bytes: Buffer): number {
  const sample = bytes.subarray(0, 4096);
  let zeros = 0;
  for (const byte of sample) if (byte === 0) zeros++;
  return zeros / sample.length;
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search for the shortest prefix that fails (a cut inside a valid character also fails, so step back).
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  let at = lo;
  while (at > 0 && (bytes[at]! & 0xc0) === 0x80) at--;
  return bytes[at]! < 0x80 ? lo : at;
}

const QUOTE_INSIDE_FIX = 'put the whole cell in quotes and write each quote inside it twice ("Acme ""Best"" Inc"), or export again';

/** A CSV syntax error at the line where the bad cell starts, with the fix for that kind of quote problem. */
function csvSyntaxProblem(error: CsvError, text: string, header: string[]): Problem {
  const { lines: line, raw, index } = error as CsvError & { lines?: number; raw?: string; index?: number };
  const at = line === undefined ? {} : { line };
  const cell = index === undefined ? 'a cell' : `cell ${index + 1}${header[index] === undefined ? '' : ` ("${header[index]!.trim()}")`}`;
  // csv-parse names the last line, where it gave up; the quote that took in the rest of the file opened where its record starts.
  if (error.code === 'CSV_QUOTE_NOT_CLOSED' && raw !== undefined) {
    return { path: '', line: lineAt(text, text.length - raw.length), message: 'a quoted cell in the row starting on this line is never closed, so the rest of the file was read as part of it', fix: 'close that quote; a quote inside a quoted cell is written twice ("")' };
  }
  if (error.code === 'INVALID_OPENING_QUOTE') return { path: '', ...at, message: `${cell} has a quote inside it but does not start with one`, fix: QUOTE_INSIDE_FIX };
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return { path: '', ...at, message: `${cell} has text after its closing quote`, fix: QUOTE_INSIDE_FIX };
  return { path: '', ...at, message: `not readable as CSV: ${error.message}`, fix: 'check the quotes near that line, or export again' };
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** A header that came out as one column holding other separators means the delimiter is wrong. */
function checkDelimiter(file: string, header: string[], delimiter: string): void {
  if (header.length > 1) return;
  const only = header[0] ?? '';
  const guess = Object.keys(DELIMITER_NAMES).find((candidate) => candidate !== delimiter && only.split(candidate).length > 1);
  if (guess === undefined) return;
  throw new InputError(file, [
    {
      path: 'csv.delimiter',
      line: 1,
      message: `the header row is a single column ("${only.slice(0, 60)}${only.length > 60 ? '...' : ''}") with the ${delimiterName(delimiter)} delimiter; the file looks ${delimiterName(guess)}-separated`,
      fix: `set csv.delimiter: ${yamlDelimiter(guess)} in the mapping (or export with commas)`,
    },
  ]);
}

function newlinesInside(raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  let count = 0;
  for (const char of body) if (char === '\n') count++;
  return count;
}
