/**
 * Arbitraries for replay inputs (issue #8): mapping objects built from the mapping schema
 * (src/leads/replay/mapping.ts), and CSV exports written for a mapping -- well-formed, or with missing mapped
 * columns, unparseable dates, bad numbers, duplicate ids, ragged rows, formula-looking and huge cells, a wrong
 * delimiter, a BOM, Latin-1 or UTF-16 bytes, no rows at all.
 */
import fc from 'fast-check';
import { columnsUsed } from '../../src/leads/replay/convert.js';
import { FIT_SIGNALS, FORM_TYPES, INTENT_SIGNALS } from '../../src/leads/fields.js';
import { STAGES, type Mapping } from '../../src/leads/replay/mapping.js';
import { identifier, isObject, timeRange, ZONES, type Raw } from './fuzzScenario.js';

export const COLUMN_POOL = [
  'id',
  'created',
  'source',
  'form',
  'emp',
  'industry',
  'revenue',
  'geo',
  'tech',
  'pricing',
  'demo',
  'sessions',
  'webinar',
  'product',
  'unsub',
  'days',
  'acv',
  'tz',
  'named',
  'outbound',
  'owner',
  'ae owner',
  'stage',
  'won_date',
  'Création',
  'Número de empleados',
  'E-mail Opt Out',
  'col,with,comma',
  'quote"col',
] as const;
export const SCENARIO_SOURCES = ['organic', 'paid', 'events'] as const;
const SOURCE_CELLS = ['organic', 'paid', 'events', 'Organic', 'PAID_SEARCH', 'Trade Show', '', 'São Paulo ✈', '=cmd|calc', '???'];

/** Timestamp formats the mapping may name, with a writer for each (the writer gets UTC fields of a Date). */
export const TIMESTAMP_FORMATS: Record<string, (d: Date) => string> = {
  iso: (d) => d.toISOString().slice(0, 19),
  sql: (d) => d.toISOString().slice(0, 19).replace('T', ' '),
  'yyyy-MM-dd HH:mm': (d) => d.toISOString().slice(0, 16).replace('T', ' '),
  'M/d/yyyy h:mm a': (d) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours() % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`,
  'dd.MM.yyyy': (d) => `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`,
  'MMM d, yyyy h:mm a': (d) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${d.getUTCHours() % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`,
};

const column = fc.constantFrom(...COLUMN_POOL);
const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => Number(v.toFixed(3)));

/** A yes/no test on one column: exactly one of in, containsAny, min/max, truthy, present. */
export const match: fc.Arbitrary<Raw> = fc.oneof(
  fc.record({ column, in: fc.array(fc.constantFrom('yes', 'Computer Software', 'Texas', 'won', 'x', ''), { minLength: 1, maxLength: 3 }) }),
  fc.record({ column, containsAny: fc.array(fc.constantFrom('Salesforce', 'HubSpot', 'é', ';'), { minLength: 1, maxLength: 3 }) }),
  fc.record({ column, min: dbl(-10, 1000), max: dbl(0, 1e9) }, { requiredKeys: ['column', 'min'] }),
  fc.record({ column, max: dbl(0, 1e9) }),
  fc.record({ column, truthy: fc.constant(true) }),
  fc.record({ column, present: fc.constant(true) }),
);

const numberField = fc.oneof(fc.record({ column, default: dbl(0, 1e6) }, { requiredKeys: ['column'] }), fc.record({ default: dbl(0, 1e6) }));

