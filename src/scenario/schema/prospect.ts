import { z } from 'zod';
import { RejectionReason } from '../../leads/fields.js';
import { TimeRange } from './calendar.js';
import { Distribution } from './distribution.js';
import { Knots, NonNegative, Positive, Probability } from './primitives.js';

/** One funnel step: probability at average lead quality and a fast first touch, and how quality moves it. */
const Stage = (base: number, slope: number) =>
  z
    .strictObject({
      base: z.number().gt(0).lt(1).default(base),
      /** Change in log-odds per standard deviation of hidden lead quality. */
      slope: z.number().min(-5).max(5).default(slope),
    })
    .prefault({});

export const Prospect = z
  .strictObject({
    /** Local hours in which the prospect can be called ("any" disables the window). */
    hours: z.union([TimeRange, z.literal('any')]).default('07:00-19:00'),
    days: z.enum(['weekdays', 'daily']).default('weekdays'),
    /** Time after the hand-raise at which an untouched lead goes cold and is lost (null: never). */
    patience: Distribution.nullable().default(null),
    reach: z
      .strictObject({
        /** Odds of reaching an average lead on a first attempt within 5 minutes. */
        baseOdds: Positive.default(40),
        /** Odds multiplier by minutes since the hand-raise (log-log interpolated, flat outside). */
        delayOdds: Knots.default([
          [5, 1],
          [10, 0.1],
          [30, 0.01],
          [1440, 0.0025],
        ]),
        /** Odds multiplier per attempt number (1st, 2nd, ...); the last value repeats. */
        attemptOdds: z.array(Positive).min(1).max(50).default([1, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35]),
        /** Change in log-odds per standard deviation of lead quality (engaged buyers pick up). */
        qualitySlope: z.number().min(-5).max(5).default(0.4),
      })
      .prefault({}),
    quality: z
      .strictObject({
        /** Weight of the hidden fit factor in lead quality. */
        fitLoading: NonNegative.max(5).default(0.7),
        /** Weight of the hidden intent factor in lead quality. */
        intentLoading: NonNegative.max(5).default(0.7),
      })
      .prefault({}),
    funnel: z
      .strictObject({
        accept: Stage(0.8, 1.0),
        sql: Stage(0.55, 0.9),
        /** SQL odds multiplier by minutes from hand-raise to first touch. */
        sqlDelayOdds: Knots.default([
          [5, 1],
          [30, 1 / 21],
          [1440, 1 / 30],
        ]),
        opportunity: Stage(0.4, 0.6),
        won: Stage(0.28, 0.7),
      })
      .prefault({}),
    /** Share of contacted-but-rejected leads per picklist reason (not ICP grows as fit falls). */
    rejectionReasons: z
      .partialRecord(RejectionReason, Positive)
      .default({ 'no budget': 0.3, 'not ICP': 0.25, 'researcher/student': 0.15, competitor: 0.08, duplicate: 0.1, 'bad data': 0.12 }),
    sqlDays: Distribution.default({ dist: 'gamma', mean: 6, shape: 2 }),
    opportunityDays: Distribution.default({ dist: 'gamma', mean: 14, shape: 2 }),
    salesCycleDays: Distribution.default({ dist: 'gamma', mean: 60, shape: 3 }),
    /** Probability a recycled lead later comes back through a higher-intent action. */
    requalifyProbability: Probability.default(0.35),
    /** Conversion multiplier for recycled MQLs (30-50% lower, per the methodology). */
    recycledConversion: Probability.default(0.6),
  })
  .prefault({});
export type Prospect = z.infer<typeof Prospect>;
