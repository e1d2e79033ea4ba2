import { parseRange } from '../engine/calendar.js';
import type { Problem } from '../errors.js';
import type { Scenario } from './schema/scenario.js';

export type Warning = Problem;

export const BUILTIN_CALENDARS = ['business', 'always'] as const;

/** Checks zod cannot express: cross references and combinations that would make a run meaningless. */
export function semanticProblems(scenario: Scenario): { errors: Problem[]; warnings: Warning[] } {
  const errors: Problem[] = [];
  const warnings: Warning[] = [];
  const calendarNames = [...new Set([...Object.keys(scenario.calendars), ...BUILTIN_CALENDARS])];

  if (scenario.warmupWeeks >= scenario.horizonWeeks) {
    errors.push({ path: 'warmupWeeks', message: `warm-up (${scenario.warmupWeeks} weeks) leaves nothing of the ${scenario.horizonWeeks}-week horizon to measure`, fix: 'make warmupWeeks smaller than horizonWeeks' });
  }
  if (Object.keys(scenario.sources).length === 0) {
    errors.push({ path: 'sources', message: 'no lead sources', fix: 'add at least one source, e.g. sources: { organic: { weeklyVolume: 200 } }' });
  } else if (Object.values(scenario.sources).every((source) => source.weeklyVolume === 0)) {
    errors.push({ path: 'sources', message: 'every source has weeklyVolume 0, so no lead would ever arrive', fix: 'give at least one source a positive weeklyVolume' });
  }
  if (Object.keys(scenario.policies).length === 0) {
    errors.push({ path: 'policies', message: 'no policies', fix: 'add at least one, e.g. policies: { current: {} } to use every default' });
  }

  for (const [name, calendar] of Object.entries(scenario.calendars)) {
    if (calendar.hours !== '24/7' && Object.values(calendar.hours).every((hours) => hours === 'closed' || (Array.isArray(hours) && hours.length === 0))) {
      errors.push({ path: `calendars.${name}.hours`, message: 'this calendar is never open', fix: 'give at least one day opening hours, e.g. mon-fri: "09:00-17:00"' });
    }
    if (calendar.hours === '24/7') continue;
    for (const [day, hours] of Object.entries(calendar.hours)) {
      const overlap = Array.isArray(hours) ? overlappingRanges(hours) : null;
      // Overlaps are read as one open stretch; a lunch break written as "08:00-13:00", "12:00-17:00" is lost.
      if (overlap !== null) {
        warnings.push({ path: `calendars.${name}.hours.${day}`, message: `"${overlap[0]}" and "${overlap[1]}" overlap, so they are read as one open stretch`, fix: 'end one range before the next starts (a lunch break: "08:00-12:00", "13:00-17:00"), or write them as one range' });
      }
    }
  }

  for (const [name, source] of Object.entries(scenario.sources)) {
    if (source.profile === 'custom' && source.hourOfWeek === undefined) {
      errors.push({ path: `sources.${name}.hourOfWeek`, message: 'profile is custom but hourOfWeek is missing', fix: 'give 168 weights (Monday 00:00 first) or use profile: business' });
    }
    if (source.hourOfWeek !== undefined && source.hourOfWeek.every((weight) => weight === 0)) {
      errors.push({ path: `sources.${name}.hourOfWeek`, message: 'every hour has weight 0', fix: 'give at least one hour a positive weight' });
    }
    if (source.attributes === 'generated' && Object.values(source.forms).every((weight) => (weight ?? 0) === 0)) {
      errors.push({ path: `sources.${name}.forms`, message: 'every form weight is 0', fix: 'give at least one form type a positive weight' });
    }
    source.surges.forEach((surge, index) => {
      const startMinutes = (Date.parse(`${surge.start.replace(' ', 'T')}${surge.start.length === 10 ? 'T00:00' : ''}Z`) - Date.parse(`${scenario.start}T00:00:00Z`)) / 60_000;
      const endMinutes = startMinutes + surge.hours * 60;
      if (endMinutes <= 0 || startMinutes >= scenario.horizonWeeks * 10_080) {
        warnings.push({ path: `sources.${name}.surges.${index}.start`, message: `surge at ${surge.start} lies outside the ${scenario.horizonWeeks}-week horizon starting ${scenario.start}, so it has no effect`, fix: 'move start inside the horizon or lengthen horizonWeeks' });
      }
    });
  }

  const repsByRole = { sdr: 0, ae: 0 };
  for (const [name, pod] of Object.entries(scenario.team)) {
    repsByRole[pod.role] += pod.count;
    if (!calendarNames.includes(pod.calendar)) {
      errors.push({ path: `team.${name}.calendar`, message: `calendar "${pod.calendar}" is not defined`, fix: `use one of: ${calendarNames.join(', ')}, or define it under calendars` });
    }
  }

  for (const [policyName, policy] of Object.entries(scenario.policies)) {
    const seen = new Set<string>();
    policy.routing.tiers.forEach((tier, index) => {
      const path = `policies.${policyName}.routing.tiers.${index}`;
      if (seen.has(tier.name)) errors.push({ path: `${path}.name`, message: `tier name "${tier.name}" is used twice`, fix: 'give each tier its own name' });
      seen.add(tier.name);
      if (repsByRole[tier.role] === 0) {
        const other = tier.role === 'ae' ? 'sdr' : 'ae';
        warnings.push({ path: `${path}.role`, message: `tier "${tier.name}" routes to ${tier.role.toUpperCase()}s but the team has none, so its leads go to ${other.toUpperCase()}s`, fix: `add a pod with role ${tier.role} or set this tier's role to ${other}` });
      }
      if (policy.routing.queue === 'per-rep' && tier.sla !== 'same-business-day' && tier.sla.minutes < policy.routing.acceptTimeoutMinutes) {
        warnings.push({ path: `${path}.sla.minutes`, message: `SLA target ${tier.sla.minutes} min is shorter than the ${policy.routing.acceptTimeoutMinutes}-min accept timeout, so a single reassignment breaches it`, fix: 'lengthen the target or shorten routing.acceptTimeoutMinutes' });
      }
    });
    if (policy.recycle.limit > 0 && minimumOf(policy.recycle.nurtureDays) === 0) {
      warnings.push({ path: `policies.${policyName}.recycle.nurtureDays`, message: 'nurture can last 0 days, so a rejected lead could bounce straight back into the queue', fix: 'give nurtureDays a positive minimum (the methodology suggests weeks)' });
    }
  }
  return { errors, warnings: mergeRepeats(warnings) };
}

