import { z } from 'zod';
import { Role } from '../../leads/fields.js';
import { StaffTarget } from './target.js';

/** The shape of `handoff staff --json` and summary.json; every type in the staffing code is inferred from here. */

export const Window = z.enum(['all', 'launch']);
export type Window = z.infer<typeof Window>;

const Range = z.tuple([z.number(), z.number()]);

export const Interval = z.object({ mean: z.number(), ci95: Range });
export type Interval = z.infer<typeof Interval>;

/** One target at one headcount, over the replications in which the tier had leads in the window. */
export const TargetStats = z.object({
  target: z.string(),
  /** Replications with at least one lead of the tier in the window (the others have no share to measure). */
  n: z.number().int(),
  mean: z.number().nullable(),
  /** Two-sided 95% Student-t interval of the mean (for the chart band). */
  ci95: Range.nullable(),
  /** One-sided lower confidence bound at the requested confidence: the number the decision uses. */
  lowerBound: z.number().nullable(),
  holds: z.boolean(),
});
export type TargetStats = z.infer<typeof TargetStats>;

export const CurvePoint = z.object({
  role: Role,
  pod: z.string(),
  headcount: z.number().int(),
  /** Every pod's count in this run. */
  team: z.record(z.string(), z.number().int()),
  /** The role's first target (the others are in `targets`). */
  target: z.string(),
  mean: z.number().nullable(),
  ci95: Range.nullable(),
  lowerBound: z.number().nullable(),
  /** Every target of this role holds at this headcount. */
  holds: z.boolean(),
  targets: z.array(TargetStats),
  /** Mean busy share of the varied role's open hours. */
  utilization: z.number().nullable(),
  /** Rep hours on calendar in the measured window, all pods (absences removed): the cost side. */
  openRepHours: z.number(),
  busyRepHours: z.number(),
  pipeline: Interval,
  wonDollars: z.number(),
  /** 1 for the first headcount simulated, 2 for the next, ...: the search path. */
  order: z.number().int(),
});
export type CurvePoint = z.infer<typeof CurvePoint>;

/** What one more rep buys between two simulated headcounts: paired differences divided by the gap. */
export const Marginal = z.object({
  role: Role,
  from: z.number().int(),
  to: z.number().int(),
  perRep: z.object({
    targets: z.record(z.string(), Interval.nullable()),
    pipeline: Interval,
    openRepHours: z.number(),
  }),
});
export type Marginal = z.infer<typeof Marginal>;

export const AnalyticInputs = z.object({
  /** Mean assigned leads of the tier in the window per replication (from the simulation). */
  leadsInWindow: z.number(),
  /** Open hours of the pod's calendar inside the window (the hours the formulas assume reps are working). */
  openHours: z.number(),
  arrivalRatePerHour: z.number(),
  meanWorkMinutes: z.number(),
  workDistribution: z.string(),
  /** Mean prospect patience in minutes (null: leads never go cold, so Erlang A is Erlang C). */
  meanPatienceMinutes: z.number().nullable(),
  offeredLoad: z.number(),
  shrinkage: z.number(),
  maxOccupancy: z.number(),
  maxAbandonment: z.number(),
});
export type AnalyticInputs = z.infer<typeof AnalyticInputs>;

const Staffing = z.object({
  /** Reps on duty the formula needs. */
  servers: z.number().int(),
  /** Reps to put on the schedule so that `servers` remain after shrinkage. */
  scheduled: z.number().int(),
  serviceLevel: z.number(),
  occupancy: z.number(),
});

export const AnalyticTarget = z.object({
  target: z.string(),
  inputs: AnalyticInputs.nullable(),
  erlangC: Staffing.nullable(),
  erlangA: Staffing.extend({ abandonment: z.number() }).nullable(),
  squareRoot: z.object({ beta: z.number(), servers: z.number().int(), scheduled: z.number().int() }).nullable(),
  /** Why a formula has no answer (no open hours in the window, unstable at any size, ...). */
  note: z.string().nullable(),
  /** Analytic service level by headcount (all reps on duty), to overlay on the simulated curve. */
  curve: z.array(z.object({ headcount: z.number().int(), serviceLevel: z.number() })),
});
export type AnalyticTarget = z.infer<typeof AnalyticTarget>;