/** A mapping object the mapping schema accepts (csv options left to the CSV writer: comma, UTF-8). */
export const validMapping: fc.Arbitrary<Raw> = fc.record(
  {
    name: identifier,
    description: fc.string({ maxLength: 40 }),
    id: column,
    arrival: fc.record(
      {
        column,
        format: fc.oneof(fc.constantFrom(...Object.keys(TIMESTAMP_FORMATS)), fc.uniqueArray(fc.constantFrom(...Object.keys(TIMESTAMP_FORMATS)), { minLength: 1, maxLength: 3 })),
        timeZone: fc.constantFrom(...ZONES),
        timeOfDay: fc.oneof(fc.constant('keep'), fc.record({ spread: timeRange, seed: fc.integer({ min: 0, max: 4_294_967_295 }) }, { requiredKeys: ['spread'] })),
      },
      { requiredKeys: ['column'] },
    ),
    source: fc.oneof(
      fc.record(
        {
          column,
          values: fc.dictionary(fc.constantFrom('Organic', 'PAID_SEARCH', 'Trade Show', 'São Paulo ✈'), fc.constantFrom(...SCENARIO_SOURCES), { maxKeys: 3 }),
          unmapped: fc.constantFrom('keep', 'error'),
          empty: fc.constantFrom(...SCENARIO_SOURCES),
        },
        { requiredKeys: ['column'] },
      ),
      fc.record({ value: fc.constantFrom(...SCENARIO_SOURCES) }),
    ),
    entryStage: fc.constantFrom(...STAGES),
    form: fc.oneof(
      fc.record(
        {
          column,
          values: fc.dictionary(fc.constantFrom('Demo Request', 'Pricing', 'Webinar', 'ebook'), fc.constantFrom(...FORM_TYPES), { maxKeys: 3 }),
          contains: fc.dictionary(fc.constantFrom(...FORM_TYPES), fc.array(fc.constantFrom('demo', 'price', 'web', 'guide'), { minLength: 1, maxLength: 2 }), { maxKeys: 3 }),
          default: fc.constantFrom(...FORM_TYPES),
        },
        { requiredKeys: ['column'] },
      ),
      fc.record({ default: fc.constantFrom(...FORM_TYPES) }),
    ),
    fit: fc.dictionary(fc.constantFrom(...FIT_SIGNALS), match, { maxKeys: 5 }),
    intent: fc.dictionary(fc.constantFrom(...INTENT_SIGNALS), match, { maxKeys: 7 }),
    acv: numberField,
    daysInactive: numberField,
    timeZone: fc.oneof(
      fc.record({ column, values: fc.dictionary(fc.constantFrom('Eastern', 'CET', 'IST'), fc.constantFrom(...ZONES), { maxKeys: 3 }), default: fc.constantFrom(...ZONES) }, { requiredKeys: ['column'] }),
      fc.record({ default: fc.constantFrom(...ZONES) }),
    ),
    namedAccount: match,
    activeOutbound: match,
    owners: fc.record({ sdr: column, ae: column }, { requiredKeys: [] }),
    outcome: fc.record(
      { stages: fc.array(fc.record({ stage: fc.constantFrom(...STAGES), when: match }), { minLength: 1, maxLength: 4 }), default: fc.constantFrom(...STAGES), positive: fc.constantFrom(...STAGES.filter((stage) => stage !== 'lead')) },
      { requiredKeys: ['stages'] },
    ),
  },
  { requiredKeys: ['name', 'arrival', 'source'] },
);

/**
 * The mapping with its columns renamed in order to distinct pool names (a CRM export has one column per field);
 * every fifth name is kept as generated, so some columns still serve two rules.
 */
function distinctColumns(raw: Raw, offset: number): Raw {
  let next = offset;
  const rename = (value: unknown, key: string, parent: string): unknown => {
    if (typeof value === 'string' && (key === 'column' || (parent === '' && key === 'id') || parent === 'owners')) return (next++ - offset) % 5 === 4 ? value : COLUMN_POOL[next % COLUMN_POOL.length]!;
    if (Array.isArray(value)) return value.map((item) => rename(item, '', key));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, k, parent === '' ? key : `${parent}.${key}`)]));
    return value;
  };
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, rename(v, k, '')]));
}

/** A valid mapping whose rules mostly read columns of their own, so exports written for it are often usable. */
export const usableMapping: fc.Arbitrary<Raw> = fc.tuple(validMapping, fc.nat({ max: COLUMN_POOL.length - 1 })).map(([raw, offset]) => distinctColumns(raw, offset));

// ---------------------------------------------------------------------------------------------------------------
// CSV exports

/** How a column is used by the mapping, which decides what its cells look like. */
export type ColumnKind = 'arrival' | 'id' | 'number' | 'flag' | 'text' | { choices: string[] };

