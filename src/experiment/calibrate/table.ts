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

/** Plain-text table of the per-source qualityShift fit: the export's MQL -> positive, the shift, the simulated rate. */
export function sourceFitTable(calibration: Calibration): string {
  const fit = calibration.sourceFit;
  if (fit === null) return '';
  const stage = calibration.positiveStage;
  const header = ['source', 'MQLs', `export mql->${stage}`, 'qualityShift', `simulated mql->${stage}`, 'sim MQLs/rep'];
  const rows = fit.groups.map((group) => [
    group.pooled ? `pooled: ${group.sources.join(', ')}` : group.sources[0]!,
    String(group.target.of),
    interval(group.target),
    `${group.shift >= 0 ? '+' : ''}${group.shift.toFixed(3)}`,
    `${percent(group.simulated.rate, 2)}${group.reached ? '' : ' (off)'}`,
    // Per replication, to compare with the export's MQLs: the MQL rule is the draft policy's, not fitted.
    (group.simulated.of / fit.replications).toFixed(0),
  ]);
  for (const { name } of fit.unfitted) rows.push([name, '', '', 'not fitted', '', '']);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const format = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [format(header), ...rows.map(format)].join('\n');
}
