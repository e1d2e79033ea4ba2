import type { Mapping } from '../../leads/replay/mapping.js';
import { percent, plural } from '../../report/format.js';
import type { Calibration } from '../calibrate.js';
import { calibrationTable, sourceFitTable } from './table.js';

/** The scenario's header comment: where it came from, what was fitted, and what is assumed and needs editing. */
export function calibrationHeader(calibration: Calibration, arrival: Mapping['arrival']): string {
  const { period, rows } = calibration;
  const times = {
    'all midnight': 'every export time is 00:00 (dates only?), so the hour-of-week shape puts all arrivals at midnight: set arrival.timeOfDay in the mapping and calibrate again',
    'from export': 'weekday and hour-of-day shape from the export times',
    spread: `the export has dates only: weekday shape from the dates, times spread uniformly over ${arrival.timeOfDay === 'keep' ? '' : arrival.timeOfDay.spread} (an assumption)`,
  }[period.timesOfDay];
  const lines = [
    `Calibrated by "handoff calibrate" from ${calibration.file} with ${calibration.mapping}`,
    `(${rows.used} of ${rows.total} rows used${rows.leftOut > 0 ? `, ${rows.leftOut} left out` : ''}).`,
    `Period ${period.start} to ${period.end} (${period.weeks.toFixed(1)} weeks, ${period.timeZone}); ${times}.`,
    '',
    'Fitted per source: weekly volume at the start and compounding weekly trend (Poisson log-linear fit),',
    `source mix, and conversion to ${calibration.positiveStage} with its 95% interval:`,
    ...calibrationTable(calibration).split('\n').map((line) => `  ${line}`),
    '',
  ];
  const funnel = calibration.funnel;
  if (funnel !== null) {
    const measure = funnel.measure === 'mqls' ? `MQL -> ${calibration.positiveStage} (distinct MQL leads)` : `leads -> ${calibration.positiveStage}`;
    lines.push(
      `prospect.funnel (${funnel.steps.join(', ')}) is shifted by ${funnel.shift.toFixed(3)} log-odds so the simulated`,
      `${measure} matches the export overall: target ${percent(funnel.target, 2)}, simulated ${percent(funnel.simulated.rate, 2)} over ${plural(funnel.replications, 'replication')}${funnel.reached ? '' : ' (NOT reached: speed and reach cap conversion; add reps or relax prospect.reach)'}.`,
    );
  }
  const fit = calibration.sourceFit;
  if (fit !== null) {
    lines.push(
      `Each source's qualityShift (sd of hidden lead quality) is then fitted so its simulated MQL -> ${calibration.positiveStage}`,
      `matches the export's within a quarter of the export's standard error, or one simulated count if coarser (${plural(fit.replications, 'replication')}, ${plural(fit.evaluations, 'step')}):`,
      ...sourceFitTable(calibration).split('\n').map((line) => `  ${line}`),
    );
    lines.push(`All sources at these shifts: simulated ${percent(fit.overall.rate, 2)}; the export's per-source rates at the simulated source mix give ${percent(fit.expectedAtSimulatedMix, 2)}.`);
    if (fit.groups.some((group) => group.pooled)) lines.push(`Sources with fewer than ${fit.minMqls} MQLs in the export share one pooled shift: their own rates are too noisy to fit.`);
    for (const { name, reason } of fit.unfitted) lines.push(`${name}: qualityShift not fitted (${reason}).`);
  } else if (funnel !== null) {
    lines.push(`Per-source conversion is recorded above, not fitted: the engine counts only SQL and won per source, not ${calibration.positiveStage}.`);
  }
  if (funnel !== null) lines.push('');
  const team = calibration.team;
  lines.push(
    'Assumed, not fitted (edit them):',
    `- team: ${plural(team.sdr, 'SDR')} (${team.from.sdr === 'owners' ? 'distinct owners in the export' : 'sized from volume'}) and ${plural(team.ae, 'AE')} (${team.from.ae === 'owners' ? 'distinct owners in the export' : 'sized from volume'}), on the built-in business calendar;`,
    '- routing, SLA and cadence: the seed rules; prospect reach and speed effects: engine defaults;',
    '- every lead attribute the mapping does not map (forms, signals, ACV, ...): scenario defaults.',
    'Check with: handoff validate <this file>; then: handoff simulate <this file>',
  );
  return lines.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
}

/** The comment written beside each fitted qualityShift: what it was fitted against and what it gave. */
export function shiftNotes(calibration: Calibration): Map<string, string> {
  const notes = new Map<string, string>();
  const fit = calibration.sourceFit;
  if (fit === null) return notes;
  const stage = calibration.positiveStage;
  for (const group of fit.groups) {
    const against = `${group.pooled ? `pooled MQL -> ${stage} of ${group.sources.join(', ')}` : `MQL -> ${stage}`} in the export ${group.target.count}/${group.target.of} = ${percent(group.target.rate, 2)}`;
    const simulated = `simulated ${percent(group.simulated.rate, 2)} over ${plural(fit.replications, 'replication')}${group.reached ? '' : ' (not within tolerance)'}`;
    for (const name of group.sources) notes.set(name, `fitted by calibrate: ${against}; ${simulated}`);
  }
  for (const { name, reason } of fit.unfitted) notes.set(name, `not fitted: ${reason}`);
  return notes;
}
