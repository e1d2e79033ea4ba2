import type { CommandModule } from 'yargs';
import { runStaffing } from '../../experiment/staffing.js';
import type { StaffingSummary } from '../../experiment/staffing/schema.js';
import { parseTarget } from '../../experiment/staffing/target.js';
import { checkResultsTarget } from '../../report/atomicFiles.js';
import { count, dollars, percent, shareBound } from '../../report/format.js';
import { jsonText } from '../../report/json.js';
import { answerLines, writeStaffingResults } from '../../report/staffingReport.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { progressOptions, progressReporter, type ProgressArgs } from '../progress.js';
import { checkSeconds, studyOptions } from '../studyFlags.js';
import { toolVersion } from '../version.js';
import { printWarnings } from '../warnings.js';

interface StaffArgs extends ProgressArgs {
  scenario: string;
  target: string[];
  role?: 'sdr' | 'ae';
  min?: number;
  max?: number;
  window: 'launch' | 'all';
  confidence: number;
  policy?: string;
  replications?: number;
  workers?: number;
  seed?: number;
  jobTimeout?: number;
  maxOccupancy?: number;
  maxAbandonment?: number;
  shrinkage?: number;
  whatIfs?: boolean;
  json?: boolean;
  out?: string;
}

const pad = (text: string, width: number) => text.padStart(width);
const signedPoints = (value: number) => `${value >= 0 ? '+' : '-'}${Math.abs(value * 100).toFixed(1)} pts`;
const signedDollars = (value: number) => `${value >= 0 ? '+' : '-'}${dollars(Math.abs(value))}`;

/** The terminal answer: per role the headcounts simulated, the recommendation, the formulas, then the what-ifs. */
export function staffingText(summary: StaffingSummary): string {
  const lines = [`Staffing ${summary.scenario} with policy "${summary.policy}" (${summary.window === 'launch' ? 'MQLs inside surge windows' : 'all MQLs'}, ${summary.replications} replications per headcount, seed ${summary.seed})`, ''];
  for (const search of summary.searches) {
    const role = search.role.toUpperCase();
    lines.push(`${role}s: varying pod "${search.pod}" (${search.current} in the scenario), range ${search.min}-${search.max}, simulated ${search.tried.join(', ')} in that order`);
    lines.push(`  ${pad(`${role}s`, 5)}  ${pad(`${search.targets[0]} mean`, 26)}  ${pad('95% CI', 15)}  ${pad('lower bd', 8)}  meets  ${pad('util', 6)}  ${pad('rep-hours', 9)}  ${pad('pipeline', 9)}`);
    for (const point of summary.curve.filter((entry) => entry.role === search.role)) {
      const band = point.ci95 === null ? '-' : `${shareBound(point.ci95[0])}-${shareBound(point.ci95[1])}`;
      lines.push(`  ${pad(String(point.headcount), 5)}  ${pad(percent(point.mean), 26)}  ${pad(band, 15)}  ${pad(shareBound(point.lowerBound), 8)}  ${point.holds ? 'yes  ' : 'no   '}  ${pad(percent(point.utilization), 6)}  ${pad(count(point.openRepHours), 9)}  ${pad(dollars(point.pipeline.mean), 9)}`);
    }
    // Around the answer, or at the top of the range when there is none (does more still help?).
    for (const gain of summary.marginal.filter((entry) => entry.role === search.role && (search.recommended === null ? entry.to === Math.max(...search.tried) : entry.to === search.recommended || entry.from === search.recommended))) {
      const targets = Object.entries(gain.perRep.targets).map(([target, interval]) => `${target} ${interval === null ? '-' : `${signedPoints(interval.mean)} (${signedPoints(interval.ci95[0])} to ${signedPoints(interval.ci95[1])})`}`);
      lines.push(`  Each ${role} from ${gain.from} to ${gain.to}: ${targets.join(', ')}, pipeline ${signedDollars(gain.perRep.pipeline.mean)} (${signedDollars(gain.perRep.pipeline.ci95[0])} to ${signedDollars(gain.perRep.pipeline.ci95[1])}), ${count(gain.perRep.openRepHours)} rep-hours`);
    }
    const analytic = summary.analytic[search.role];
    for (const target of analytic?.targets ?? []) {
      const i = target.inputs;
      const staffed = (name: string, value: { servers: number; scheduled: number } | null) => `${name} ${value === null ? '-' : `${value.scheduled} (${value.servers} on duty)`}`;
      lines.push(`  Formulas for ${target.target}: ${[staffed('Erlang C', target.erlangC), staffed('Erlang A', target.erlangA), staffed('square-root', target.squareRoot)].join(', ')}${target.note === null ? '' : ` [${target.note}]`}`);
      if (i !== null) lines.push(`    inputs: ${i.leadsInWindow.toFixed(1)} leads / ${i.openHours.toFixed(1)} open h = ${i.arrivalRatePerHour.toFixed(2)}/h, work ${i.workDistribution}, patience ${i.meanPatienceMinutes === null ? 'none' : `${i.meanPatienceMinutes.toFixed(1)} min`}, shrinkage ${percent(i.shrinkage)}`);
    }
    lines.push('');
  }
  lines.push(...answerLines(summary), summary.comparison);
  if (summary.whatIfs !== null) {
    const team = Object.entries(summary.whatIfs.team).map(([pod, n]) => `${pod} ${n}`).join(', ');
    lines.push('', `Surge what-ifs at ${team} (difference vs ${summary.whatIfs.baseline}, paired, 95% CI):`);
    for (const row of summary.whatIfs.rows) {
      const targets = row.targets.map((stats) => `${stats.target} ${percent(stats.mean)}${stats.vsBaseline === null ? '' : ` (${signedPoints(stats.vsBaseline.mean)}, ${signedPoints(stats.vsBaseline.ci95[0])} to ${signedPoints(stats.vsBaseline.ci95[1])})`}`).join('; ');
      const pipeline = `pipeline ${dollars(row.pipeline.mean)}${row.pipeline.vsBaseline === null ? '' : ` (${signedDollars(row.pipeline.vsBaseline.mean)})`}`;
      lines.push(`  ${row.label.padEnd(34)} ${row.policy.padEnd(28)} ${targets}; ${pipeline}`);
    }
  }
  return lines.join('\n');
}

