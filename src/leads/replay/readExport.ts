import { DateTime } from 'luxon';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, nearest } from '../../errors.js';
import { checkColumns, RowConverter, type ExportLead } from './convert.js';
import { loadMappingFile } from './loadMapping.js';
import type { Mapping } from './mapping.js';
import { readCsv, type CsvTable } from './readCsv.js';
import { RowProblems, rowsAt, type RowProblemClass } from './rowProblems.js';

/** A CRM export read through a mapping: the usable leads in arrival order, and what was left out and why. */
export interface ExportData {
  file: string;
  mappingFile: string;
  mapping: Mapping;
  /** Usable rows, sorted by arrival time (ties keep file order). */
  leads: ExportLead[];
  /** Data rows in the file. */
  totalRows: number;
  /** Rows left out, by problem class. */
  problems: RowProblemClass[];
  unusableRows: number;
  /** Things that did not stop a row from being used (e.g. repeated keys in the joined file). */
  notes: string[];
  /** Every one of at least ten leads at 00:00 with the times kept: most likely an export of dates only. */
  datesOnly: boolean;
}

/** Reads `file` with the mapping in `mappingFile`; throws InputError when nothing in it can be used. */
export function readExport(file: string, mappingFile: string): ExportData {
  const mapping = loadMappingFile(mappingFile);
  return readExportWith(file, mapping, mappingFile);
}

export function readExportWith(file: string, mapping: Mapping, mappingFile: string): ExportData {
  const table = readCsv(file, mapping.csv);
  const notes: string[] = [];
  const joined = mapping.join === undefined ? null : joinTable(file, table, mapping, mappingFile, notes);
  const header = joined === null ? table.header : [...table.header, ...joined.header];
  checkColumns(file, mapping, header, mappingFile);
  const problems = new RowProblems();
  const converter = new RowConverter(mapping, header, problems);
  const leads: ExportLead[] = [];
  for (const row of table.rows) {
    const cells = joined === null ? row.cells : [...row.cells, ...joined.cellsFor(row.cells)];
    const lead = converter.convert(cells, row.line, header.length);
    if (lead !== null) leads.push(lead);
  }
  const skipped = converter.skippedTimes.note(file, mapping.arrival, mappingFile);
  if (skipped !== null) notes.push(skipped);
  const classes = problems.list();
  if (leads.length === 0) {
    throw new InputError(
      file,
      classes.map((entry) => ({ path: '', line: entry.lines[0]!, message: `${entry.problem}: ${rowsAt(entry)}, e.g. ${entry.example}; no row is usable`, fix: entry.fix })),
    );
  }
  leads.sort((a, b) => a.arrivalMs - b.arrivalMs || a.line - b.line);
  const datesOnly = mapping.arrival.timeOfDay === 'keep' && allAtMidnight(leads, mapping.arrival.timeZone);
  return { file, mappingFile, mapping, leads, totalRows: table.rows.length, problems: classes, unusableRows: problems.rowCount, notes, datesOnly };
}

/** The warning for a date-only export read as times, naming the figures that `use` would start at midnight. */
export function datesOnlyWarning(data: ExportData, affected: string): string {
  return (
    `${data.file}: all ${data.leads.length} leads arrive at 00:00 (${data.mapping.arrival.timeZone}): the export looks like dates only, and ${affected} would all start at midnight. ` +
    `Fix: add timeOfDay: { spread: "09:00-18:00" } under arrival in ${data.mappingFile} (each lead gets a time inside those local hours), or export the time of day too`
  );
}

/** The joined export: its extra columns, and for each main row the cells of the matching joined row (or blanks). */
function joinTable(file: string, table: CsvTable, mapping: Mapping, mappingFile: string, notes: string[]): { header: string[]; cellsFor: (cells: readonly string[]) => string[] } {
  const spec = mapping.join!;
  const joinFile = resolve(dirname(file), spec.file);
  // The joined file's path comes from the mapping, not from --leads: a missing one is the mapping's join.file.
  if (!existsSync(joinFile)) {
    throw new InputError(mappingFile, [
      { path: 'join.file', message: `"${spec.file}" is not there: it is read next to the leads file, as ${joinFile}`, fix: `put the joined export beside ${file}, or give join.file relative to it` },
    ]);
  }
  // A folder was read as the export and its fix sent the user to --leads, which was right.
  if (statSync(joinFile).isDirectory()) {
    throw new InputError(mappingFile, [{ path: 'join.file', message: `"${spec.file}" is a folder (${joinFile}), not a file`, fix: 'give join.file as the joined CSV file itself, relative to the leads file' }]);
  }
  const other = readCsv(joinFile, mapping.csv);
  const mainKey = table.header.indexOf(spec.on);
  const otherKey = other.header.indexOf(spec.on);
  // Header names differ in case between exports (MQL_ID, mql_id): the nearest one is named.
  const shared = table.header.filter((name) => other.header.includes(name));
  const joinFix = (header: readonly string[]): string => {
    const close = nearest(spec.on, header);
    if (close.length > 0) return `this file has "${close[0]}"; join.on is matched exactly in both files, so make the two headers agree`;
    return `name a column both files share${shared.length > 0 ? `, e.g. "${shared[0]}"` : ''}`;
  };
  if (mainKey < 0) throw new InputError(file, [{ path: 'join.on', message: `join column "${spec.on}" (${mappingFile} join.on) is not in the file`, fix: joinFix(table.header) }]);
  if (otherKey < 0) throw new InputError(joinFile, [{ path: 'join.on', message: `join column "${spec.on}" (${mappingFile} join.on) is not in the joined file`, fix: joinFix(other.header) }]);
  // The main file's columns win on a name clash; the joined file adds only new names.
  const keep = other.header.map((name, i) => ({ name, i })).filter(({ name }) => !table.header.includes(name));
  const byKey = new Map<string, string[]>();
  let repeats = 0;
  for (const row of other.rows) {
    const key = (row.cells[otherKey] ?? '').trim();
    if (byKey.has(key)) repeats++;
    else byKey.set(key, keep.map(({ i }) => row.cells[i] ?? ''));
  }
  if (repeats > 0) notes.push(`${joinFile}: ${repeats} row${repeats === 1 ? '' : 's'} repeat a "${spec.on}" already seen; the first row of each key is used`);
  const blank = keep.map(() => '');
  return { header: keep.map(({ name }) => name), cellsFor: (cells) => byKey.get((cells[mainKey] ?? '').trim()) ?? blank };
}

/** A date-only export read as times: every lead (of enough to tell) at local midnight. */
function allAtMidnight(leads: readonly ExportLead[], zone: string): boolean {
  if (leads.length < 10) return false;
  return leads.every((lead) => {
    const local = DateTime.fromMillis(lead.arrivalMs, { zone });
    return local.hour === 0 && local.minute === 0 && local.second === 0;
  });
}
