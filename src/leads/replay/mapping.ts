import { z } from 'zod';
import { Identifier, TimeZone } from '../../scenario/schema/primitives.js';
import { TimeRange } from '../../scenario/schema/calendar.js';
import { FitSignal, FormType, IntentSignal } from '../fields.js';

/** Funnel stages a CRM records, in order; a lead that reached a stage also passed every earlier one. */
export const STAGES = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'won'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/** Trimmed like the export's header names are, so stray spaces in the mapping still match. */
const ColumnName = z.string().trim().min(1).max(200);

/** One yes/no test on one column; exactly one kind of test per rule. */
export const Match = z
  .strictObject({
    column: ColumnName,
    /** The value equals one of these (trimmed, case-insensitive). */
    in: z.array(z.string()).min(1).optional(),
    /** The value contains one of these (case-insensitive): multi-value cells such as "Salesforce; Segment". */
    containsAny: z.array(z.string().min(1)).min(1).optional(),
    /** The value is a number in [min, max). */
    min: z.number().optional(),
    max: z.number().optional(),
    /** The value reads as yes: true, yes, y, 1, x, checked. */
    truthy: z.literal(true).optional(),
    /** The value is not empty (e.g. a joined closed-deal column). */
    present: z.literal(true).optional(),
  })
  .refine((rule) => [rule.in, rule.containsAny, rule.min ?? rule.max, rule.truthy, rule.present].filter((test) => test !== undefined).length === 1, {
    message: 'give exactly one test: in, containsAny, min/max, truthy or present',
  });
export type Match = z.infer<typeof Match>;

/** A number column (dollar signs, thousands separators and spaces are ignored). */
const NumberField = z
  .strictObject({
    column: ColumnName.optional(),
    /** Used when the column is absent from the mapping or the cell is empty. */
    default: z.number().min(0).optional(),
  })
  .refine((field) => field.column !== undefined || field.default !== undefined, { message: 'give a column, a default, or both' });

/**
 * "iso", "sql" or luxon tokens. A date format without a month token (yyyy-mm-dd: mm is minutes) is refused: luxon
 * would read every date into January without a word.
 */
const DateFormat = z
  .string()
  .min(1)
  .superRefine((format, ctx) => {
    if (format === 'iso' || format === 'sql') return;
    const tokens = format.replace(/'[^']*'/g, '');
    const foreign = luxonSpelling(format);
    if (foreign !== format) {
      // An ISO timestamp (2026-01-05T09:30:00Z) is what "iso" reads, offsets included; luxon's Z is not a literal Z.
      const fix = /^yyyy-MM-dd'T'HH:mm/.test(foreign) ? 'write iso (it reads 2026-01-05T09:30:00Z and any offset)' : `write "${foreign}"`;
      ctx.addIssue({ code: 'custom', message: `"${format}" has moment/Excel tokens that luxon reads otherwise (its year is yyyy, day of month d or dd, AM/PM a)`, input: format, params: { fix } });
      return;
    }
    if (!/[yd]/.test(tokens) || /[ML]/.test(tokens)) return;
    const fix = tokens.includes('mm') ? `write "${format.replace('mm', 'MM')}"` : 'add the month: M or MM (number), MMM (Jan) or MMMM (January)';
    ctx.addIssue({ code: 'custom', message: `"${format}" has no month (M, MM, MMM or L...; mm is minutes)`, input: format, params: { fix } });
  });

/**
 * The format with moment/dayjs/Excel spellings put in luxon's: YYYY (not a luxon token: every row would fail),
 * DD next to a month or year (luxon's D is a whole localized date) and A (luxon's AM/PM is a); quoted text is kept.
 */
function luxonSpelling(format: string): string {
  const tokens = format.replace(/'[^']*'/g, '');
  const dayAsDate = /D/.test(tokens) && /[MLyY]/.test(tokens);
  return format.replace(/'[^']*'|[YDA]+|T/g, (part) => {
    if (part.startsWith("'")) return part;
    // moment reads a bare T as the date-time separator; luxon needs literal text quoted.
    if (part === 'T') return "'T'";
    if (part.startsWith('Y')) return 'y'.repeat(part.length);
    if (part.startsWith('D')) return dayAsDate ? 'd'.repeat(Math.min(part.length, 2)) : part;
    return 'a';
  });
}

