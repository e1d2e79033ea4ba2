import { binLowerMinutes, binUpperMinutes } from './histogram.js';

/**
 * Share of a tier's assigned leads first touched within `minutes` of the MQL, from its histogram bins
 * (the bin straddling the threshold is split geometrically; resolution 1% of the threshold).
 */
export function fractionWithin(tier: { assigned: number; speedBins: readonly (readonly [number, number])[] }, minutes: number): number | null {
  if (tier.assigned <= 0) return null;
  let within = 0;
  for (const [bin, count] of tier.speedBins) {
    const lower = binLowerMinutes(bin);
    const upper = binUpperMinutes(bin);
    if (upper <= minutes) within += count;
    else if (lower < minutes) within += bin === 0 ? count : count * (Math.log(minutes / lower) / Math.log(upper / lower));
  }
  return within / tier.assigned;
}