/** Cells for a column: mostly plausible, sometimes hostile. */
export function cellFor(kind: ColumnKind, formats: readonly string[], hostileCells: boolean): fc.Arbitrary<string> {
  if (typeof kind === 'object' && kind.choices.length === 0) kind = 'text';
  const hostile = fc.constantFrom('', ' ', '=1+2', '@SUM(A1:A9)', '+1-1', '-2+3', '=HYPERLINK("http://x","y")', 'NaN', 'null', 'undefined', '\u0000', '🦄', 'é'.normalize('NFD'), 'a;b', 'line\nbreak', 'quote"inside', 'x'.repeat(20_000));
  const plausible = (() => {
    if (typeof kind === 'object') return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...kind.choices) }, { weight: 1, arbitrary: fc.constantFrom(...SOURCE_CELLS, 'Other') });
    switch (kind) {
      case 'arrival':
        return fc
          .tuple(fc.date({ min: new Date('2026-01-05T00:00:00Z'), max: new Date('2026-01-25T23:59:00Z'), noInvalidDate: true }), fc.constantFrom(...formats))
          .map(([date, format]) => TIMESTAMP_FORMATS[format]!(new Date(Math.floor(date.getTime() / 60_000) * 60_000)));
      case 'id':
        return fc.integer({ min: 1, max: 40 }).map((n) => `L${n}`);
      case 'number':
        return fc.oneof(
          { weight: 8, arbitrary: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }).map(String), fc.constantFrom('$45,000', '1 200', '12.5', 'USD 300', '', '0')) },
          { weight: 1, arbitrary: fc.constantFrom('R$ 1.000', '-5', '1e400', 'forty', '0x10', '1,2,3', '٣٤٥') },
        );
      case 'flag':
        return fc.oneof({ weight: 10, arbitrary: fc.constantFrom('yes', 'no', 'true', 'false', '1', '0', 'x', '', 'TRUE', 'Checked') }, { weight: 1, arbitrary: fc.constantFrom('maybe', 'ja', '✓') });
      default:
        return fc.oneof(fc.constantFrom('Computer Software', 'Texas', 'Salesforce; HubSpot', 'won', 'customer', 'IN_PROGRESS', 'Eastern', 'America/Chicago', 'Mars/Base'), fc.string({ maxLength: 12 }));
    }
  })();
  const extraArrival = kind === 'arrival' ? [fc.constantFrom('2026-02-30 10:00:00', '13/45/2026 9:00 AM', 'yesterday', '2026-01-05T25:61', '1970-01-01 00:00:00', '2099-12-31 23:59:59', '0001-01-01', '+275760-09-13')] : [];
  if (!hostileCells) return plausible;
  return fc.oneof({ weight: 60, arbitrary: plausible }, { weight: 1, arbitrary: hostile }, ...extraArrival.map((arbitrary) => ({ weight: 2, arbitrary })));
}

export interface CsvDamage {
  dropMappedColumn: boolean;
  duplicateHeader: boolean;
  raggedRow: boolean;
  unbalancedQuote: boolean;
  delimiter: ',' | ';' | '\t';
  bom: boolean;
  crlf: boolean;
  encoding: 'utf-8' | 'latin1' | 'utf-16le';
  blankLines: boolean;
  shape: 'rows' | 'header-only' | 'empty' | 'whitespace';
}

/** Mostly exports a CRM could write (BOM, CRLF and blank lines are harmless); otherwise one kind of damage. */
export const csvDamage: fc.Arbitrary<CsvDamage> = fc
  .record({ bom: fc.boolean(), crlf: fc.boolean(), blankLines: fc.boolean(), damage: fc.nat({ max: 15 }) })
  .map(({ bom, crlf, blankLines, damage }): CsvDamage => {
    const base: CsvDamage = { ...CLEAN, bom, crlf, blankLines };
    switch (damage) {
      case 8:
        return { ...base, dropMappedColumn: true };
      case 9:
        return { ...base, duplicateHeader: true };
      case 10:
        return { ...base, raggedRow: true };
      case 11:
        return { ...base, unbalancedQuote: true };
      case 12:
        return { ...base, delimiter: crlf ? ';' : '\t' };
      case 13:
        return { ...base, encoding: bom ? 'utf-16le' : 'latin1' };
      case 14:
        return { ...base, shape: crlf ? 'header-only' : 'empty' };
      case 15:
        return { ...base, shape: bom ? 'whitespace' : 'header-only' };
      default:
        return base;
    }
  });

/** No damage at all: the export the mapping expects. */
export const CLEAN: CsvDamage = { dropMappedColumn: false, duplicateHeader: false, raggedRow: false, unbalancedQuote: false, delimiter: ',', bom: false, crlf: false, encoding: 'utf-8', blankLines: false, shape: 'rows' };

