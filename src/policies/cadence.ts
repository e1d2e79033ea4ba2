import type { Policy, Tier } from '../scenario/schema/policy.js';
import type { CadenceClock, CadencePolicy, LeadView } from './types.js';

/**
 * Touches spread over the tier's window after the first touch. Front-loaded spacing puts attempts close
 * together early, as SDR cadences do (e.g. 6 touches in 48 h: 0, 2, 8, 17, 31, 48 h).
 */
export function spacedCadence(config: Policy['cadence'], name = 'cadence'): CadencePolicy {
  const frontLoaded = config.spacing === 'front-loaded';
  return {
    name,
    nextTouchAt(_lead: LeadView, tier: Tier, attempt: number, firstTouchAt: number, clock: CadenceClock): number {
      const touches = tier.cadence.touches;
      if (attempt > touches || touches === 1) return -1;
      const position = (attempt - 1) / (touches - 1);
      const fraction = frontLoaded ? position * position : position;
      if (tier.cadence.withinHours !== undefined) return firstTouchAt + fraction * tier.cadence.withinHours * 60;
      const businessMinutes = fraction * tier.cadence.withinBusinessDays! * clock.openMinutesPerDay;
      return clock.addBusinessMinutes(firstTouchAt, businessMinutes);
    },
  };
}
