import { basename } from 'node:path';
import { IANAZone } from 'luxon';
import { InputError, nearest, type Problem } from '../../errors.js';
import { FIT_SIGNALS, FORM_IMPLIED_SIGNAL, FORM_TYPES, INTENT_SIGNALS, signalBit, type FormType, type Signal } from '../fields.js';
import { CompiledMatch, numberCell, sourceName } from './cells.js';
import { STAGES, type Mapping } from './mapping.js';
import type { RowProblems } from './rowProblems.js';
import { TimestampParser } from './timestamps.js';
import { SkippedTimes } from './skippedTimes.js';

/** One usable row of an export, as lead fields; null fields were not in the export (defaults fill them later). */
export interface ExportLead {
  /** First line of the row in the file (the header is line 1). */
  line: number;
  id: string;
  arrivalMs: number;
  source: string;
  /** Index in FORM_TYPES. */
  form: number | null;
  /** Signal bits (SIGNALS layout); null when the mapping maps no signal at all. */
  signals: number | null;
  acv: number | null;
  daysInactive: number | null;
  timeZone: string | null;
  namedAccount: boolean | null;
  activeOutbound: boolean | null;
  sdr: string | null;
  ae: string | null;
  /** Furthest stage reached (index in STAGES); null when the mapping has no outcome. */
  stage: number | null;
}

/** A column the mapping reads, and where in the mapping it is named. */
interface ColumnUse {
  column: string;
  path: string;
}

/** Every column the mapping reads, with its mapping path (for "column missing" messages). */
export function columnsUsed(mapping: Mapping): ColumnUse[] {
  const uses: ColumnUse[] = [{ column: mapping.arrival.column, path: 'arrival.column' }];
  const add = (column: string | undefined, path: string) => {
    if (column !== undefined) uses.push({ column, path });
  };
  add(mapping.id, 'id');
  add(mapping.source.column, 'source.column');
  add(mapping.form?.column, 'form.column');
  for (const [signal, rule] of Object.entries(mapping.fit ?? {})) add(rule.column, `fit.${signal}.column`);
  for (const [signal, rule] of Object.entries(mapping.intent ?? {})) add(rule.column, `intent.${signal}.column`);
  add(mapping.acv?.column, 'acv.column');
  add(mapping.daysInactive?.column, 'daysInactive.column');
  add(mapping.timeZone?.column, 'timeZone.column');
  add(mapping.namedAccount?.column, 'namedAccount.column');
  add(mapping.activeOutbound?.column, 'activeOutbound.column');
  add(mapping.owners.sdr, 'owners.sdr');
  add(mapping.owners.ae, 'owners.ae');
  mapping.outcome?.stages.forEach((rule, i) => add(rule.when.column, `outcome.stages.${i}.when.column`));
  return uses;
}

/** Fails with one problem per mapped column the file lacks (each with the closest header names) or has more than once. */
export function checkColumns(file: string, mapping: Mapping, header: readonly string[], mappingFile: string): void {
  const present = new Set(header);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const use of columnsUsed(mapping)) {
    if (seen.has(use.column)) continue;
    seen.add(use.column);
    if (present.has(use.column)) {
      // Two columns of one name (two CRM properties with one label): the first was read without a word, maybe the wrong one.
      const at = header.flatMap((name, i) => (name === use.column ? [i + 1] : []));
      if (at.length > 1) problems.push({ path: use.path, message: `column "${use.column}" is in the header ${at.length} times (columns ${at.join(', ')}), so which one ${basename(mappingFile)} reads is unclear`, fix: 'rename or remove all but one of them in the export' });
      continue;
    }
    const close = similarColumns(use.column, header);
    problems.push({
      path: use.path,
      message: `column "${use.column}" is not in the file (${basename(mappingFile)} reads it)`,
      fix: close.length > 0 ? `did you mean ${close.map((name) => `"${name}"`).join(' or ')}? Rename it in the mapping or the export` : `the file's columns are: ${header.slice(0, 12).map((name) => `"${name}"`).join(', ')}${header.length > 12 ? ', ...' : ''}`,
    });
  }
  if (problems.length > 0) throw new InputError(file, problems);
}

