import type { Mapping } from '../../leads/replay/mapping.js';
import { percent } from '../../report/format.js';
import type { Calibration } from '../calibrate.js';
import { calibrationTable } from './table.js';

/** The scenario's header comment: where it came from, what was fitted, and what is assumed and needs editing. */
export function calibrationHeader(calibration: Calibration, arrival: Mapping['arrival']): string {
  const { period, rows } = calibration;
  const times =
    arrival.timeOfDay === 'keep'
      ? 'weekday and hour-of-day shape from the export times'
      : `the export has dates only: weekday shape from the dates, times spread uniformly over ${arrival.timeOfDay.spread} (an assumption)`;
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
    lines.push(
      `The engine has one funnel for every source, so per-source conversion is recorded here, not simulated.`,
      `prospect.funnel (${funnel.steps.join(', ')}) is shifted by ${funnel.shift.toFixed(3)} log-odds so the simulated`,
      `leads -> ${calibration.positiveStage} rate matches the export overall: target ${percent(funnel.target, 2)}, simulated ${percent(funnel.simulated.rate, 2)} over ${funnel.replications} replications${funnel.reached ? '' : ' (NOT reached: speed and reach cap conversion; add reps or relax prospect.reach)'}.`,
      '',
    );
  }
  const team = calibration.team;
  lines.push(
    'Assumed, not fitted (edit them):',
    `- team: ${team.sdr} SDRs (${team.from.sdr === 'owners' ? 'distinct owners in the export' : 'sized from volume'}) and ${team.ae} AEs (${team.from.ae === 'owners' ? 'distinct owners in the export' : 'sized from volume'}), on the built-in business calendar;`,
    '- routing, SLA and cadence: the seed rules; prospect reach and speed effects: engine defaults;',
    '- every lead attribute the mapping does not map (forms, signals, ACV, ...): scenario defaults.',
    'Check with: handoff validate <this file>; then: handoff simulate <this file>',
  );
  return lines.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
}