export const Arrival = z.strictObject({
  column: ColumnName,
  /** "iso", "sql" (2024-01-15 09:30:00) or luxon format tokens ("M/d/yyyy h:mm a"); a list is tried in order. */
  format: z.union([DateFormat, z.array(DateFormat).min(1)]).default('iso'),
  /** Zone of timestamps that carry no offset (CRMs export in the account's zone). */
  timeZone: TimeZone.default('UTC'),
  /**
   * keep: use the time in the file. spread: the file has dates only; each lead gets a time inside these local
   * hours from a seeded hash of its id, so the same file always gives the same times.
   */
  timeOfDay: z.union([z.literal('keep'), z.strictObject({ spread: TimeRange, seed: z.number().int().min(0).max(4_294_967_295).default(1) })]).default('keep'),
});

export const SourceField = z
  .strictObject({
    column: ColumnName.optional(),
    /** One source for every row (an export of a single channel). */
    value: Identifier.optional(),
    /** Export value -> scenario source name (trimmed, case-insensitive match). */
    values: z.record(z.string(), Identifier).default({}),
    /** Values not listed: keep them (as a source name made of letters, digits and "-") or report the row. */
    unmapped: z.enum(['keep', 'error']).default('keep'),
    /** Source name for empty cells; without it an empty cell is a row problem. */
    empty: Identifier.optional(),
  })
  .refine((field) => (field.column === undefined) !== (field.value === undefined), { message: 'give either column or value' });

export const FormField = z
  .strictObject({
    column: ColumnName.optional(),
    /** Export value -> form (trimmed, case-insensitive). */
    values: z.record(z.string(), FormType).default({}),
    /** Keywords: the first form (in the order written) with a keyword inside the value wins. */
    contains: z.partialRecord(FormType, z.array(z.string().min(1)).min(1)).default({}),
    /** Form of empty or unmatched values; without it they are row problems (and with no column, every lead's form). */
    default: FormType.optional(),
  })
  .refine((field) => field.column !== undefined || field.default !== undefined, { message: 'give a column, a default, or both' });

export const TimeZoneField = z
  .strictObject({
    column: ColumnName.optional(),
    /** Export label -> IANA zone ("Eastern Time" -> America/New_York); other values must be IANA names. */
    values: z.record(z.string(), TimeZone).default({}),
    default: TimeZone.optional(),
  })
  .refine((field) => field.column !== undefined || field.default !== undefined, { message: 'give a column, a default, or both' });

export const Outcome = z.strictObject({
  /** Checked in order: the first rule that matches gives the furthest stage the lead reached. */
  stages: z.array(z.strictObject({ stage: Stage, when: Match })).min(1),
  /** Stage of rows no rule matches. */
  default: Stage.default('lead'),
  /** The stage that counts as converted for calibration and backtests. */
  positive: Stage.exclude(['lead']).default('won'),
});

/** How the columns of one CRM export become lead fields; what the export lacks comes from defaults or the scenario. */
export const Mapping = z.strictObject({
  name: Identifier,
  description: z.string().max(4000).optional(),
  csv: z
    .strictObject({
      delimiter: z.string().length(1).default(','),
      encoding: z.enum(['utf-8', 'utf-16le', 'windows-1252', 'latin1']).default('utf-8'),
    })
    .prefault({}),
  /** A second export joined on a key column (e.g. closed deals by lead id); path relative to the leads file. */
  join: z.strictObject({ file: z.string().min(1), on: ColumnName }).optional(),
  /** Unique lead id; duplicates are reported. Without it the line number identifies a row. */
  id: ColumnName.optional(),
  arrival: Arrival,
  source: SourceField,
  /** Stage every row had already reached when it entered the export (Olist's rows are MQLs). */
  entryStage: Stage.default('lead'),
  form: FormField.optional(),
  fit: z.partialRecord(FitSignal, Match).optional(),
  intent: z.partialRecord(IntentSignal, Match).optional(),
  acv: NumberField.optional(),
  daysInactive: NumberField.optional(),
  timeZone: TimeZoneField.optional(),
  namedAccount: Match.optional(),
  activeOutbound: Match.optional(),
  /** Columns naming the rep who worked the lead, per role (distinct names size the calibrated team). */
  owners: z.strictObject({ sdr: ColumnName.optional(), ae: ColumnName.optional() }).prefault({}),
  outcome: Outcome.optional(),
});
export type Mapping = z.infer<typeof Mapping>;