/** Header names that contain the missing name (or the reverse), else the closest by edit distance. */
function similarColumns(column: string, header: readonly string[]): string[] {
  const wanted = column.toLowerCase();
  const containing = header.filter((name) => name.toLowerCase().includes(wanted) || wanted.includes(name.toLowerCase()));
  return containing.length > 0 ? containing.slice(0, 3) : nearest(column, header);
}

/** Turns rows into ExportLeads with column indexes resolved once; unusable rows are reported by class. */
export class RowConverter {
  private readonly index: Map<string, number>;
  private readonly timestamps: TimestampParser;
  private readonly signalRules: { bit: number; match: CompiledMatch }[];
  private readonly stageRules: { stage: number; match: CompiledMatch }[];
  private readonly named: CompiledMatch | null;
  private readonly outbound: CompiledMatch | null;
  private readonly sourceValues: Map<string, string>;
  private readonly formValues: Map<string, number>;
  private readonly formKeywords: { form: number; keywords: string[] }[];
  private readonly zoneValues: Map<string, string>;
  private readonly seenIds = new Map<string, number>();
  /** isValidZone builds an Intl formatter per call: remember the answer per zone name. */
  private readonly zoneValid = new Map<string, boolean>();
  readonly skippedTimes = new SkippedTimes();

  constructor(
    private readonly mapping: Mapping,
    header: readonly string[],
    private readonly problems: RowProblems,
  ) {
    this.index = new Map(header.map((name, i) => [name, i] as const).reverse());
    this.timestamps = new TimestampParser(mapping.arrival);
    const signals: [Signal, CompiledMatch][] = [
      ...FIT_SIGNALS.flatMap((signal): [Signal, CompiledMatch][] => (mapping.fit?.[signal] === undefined ? [] : [[signal, new CompiledMatch(mapping.fit[signal])]])),
      ...INTENT_SIGNALS.flatMap((signal): [Signal, CompiledMatch][] => (mapping.intent?.[signal] === undefined ? [] : [[signal, new CompiledMatch(mapping.intent[signal])]])),
    ];
    this.signalRules = signals.map(([signal, match]) => ({ bit: signalBit(signal), match }));
    this.stageRules = (mapping.outcome?.stages ?? []).map((rule) => ({ stage: STAGES.indexOf(rule.stage), match: new CompiledMatch(rule.when) }));
    this.named = mapping.namedAccount === undefined ? null : new CompiledMatch(mapping.namedAccount);
    this.outbound = mapping.activeOutbound === undefined ? null : new CompiledMatch(mapping.activeOutbound);
    this.sourceValues = new Map(Object.entries(mapping.source.values).map(([value, name]) => [value.trim().toLowerCase(), name]));
    this.formValues = new Map(Object.entries(mapping.form?.values ?? {}).map(([value, form]) => [value.trim().toLowerCase(), FORM_TYPES.indexOf(form)]));
    this.formKeywords = Object.entries(mapping.form?.contains ?? {}).map(([form, keywords]) => ({ form: FORM_TYPES.indexOf(form as FormType), keywords: (keywords ?? []).map((k) => k.toLowerCase()) }));
    this.zoneValues = new Map(Object.entries(mapping.timeZone?.values ?? {}).map(([label, zone]) => [label.trim().toLowerCase(), zone]));
  }

