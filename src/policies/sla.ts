import type { Policy, Tier } from '../scenario/schema/policy.js';
import type { LeadView, SlaClock, SlaPolicy } from './types.js';

/** Per-tier targets on a calendar or business-hours clock, stretched while the surge protocol is active. */
export function targetSla(config: Policy['sla'], namedAccountMinutes: number | undefined, name = 'targets'): SlaPolicy {
  const stretch = config.surge.enabled ? config.surge.stretch : 1;
  const business = config.clock === 'business';
  return {
    name,
    deadline(lead: LeadView, tier: Tier, mqlAt: number, clock: SlaClock, surgeActive: boolean): number {
      const factor = surgeActive ? stretch : 1;
      // The only string SlaTarget; typeof spares a per-lead comparison with a YAML string, which is not interned.
      if (typeof tier.sla === 'string' && !(lead.namedAccount && namedAccountMinutes !== undefined)) {
        // Stretching "same day" means allowing more business days.
        let end = clock.endOfBusinessDay(mqlAt);
        for (let day = 1; day < factor; day++) end = clock.endOfBusinessDay(end + 1e-6);
        return end;
      }
      const base = lead.namedAccount && namedAccountMinutes !== undefined ? namedAccountMinutes : (tier.sla as { minutes: number }).minutes;
      const minutes = base * factor;
      return business ? clock.addBusinessMinutes(mqlAt, minutes) : mqlAt + minutes;
    },
  };
}
