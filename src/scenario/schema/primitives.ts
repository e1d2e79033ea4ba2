import { z } from 'zod';
import { IANAZone } from 'luxon';
import { nearest } from '../../errors.js';

/** Finite, non-negative number (zod 4 already rejects Infinity and NaN). */
export const NonNegative = z.number().min(0);
export const Positive = z.number().positive();
export const Probability = z.number().min(0).max(1);

export const TimeZone = z.string().superRefine((zone, ctx) => {
  if (IANAZone.isValidZone(zone)) return;
  const close = nearest(zone, Intl.supportedValuesOf('timeZone'));
  // The suggestion goes in params.fix, which zodProblems turns into the problem's "Fix:".
  const fix = close.length > 0 ? `did you mean "${close[0]}"?` : 'use an IANA name such as "America/New_York", "Europe/London" or "UTC"';
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(zone)} is not an IANA time zone`, input: zone, params: { fix } });
});

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'not a real calendar date');

export const IsoLocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/, 'expected a local date-time as YYYY-MM-DDTHH:MM');

/** A name usable as a key in output files and on the command line. */
export const Identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'use letters, digits, space, "_" or "-" (starting with a letter or digit)');

/** Knots of a curve: [x, y] pairs with strictly increasing x, interpolated log-linearly in y. */
export const Knots = z
  .array(z.tuple([NonNegative, Positive]))
  .min(1)
  .refine((points) => points.every((p, i) => i === 0 || p[0] > points[i - 1]![0]), 'knot x values must increase strictly');