  /** The lead of one row, or null when the row cannot be used (its problems are recorded). */
  convert(cells: readonly string[], line: number, expectedCells: number): ExportLead | null {
    const mapping = this.mapping;
    const before = this.problems.rowCount;
    const cell = (column: string): string => cells[this.index.get(column)!] ?? '';
    const fail = (problem: string, example: string, fix: string, column?: string): null => {
      this.problems.add(problem, line, example, fix, column);
      return null;
    };
    if (cells.length !== expectedCells) {
      return fail('wrong number of cells', `${cells.length} cells where the header has ${expectedCells}`, 'a cell probably holds an unquoted delimiter or line break; quote it or export again');
    }
    const id = mapping.id === undefined ? `line-${line}` : cell(mapping.id).trim();
    if (mapping.id !== undefined) {
      if (id === '') return fail(`empty id in "${mapping.id}"`, 'an empty cell', 'every row needs an id; remove the row or fill it in', mapping.id);
      const first = this.seenIds.get(id);
      if (first !== undefined) return fail(`duplicate id in "${mapping.id}"`, `"${id}" (first on line ${first})`, 'deduplicate the export; the first row of each id is used, repeats are left out', mapping.id);
      this.seenIds.set(id, line);
    }
    const arrivalText = cell(mapping.arrival.column);
    const arrivalMs = this.timestamps.parse(arrivalText, id);
    if (this.timestamps.skipped) this.skippedTimes.add(line, arrivalText);
    const impossible = Number.isNaN(arrivalMs) ? this.timestamps.impossibleIn(arrivalText) : null;
    if (impossible !== null && impossible.dayFirst !== null) {
      // A month over 12 under a month-first format: the export writes the day first, and its dates up to the 12th were read swapped.
      this.problems.add(`month over 12 in "${mapping.arrival.column}"`, line, `"${arrivalText.trim()}" read as ${impossible.format}`, `the export looks day-first: write "${impossible.dayFirst}" in arrival.format; as it is, every date with a day up to 12 is read with day and month swapped`, mapping.arrival.column);
    } else if (impossible !== null) {
      // It has the mapping's format; the date or time itself does not exist, so the format is not what to change.
      this.problems.add(`impossible date in "${mapping.arrival.column}"`, line, `"${arrivalText.trim()}" has the format ${impossible.format} but no such date or time exists`, 'correct those cells in the export (a day past the end of its month, a month over 12, an hour over 23, ...)', mapping.arrival.column);
    } else if (Number.isNaN(arrivalMs)) {
      const empty = arrivalText.trim() === '';
      this.problems.add(
        empty ? `empty date in "${mapping.arrival.column}"` : `unparseable date in "${mapping.arrival.column}"`,
        line,
        empty ? 'an empty cell' : `"${arrivalText}" is not ${this.timestamps.expected}`,
        empty ? 'every lead needs its creation time' : 'fix those cells, or add their format to arrival.format in the mapping (a list is tried in order)',
        mapping.arrival.column,
      );
    }
    const source = this.source(cell, line);
    const form = this.form(cell, line);
    const signals = this.signals(cell, line, form);
    const acv = this.number(mapping.acv, cell, line);
    const daysInactive = this.number(mapping.daysInactive, cell, line);
    const timeZone = this.zone(cell, line);
    const namedAccount = this.flag(this.named, cell, line);
    const activeOutbound = this.flag(this.outbound, cell, line);
    const stage = this.stage(cell, line);
    if (this.problems.rowCount > before || source === null) return null;
    const owner = (column: string | undefined): string | null => (column === undefined || cell(column).trim() === '' ? null : cell(column).trim());
    return { line, id, arrivalMs, source, form, signals, acv, daysInactive, timeZone, namedAccount, activeOutbound, sdr: owner(mapping.owners.sdr), ae: owner(mapping.owners.ae), stage };
  }

  private source(cell: (column: string) => string, line: number): string | null {
    const spec = this.mapping.source;
    if (spec.column === undefined) return spec.value!;
    const text = cell(spec.column).trim();
    if (text === '') {
      if (spec.empty !== undefined) return spec.empty;
      this.problems.add(`empty source in "${spec.column}"`, line, 'an empty cell', 'set source.empty: <source name> in the mapping to give these rows a source', spec.column);
      return null;
    }
    const mapped = this.sourceValues.get(text.toLowerCase());
    if (mapped !== undefined) return mapped;
    const name = sourceName(text);
    if (spec.unmapped === 'error' || name === '') {
      this.problems.add(`unmapped source value in "${spec.column}"`, line, `"${text}"`, 'add the value under source.values in the mapping', spec.column);
      return null;
    }
    return name;
  }