const quote = (cell: string, delimiter: string): string => (cell.includes(delimiter) || /["\n\r]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);

/** CSV bytes from a header and rows, with the damage applied. */
export function writeCsv(header: string[], rows: string[][], damage: CsvDamage): Buffer {
  if (damage.shape === 'empty') return Buffer.alloc(0);
  if (damage.shape === 'whitespace') return Buffer.from(' \n\n  \n');
  const d = damage.delimiter;
  const head = damage.duplicateHeader && header.length > 0 ? [...header, header[0]!] : header;
  const body = damage.shape === 'header-only' ? [] : rows.map((row, i) => (damage.raggedRow && i === 0 ? [...row, 'extra'] : damage.raggedRow && i === 1 ? row.slice(0, -1) : damage.duplicateHeader ? [...row, row[0] ?? ''] : row));
  const lines = [head, ...body].map((cells) => cells.map((cell) => quote(cell, d)).join(d));
  if (damage.unbalancedQuote && lines.length > 1) lines[1] = `"${lines[1]}`;
  if (damage.blankLines) lines.splice(Math.min(2, lines.length), 0, '', '');
  let text = lines.join(damage.crlf ? '\r\n' : '\n') + (damage.crlf ? '\r\n' : '\n');
  if (damage.bom) text = `\uFEFF${text}`;
  if (damage.encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(text, damage.encoding === 'latin1' ? 'latin1' : 'utf8');
}

/** What each column the mapping reads holds (the first use wins: arrival, id, source, numbers, match rules). */
export function columnKinds(mapping: Mapping): Map<string, ColumnKind> {
  const kinds = new Map<string, ColumnKind>();
  const set = (column: string | undefined, kind: ColumnKind) => {
    if (column !== undefined && !kinds.has(column)) kinds.set(column, kind);
  };
  set(mapping.arrival.column, 'arrival');
  set(mapping.id, 'id');
  // Columns whose values the mapping lists: cells mostly from those lists (else every row would be a problem).
  const source = mapping.source;
  set(source.column, { choices: [...Object.keys(source.values), ...(source.unmapped === 'keep' ? SCENARIO_SOURCES : [])] });
  const form = mapping.form;
  if (form !== undefined) set(form.column, { choices: [...Object.keys(form.values), ...Object.values(form.contains).flatMap((keywords) => (keywords ?? []).map((k) => `Form: ${k}`)), ...(form.default === undefined ? [] : ['Other form'])] });
  if (mapping.timeZone !== undefined) set(mapping.timeZone.column, { choices: [...Object.keys(mapping.timeZone.values), ...ZONES] });
  set(mapping.acv?.column, 'number');
  set(mapping.daysInactive?.column, 'number');
  const rules = [...Object.values(mapping.fit ?? {}), ...Object.values(mapping.intent ?? {}), mapping.namedAccount, mapping.activeOutbound, ...(mapping.outcome?.stages ?? []).map((s) => s.when)];
  for (const rule of rules) if (rule !== undefined) set(rule.column, rule.min !== undefined || rule.max !== undefined ? 'number' : rule.truthy === true ? 'flag' : 'text');
  for (const { column } of columnsUsed(mapping)) set(column, 'text');
  return kinds;
}

export interface ExportTable {
  header: string[];
  rows: string[][];
  /** A mapped column left out of the header, if any. */
  dropped: string | null;
}

/** Header (mapped columns, some extras, rotated) and 1-25 rows of cells for `mapping`; half the files have hostile cells. */
export function exportFor(mapping: Mapping, dropMappedColumn: boolean, hostile: fc.Arbitrary<boolean> = fc.boolean()): fc.Arbitrary<ExportTable> {
  const kinds = columnKinds(mapping);
  const formats = Array.isArray(mapping.arrival.format) ? mapping.arrival.format : [mapping.arrival.format];
  const used = [...kinds.keys()];
  return fc
    .record({
      extras: fc.uniqueArray(fc.constantFrom(...COLUMN_POOL.filter((c) => !kinds.has(c)), 'notes', 'Unnamed: 0'), { maxLength: 3 }),
      drop: fc.nat({ max: Math.max(0, used.length - 1) }),
      order: fc.nat(),
      count: fc.integer({ min: 1, max: 25 }),
      hostileCells: hostile,
    })
    .chain(({ extras, drop, order, count, hostileCells }) => {
      const dropped = dropMappedColumn ? used[drop]! : null;
      const columns = [...used.filter((c) => c !== dropped), ...extras];
      // A rotation is enough to move the mapped columns around without a shuffle arbitrary.
      const shift = order % columns.length;
      const header = [...columns.slice(shift), ...columns.slice(0, shift)];
      const row = fc.tuple(...header.map((name) => cellFor(kinds.get(name) ?? 'text', formats, hostileCells)));
      const idAt = mapping.id === undefined ? -1 : header.indexOf(mapping.id);
      // Files without hostile cells get unique ids too, so some exports are used whole.
      const unique = (cells: string[], i: number) => (hostileCells || idAt < 0 ? cells : cells.map((cell, c) => (c === idAt ? `L${i + 1}` : cell)));
      return fc.array(row, { minLength: count, maxLength: count }).map((rows) => ({ header, rows: rows.map((cells, i) => unique([...cells], i)), dropped }));
    });
}
