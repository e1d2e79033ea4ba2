import { ZoneClock } from '../replay/timestamps.js';
import type { Contact, LeadFacts } from './contact.js';

/** The creation time as a CRM writes it in its account's zone. */
export interface LocalTime {
  /** yyyy-MM-dd */
  date: string;
  /** HH:mm */
  time24: string;
  /** M/d/yyyy h:mm AM */
  us: string;
}

/** A CRM export's columns and how one lead fills them. */
export interface ExportLayout {
  name: string;
  columns: readonly string[];
  /** Zone the CRM writes its dates in (without an offset). */
  zone: string;
  row(lead: LeadFacts, contact: Contact, local: LocalTime): Record<string, string | number>;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local date and time of an instant in one zone, formatted without luxon (its per-call cost adds up). */
export function localTime(clock: ZoneClock, epochMs: number): LocalTime {
  const local = new Date(epochMs + clock.offset(epochMs) * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  return {
    date: `${year}-${two(month)}-${two(day)}`,
    time24: `${two(hour)}:${two(minute)}`,
    us: `${month}/${day}/${year} ${hour % 12 === 0 ? 12 : hour % 12}:${two(minute)} ${hour < 12 ? 'AM' : 'PM'}`,
  };
}