/** The same warning in several policies (usually inherited defaults) is reported once, naming the others. */
function mergeRepeats(warnings: Warning[]): Warning[] {
  const byText = new Map<string, { first: Warning; others: string[] }>();
  for (const warning of warnings) {
    const key = `${warning.path.replace(/^policies\.[^.]+\./, '')}|${warning.message}`;
    const seen = byText.get(key);
    if (seen === undefined) byText.set(key, { first: warning, others: [] });
    else seen.others.push(warning.path.split('.')[1] ?? warning.path);
  }
  return [...byText.values()].map(({ first, others }) =>
    others.length === 0 ? first : { ...first, message: `${first.message} (also in ${others.length === 1 ? 'policy' : 'policies'} ${others.join(', ')})` },
  );
}

function minimumOf(distribution: Scenario['prospect']['sqlDays']): number {
  switch (distribution.dist) {
    case 'fixed':
      return distribution.value;
    case 'uniform':
      return distribution.min;
    case 'empirical':
      return Math.min(...distribution.values);
    case 'piecewise':
      return distribution.points[0]![0];
    default:
      return 0;
  }
}

/** The first two opening-hour ranges of a day that overlap, or null. */
function overlappingRanges(ranges: readonly string[]): [string, string] | null {
  const parsed = ranges.map(parseRange);
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      if (parsed[i]![0] < parsed[j]![1] && parsed[j]![0] < parsed[i]![1]) return [ranges[i]!, ranges[j]!];
    }
  }
  return null;
}
