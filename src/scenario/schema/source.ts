import { z } from 'zod';
import { FormType, type FitSignal, type IntentSignal } from '../../leads/fields.js';
import { Distribution } from './distribution.js';
import { Identifier, IsoLocalDateTime, NonNegative, Positive, Probability, TimeZone } from './primitives.js';

export const Surge = z.strictObject({
  /** Local date-time in the scenario time zone when the surge reaches full strength. */
  start: IsoLocalDateTime,
  hours: Positive,
  multiplier: Positive,
  /** Linear ramp up before `start` and down after the end, in hourly steps. */
  rampHours: NonNegative.default(0),
  label: z.string().max(80).optional(),
});
export type Surge = z.infer<typeof Surge>;

const DEFAULT_FORMS = { content: 0.46, webinar: 0.14, contact: 0.1, trial: 0.1, product: 0.04, pricing: 0.06, demo: 0.1 };

/** Probability that each fit signal matches the ICP; unspecified signals keep their default. */
export const FitMix = z
  .strictObject({
    employeeBand: Probability.default(0.5),
    industry: Probability.default(0.55),
    revenueBand: Probability.default(0.45),
    geo: Probability.default(0.8),
    techStack: Probability.default(0.4),
  } satisfies Record<FitSignal, z.ZodType>)
  .prefault({});

/** Probability of each behavioural signal before form-implied signals are added. */
export const IntentMix = z
  .strictObject({
    pricingView: Probability.default(0.25),
    demoRequest: Probability.default(0),
    secondSession: Probability.default(0.4),
    highIntentContent: Probability.default(0.25),
    webinar: Probability.default(0.1),
    productSignal: Probability.default(0),
    unsubscribe: Probability.default(0.04),
  } satisfies Record<IntentSignal, z.ZodType>)
  .prefault({});

export const Source = z.strictObject({
  /** Expected inquiries per week before profile shape, trend and surges. */
  weeklyVolume: NonNegative.max(1e9),
  /** Hour-of-week shape of arrivals: flat, business (weekday working hours heavy), or custom via hourOfWeek. */
  profile: z.enum(['flat', 'business', 'custom']).default('business'),
  /** 168 relative weights starting Monday 00:00 local time; required when profile is custom. */
  hourOfWeek: z.array(NonNegative).length(168).optional(),
  /** Compounding weekly growth of volume (0.02 = +2% per week). */
  trendPerWeek: z.number().min(-0.5).max(1).default(0),
  surges: z.array(Surge).max(100).default([]),
  /** "generated": full lead attributes; "none": bare arrivals for queueing validation. */
  attributes: z.enum(['generated', 'none']).default('generated'),
  /** Relative weights of the form a lead submits. */
  forms: z.partialRecord(FormType, NonNegative).default(DEFAULT_FORMS),
  fit: FitMix,
  intent: IntentMix,
  /** How strongly the fit signals move together (loading on one latent ICP factor). */
  fitCorrelation: Probability.default(0.6),
  intentCorrelation: Probability.default(0.5),
  daysInactive: Distribution.default({ dist: 'exponential', mean: 12 }),
  acv: Distribution.default({ dist: 'lognormal', mean: 32000, sd: 30000 }),
  namedAccountShare: Probability.default(0.06),
  /** Share of named-account leads whose account is in an active outbound play (ABM suppression). */
  activeOutboundShare: Probability.default(0.25),
  /** Relative weights of the prospect's time zone; default is the scenario's zone. */
  prospectTimeZones: z.record(TimeZone, Positive).optional(),
  /** Shift of this source's hidden lead quality (standard deviations): how much better or worse its leads convert than their signals say. Fitted by calibrate. */
  qualityShift: z.number().min(-5).max(5).default(0),
  /** Channel label used for attribution (defaults to the source name). */
  channel: Identifier.optional(),
});
export type Source = z.infer<typeof Source>;
