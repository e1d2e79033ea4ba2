import { z } from 'zod';
import { NonNegative as AnyNonNegative } from './primitives.js';

/** Minutes, days or dollars: a trillion is beyond any real value and keeps every sum finite. */
const MAX_AMOUNT = 1e12;
const NonNegative = AnyNonNegative.max(MAX_AMOUNT);
/** From a billionth (so positive, in one rule and one message): smaller means are noise, and mean/sd ratios beyond 1e21 would overflow the samplers. */
const Positive = z.number().min(1e-9).max(MAX_AMOUNT);

/** A non-negative random quantity (minutes, days, dollars): every sampler in src/random reads one of these. */
export const Distribution = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('fixed'), value: NonNegative }),
  z.strictObject({ dist: z.literal('exponential'), mean: Positive }),
  z.strictObject({ dist: z.literal('lognormal'), mean: Positive, sd: Positive }),
  z.strictObject({ dist: z.literal('gamma'), mean: Positive, shape: Positive }),
  z.strictObject({ dist: z.literal('erlang'), mean: Positive, k: z.number().int().min(1).max(1000) }),
  z.strictObject({ dist: z.literal('uniform'), min: NonNegative, max: NonNegative }).refine((d) => d.max >= d.min, {
    message: 'max must be at least min',
    path: ['max'],
  }),
  z
    .strictObject({
      dist: z.literal('empirical'),
      values: z.array(NonNegative).min(1).max(100_000),
      weights: z.array(Positive).optional(),
    })
    .refine((d) => d.weights === undefined || d.weights.length === d.values.length, {
      message: 'weights must have one entry per value',
      path: ['weights'],
    }),
  z
    .strictObject({
      dist: z.literal('piecewise'),
      // Points of a cumulative distribution: [value, probability], both increasing, ending at probability 1.
      points: z.array(z.tuple([NonNegative, z.number().min(0).max(1)])).min(2),
    })
    .refine(
      (d) =>
        d.points.every((p, i) => i === 0 || (p[0] >= d.points[i - 1]![0] && p[1] >= d.points[i - 1]![1])) &&
        d.points[d.points.length - 1]![1] === 1,
      { message: 'points must be increasing [value, cumulative probability] pairs ending at probability 1', path: ['points'] },
    ),
]);
export type Distribution = z.infer<typeof Distribution>;
