import { z } from 'zod';
import { Calendar } from './calendar.js';
import { Policy } from './policy.js';
import { Identifier, IsoDate, NonNegative, Positive, TimeZone } from './primitives.js';
import { Prospect } from './prospect.js';
import { Source } from './source.js';
import { Team } from './team.js';

export const Limits = z
  .strictObject({
    /** A replication stops cleanly once this many leads have arrived. */
    maxLeads: z.number().int().positive().max(1e10).default(50_000_000),
    /** A replication stops cleanly once this many events have been processed. */
    maxEvents: z.number().int().positive().max(1e12).default(2_000_000_000),
  })
  .prefault({});

/** A seed for the random streams: in a scenario file or given with --seed. */
export const Seed = z.number().int().min(0).max(4_294_967_295);

export const Scenario = z.strictObject({
  /** Path of a base scenario (relative to this file) whose keys this file overrides; resolved at load. */
  extends: z.string().optional(),
  name: Identifier,
  description: z.string().max(10_000).optional(),
  /** First day of the simulation, at midnight in timeZone; all times are minutes since then. */
  start: IsoDate.default('2026-01-05'),
  timeZone: TimeZone.default('UTC'),
  horizonWeeks: Positive.max(520).default(13),
  /** Leads arriving in the warm-up are simulated but excluded from statistics. */
  warmupWeeks: NonNegative.max(520).default(1),
  /** Extra days simulated after the horizon so late leads can finish their cadence (no new arrivals). */
  drainDays: NonNegative.max(365).default(21),
  seed: Seed.default(1),
  replications: z.number().int().min(1).max(100_000).default(10),
  /** Named calendars; "business" (Mon-Fri 09:00-17:00) and "always" (24/7) exist unless redefined. */
  calendars: z.record(Identifier, Calendar).default({}),
  sources: z.record(Identifier, Source),
  team: Team,
  prospect: Prospect,
  policies: z.record(Identifier, Policy),
  limits: Limits,
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
