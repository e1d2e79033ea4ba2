/** Hour-of-week arrival shapes (Monday 00:00 local first), normalised to mean 1. */

const businessDay = (hour: number): number => {
  if (hour < 7) return 0.25;
  if (hour === 7) return 0.8;
  if (hour < 12) return 2.2;
  if (hour < 14) return 1.8;
  if (hour < 18) return 2.0;
  if (hour < 21) return 0.9;
  return 0.45;
};
const weekendDay = (hour: number): number => (hour >= 9 && hour < 21 ? 0.35 : 0.15);

export function hourOfWeekWeights(profile: 'flat' | 'business' | 'custom', custom?: readonly number[]): Float64Array {
  const weights = new Float64Array(168);
  for (let h = 0; h < 168; h++) {
    const day = Math.floor(h / 24);
    const hour = h % 24;
    weights[h] = profile === 'flat' ? 1 : profile === 'custom' ? custom![h]! : day < 5 ? businessDay(hour) : weekendDay(hour);
  }
  const mean = weights.reduce((sum, w) => sum + w, 0) / 168;
  for (let h = 0; h < 168; h++) weights[h] = weights[h]! / mean;
  return weights;
}
