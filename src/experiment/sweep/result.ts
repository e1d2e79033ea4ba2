import { z } from 'zod';
import { Constraint, Objective } from './objective.js';
import { SweepParameter } from './params.js';

/** A metric at one point: mean over replications and its 95% interval (null where undefined, e.g. no MQLs). */
export const MetricEstimate = z.object({
  mean: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
});
export type MetricEstimate = z.infer<typeof MetricEstimate>;

export const SweepPoint = z.object({
  index: z.number().int(),
  /** Parameter path -> value at this point. */
  values: z.record(z.string(), z.number()),
  /** Replications that finished (fewer than asked only when some failed). */
  replications: z.number().int(),
  /** Meets every constraint (on the means); true when there are none; false for a point with no finished replication. */
  feasible: z.boolean(),
  /** The constraints this point breaks. */
  violations: z.array(z.string()),
  metrics: z.record(z.string(), MetricEstimate),
  /** Replications that stopped early on a resource limit (limits.maxLeads, maxEvents, a run time limit). */
  stoppedEarly: z.number().int(),
  /** Why the first of them stopped, e.g. "lead limit reached (limits.maxLeads = 1000) at minute 16712"; null if none did. */
  stopReason: z.string().nullable(),
});
export type SweepPoint = z.infer<typeof SweepPoint>;

export const SweepBest = z.object({
  index: z.number().int(),
  values: z.record(z.string(), z.number()),
  metric: z.string(),
  mean: z.number(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** Other feasible points with exactly the same objective mean (the first in grid order is chosen). */
  ties: z.array(z.number().int()),
  /** Feasible points whose paired difference from the best, over the same replications, is not significant. */
  statisticallyTied: z.array(z.number().int()),
});
export type SweepBest = z.infer<typeof SweepBest>;

/** sweep.json: byte-identical for the same scenario, flags and seed, whatever the worker count. */
export const SweepJson = z.object({
  scenario: z.string(),
  scenarioHash: z.string(),
  policy: z.string(),
  seed: z.number().int(),
  replications: z.number().int(),
  parameters: z.array(SweepParameter),
  metrics: z.array(z.string()),
  objective: Objective.nullable(),
  constraints: z.array(Constraint),
  points: z.array(SweepPoint),
  best: SweepBest.nullable(),
  /** Why there is no best point (no feasible point, no objective), or null. */
  note: z.string().nullable(),
  failures: z.array(z.object({ point: z.number().int(), replication: z.number().int(), error: z.string() })),
  /** False for a sweep interrupted before every replication of every point finished (see --resume). */
  complete: z.boolean(),
});
export type SweepJson = z.infer<typeof SweepJson>;