export const staffCommand: CommandModule<object, StaffArgs> = {
  command: 'staff <scenario>',
  describe: 'Find the smallest SDR/AE headcount that meets response targets with confidence, next to Erlang C/A',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('target', { type: 'string', array: true, demandOption: 'give at least one --target, e.g. --target "hot:0.85@5m"', describe: '"<tier>:<fraction>@<duration>", e.g. "hot:0.85@5m" (durations 20s, 5m, 1h, 1d); repeat for several, all must hold' })
      .option('role', { choices: ['sdr', 'ae'] as const, describe: 'role whose headcount to vary (default: the role each target\u2019s tier routes to)' })
      .option('min', { type: 'number', describe: 'smallest headcount to consider (default 1)' })
      .option('max', { type: 'number', describe: 'largest headcount to consider (default: the larger of 2x today, today + 10, 2x the Erlang answer)' })
      .option('window', { choices: ['launch', 'all'] as const, default: 'all' as const, describe: 'launch: only MQLs created inside surge windows; all: the whole measured period' })
      .option('confidence', { type: 'number', default: 0.95, describe: 'one-sided confidence that the target holds' })
      .option('policy', { type: 'string', describe: 'policy to staff for (default: the scenario\u2019s first)' })
      .option('replications', { type: 'number', describe: 'replications per headcount (default: the scenario\u2019s)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: available cores)' })
      .option('seed', { type: 'number', describe: 'override the scenario seed' })
      .option('job-timeout', studyOptions['job-timeout'])
      .option('max-occupancy', { type: 'number', describe: 'Erlang staffing: largest acceptable rep occupancy (default no cap)' })
      .option('max-abandonment', { type: 'number', describe: 'Erlang A staffing: largest acceptable share going cold (default no cap)' })
      .option('shrinkage', { type: 'number', describe: 'Erlang staffing: share of scheduled reps off duty (default: the pod\u2019s absenceRate)' })
      .option('what-ifs', { type: 'boolean', default: true, describe: 'run the surge what-ifs at the recommended team (use --no-what-ifs to skip)' })
      .option('json', { type: 'boolean', describe: 'print summary.json to stdout instead of the tables' })
      .option('out', { type: 'string', describe: 'results folder (default results/<scenario>-staff-<UTC timestamp>)' })
      .options(progressOptions),
  handler: async (args) => {
    const targets = args.target.map(parseTarget);
    checkSeconds([['--job-timeout', args.jobTimeout]]);
    checkResultsTarget(args.out);
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    const progress = progressReporter(args, 'staffing replications');
    const study = await runStaffing(loaded, {
      targets,
      window: args.window,
      confidence: args.confidence,
      whatIfs: args.whatIfs !== false,
      ...(args.role === undefined ? {} : { role: args.role }),
      ...(args.min === undefined ? {} : { min: args.min }),
      ...(args.max === undefined ? {} : { max: args.max }),
      ...(args.policy === undefined ? {} : { policy: args.policy }),
      ...(args.replications === undefined ? {} : { replications: args.replications }),
      ...(args.workers === undefined ? {} : { workers: args.workers }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.jobTimeout === undefined ? {} : { jobTimeoutMs: args.jobTimeout * 1000 }),
      caps: {
        ...(args.maxOccupancy === undefined ? {} : { maxOccupancy: args.maxOccupancy }),
        ...(args.maxAbandonment === undefined ? {} : { maxAbandonment: args.maxAbandonment }),
        ...(args.shrinkage === undefined ? {} : { shrinkage: args.shrinkage }),
      },
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    }).finally(() => progress.stop());
    const dir = await writeStaffingResults(study, { ...(args.out === undefined ? {} : { out: args.out }), command: process.argv.slice(2), version: toolVersion() });
    if (args.json) {
      process.stdout.write(jsonText(study.summary));
      process.stderr.write(`Report: ${dir}/report.html\n`);
    } else process.stdout.write(`${staffingText(study.summary)}\n\nChart: ${dir}/charts/staffing-curve.svg\nReport: ${dir}/report.html\n`);
  },
};
