import { datesOnlyWarning, readExport, type ExportData } from '../leads/replay/readExport.js';

/** Flags and steps shared by the commands that read a CRM export: replay, calibrate and backtest. */
export const exportOptions = {
  strict: { type: 'boolean', describe: 'stop (exit 2) if any row cannot be used, instead of leaving it out (exit 3)' },
} as const;

export const EXPORT_EXIT_CODES = 'Exit codes: 0 every row used; 3 ran, some rows left out (listed on stderr); 2 nothing run (bad input, or --out exists); 130 interrupted (Ctrl-C); 1 internal error.';

/**
 * Reads the export through its mapping and prints what the mapping assumed (its notes) on stderr, and for a date-only
 * export read as times, which of this command's figures would start at midnight (`timed`; null: none depend on it).
 */
export function readExportWithNotes(leads: string, map: string, timed: string | null): ExportData {
  const data = readExport(leads, map);
  for (const note of data.notes) process.stderr.write(`${note}\n`);
  if (data.datesOnly && timed !== null) process.stderr.write(`${datesOnlyWarning(data, timed)}\n`);
  return data;
}