  private form(cell: (column: string) => string, line: number): number | null {
    const spec = this.mapping.form;
    if (spec === undefined) return null;
    const fallback = spec.default === undefined ? null : FORM_TYPES.indexOf(spec.default);
    if (spec.column === undefined) return fallback;
    const text = cell(spec.column).trim();
    const lower = text.toLowerCase();
    const exact = this.formValues.get(lower);
    if (exact !== undefined) return exact;
    if (text !== '') for (const { form, keywords } of this.formKeywords) if (keywords.some((keyword) => lower.includes(keyword))) return form;
    if (fallback !== null) return fallback;
    this.problems.add(`unknown form value in "${spec.column}"`, line, text === '' ? 'an empty cell' : `"${text}"`, 'add it under form.values or form.contains in the mapping, or set form.default', spec.column);
    return null;
  }

  private signals(cell: (column: string) => string, line: number, form: number | null): number | null {
    if (this.signalRules.length === 0) return null;
    let bits = 0;
    for (const { bit, match } of this.signalRules) {
      const result = match.test(cell(match.rule.column));
      if (typeof result === 'boolean') {
        if (result) bits |= bit;
      } else this.problems.add(result.problem, line, `"${cell(match.rule.column)}"`, result.fix, match.rule.column);
    }
    // A demo, pricing, webinar or product form implies its signal, as it does for generated leads.
    const implied = form === null ? undefined : FORM_IMPLIED_SIGNAL[FORM_TYPES[form]!];
    return implied === undefined ? bits : bits | signalBit(implied);
  }

  private number(spec: Mapping['acv'], cell: (column: string) => string, line: number): number | null {
    if (spec === undefined) return null;
    const value = spec.column === undefined ? null : numberCell(cell(spec.column));
    if (value !== null && (Number.isNaN(value) || value < 0)) {
      this.problems.add(`unparseable number in "${spec.column}"`, line, `"${cell(spec.column!)}"`, 'write plain non-negative numbers in that column (e.g. 45000 or $45,000)', spec.column);
      return null;
    }
    return value ?? spec.default ?? null;
  }

  private zone(cell: (column: string) => string, line: number): string | null {
    const spec = this.mapping.timeZone;
    if (spec === undefined) return null;
    const text = spec.column === undefined ? '' : cell(spec.column).trim();
    if (text === '') return spec.default ?? null;
    const zone = this.zoneValues.get(text.toLowerCase()) ?? text;
    let valid = this.zoneValid.get(zone);
    if (valid === undefined) this.zoneValid.set(zone, (valid = IANAZone.isValidZone(zone)));
    if (valid) return zone;
    this.problems.add(`unknown time zone in "${spec.column}"`, line, `"${text}"`, 'use IANA names (America/New_York) or add the label under timeZone.values in the mapping', spec.column);
    return null;
  }

  private flag(match: CompiledMatch | null, cell: (column: string) => string, line: number): boolean | null {
    if (match === null) return null;
    const result = match.test(cell(match.rule.column));
    if (typeof result === 'boolean') return result;
    this.problems.add(result.problem, line, `"${cell(match.rule.column)}"`, result.fix, match.rule.column);
    return null;
  }

  private stage(cell: (column: string) => string, line: number): number | null {
    const outcome = this.mapping.outcome;
    if (outcome === undefined) return null;
    for (const { stage, match } of this.stageRules) {
      const result = match.test(cell(match.rule.column));
      if (result === true) return Math.max(stage, STAGES.indexOf(this.mapping.entryStage));
      if (typeof result !== 'boolean') {
        this.problems.add(result.problem, line, `"${cell(match.rule.column)}"`, result.fix, match.rule.column);
        return null;
      }
    }
    return Math.max(STAGES.indexOf(outcome.default), STAGES.indexOf(this.mapping.entryStage));
  }
}