export const AnalyticRole = z.object({
  role: Role,
  pod: z.string(),
  /** Erlang A when the scenario has a patience distribution, else Erlang C. */
  method: z.enum(['erlang-a', 'erlang-c']),
  /** Scheduled headcount meeting every target of the role under `method` (null when it has no answer). */
  recommended: z.number().int().nullable(),
  targets: z.array(AnalyticTarget),
});
export type AnalyticRole = z.infer<typeof AnalyticRole>;

export const Search = z.object({
  role: Role,
  pod: z.string(),
  /** The pod's count in the scenario file. */
  current: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
  /** Where the bracket started: the analytic estimate, clamped to [min, max]. */
  start: z.number().int(),
  targets: z.array(z.string()),
  /** Headcounts simulated, in order. */
  tried: z.array(z.number().int()),
  recommended: z.number().int().nullable(),
  reachable: z.boolean(),
});
export type Search = z.infer<typeof Search>;

export const WhatIfLabel = z.enum(['surge protocol off', 'surge protocol on', 'surge protocol + overflow AEs', 'surge protocol + high-intent-only']);
export type WhatIfLabel = z.infer<typeof WhatIfLabel>;

export const WhatIfRow = z.object({
  label: WhatIfLabel,
  policy: z.string(),
  /** scenario: a policy the scenario defines; derived: the searched policy with only sla.surge changed. */
  source: z.enum(['scenario', 'derived']),
  description: z.string(),
  targets: z.array(TargetStats.extend({ vsBaseline: Interval.nullable() })),
  pipeline: Interval.extend({ vsBaseline: Interval.nullable() }),
  openRepHours: z.number(),
  utilizationByRole: z.object({ sdr: z.number().nullable(), ae: z.number().nullable() }),
  /** Share of MQLs held back by high-intent-only routing. */
  surgeHeldShare: z.number().nullable(),
});
export type WhatIfRow = z.infer<typeof WhatIfRow>;

export const WhatIfs = z.object({
  team: z.record(z.string(), z.number().int()),
  /** The searched policy: differences are each row minus this one, paired by replication. */
  baseline: z.string(),
  rows: z.array(WhatIfRow),
});
export type WhatIfs = z.infer<typeof WhatIfs>;

export const StaffingSummary = z.object({
  scenario: z.string(),
  file: z.string(),
  policy: z.string(),
  window: Window,
  confidence: z.number(),
  replications: z.number().int(),
  seed: z.number().int(),
  targets: z.array(StaffTarget),
  /** Role -> smallest headcount whose lower confidence bound meets every target of that role (null: not within --max). */
  recommended: z.partialRecord(Role, z.number().int().nullable()),
  /** Role -> the pod whose count was varied. */
  pods: z.partialRecord(Role, z.string()),
  searches: z.array(Search),
  curve: z.array(CurvePoint),
  marginal: z.array(Marginal),
  analytic: z.partialRecord(Role, AnalyticRole),
  /** Why the simulated answer and the formulas differ, in plain words. */
  comparison: z.string(),
  /** Every target at the final team (all recommended headcounts together). */
  final: z.object({ team: z.record(z.string(), z.number().int()), targets: z.array(TargetStats), holds: z.boolean() }),
  whatIfs: WhatIfs.nullable(),
  /** Replications the search ran that stopped on a resource limit (limits.maxLeads, maxEvents): their figures are partial. */
  stoppedEarly: z.object({ replications: z.number().int(), of: z.number().int(), example: z.string() }).nullable(),
  notes: z.array(z.string()),
});
export type StaffingSummary = z.infer<typeof StaffingSummary>;
