import { percent } from '../../report/format.js';
import type { Calibration } from '../calibrate.js';
import type { Rate } from './conversion.js';

const interval = (rate: Rate | undefined): string =>
  rate === undefined || rate.rate === null ? '-' : `${percent(rate.rate)} [${percent(rate.ci95![0])}, ${percent(rate.ci95![1])}]`;

/** Plain-text table of the fitted figures per source (and overall), for the terminal and the scenario header. */
export function calibrationTable(calibration: Calibration): string {
  const positive = calibration.positiveStage;
  const fromMql = calibration.entryStage === 'lead' && calibration.overall !== null;
  const weeks = calibration.period.weeks;
  const header = ['source', 'leads', 'share', 'avg/week', 'week-0 rate', 'trend/week', `lead->${positive}`, ...(fromMql ? [`mql->${positive}`] : [])];
  const rows = calibration.sources.map((source) => [
    source.name,
    String(source.leads),
    percent(source.share),
    (source.leads / weeks).toFixed(1),
    source.weeklyVolume.toFixed(1),
    `${source.trendPerWeek >= 0 ? '+' : ''}${percent(source.trendPerWeek, 2)}`,
    interval(source.conversion?.leadToPositive),
    ...(fromMql ? [interval(source.conversion?.mqlToPositive)] : []),
  ]);
  const total = calibration.sources.reduce((sum, source) => sum + source.leads, 0);
  rows.push([
    'all sources',
    String(total),
    '100.0%',
    (total / weeks).toFixed(1),
    calibration.sources.reduce((sum, source) => sum + source.weeklyVolume, 0).toFixed(1),
    '',
    interval(calibration.overall?.leadToPositive),
    ...(fromMql ? [interval(calibration.overall?.mqlToPositive)] : []),
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const format = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [format(header), ...rows.map(format)].join('\n');
}
