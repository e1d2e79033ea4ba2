import { z } from 'zod';
import { Role } from '../../leads/fields.js';
import { Distribution } from './distribution.js';
import { Identifier, Positive, Probability, TimeZone } from './primitives.js';

/** A pod of identical reps: one role, one calendar, one set of behaviour distributions. */
export const Pod = z.strictObject({
  /** sdr or ae; may be left out when the pod's key is "sdr" or "ae". */
  role: Role.optional(),
  count: z.number().int().min(0).max(10_000),
  calendar: Identifier.default('business'),
  /** Rep time per touch (dial, voicemail, email, logging), minutes. */
  workMinutes: Distribution.default({ dist: 'lognormal', mean: 7, sd: 4 }),
  /** Time to click "accept" on a new assignment, minutes; past the accept timeout the lead is reassigned. */
  acceptMinutes: Distribution.default({ dist: 'exponential', mean: 0.75 }),
  /** Probability a rep is out of office on a given day. */
  absenceRate: Probability.max(0.95).default(0.03),
  /** Most leads a rep may hold open at once; leads beyond wait unassigned. */
  capacity: z.number().int().positive().optional(),
  /** Share of assignments under weighted round robin. */
  weight: Positive.default(1),
  /** Prospect time zones this pod covers (territory); default all. */
  serves: z.array(TimeZone).min(1).optional(),
  /** May be activated as overflow SDRs while the surge protocol is active. */
  overflow: z.boolean().default(false),
});

export const Team = z
  .record(Identifier, Pod)
  .superRefine((team, ctx) => {
    for (const [key, pod] of Object.entries(team)) {
      if (pod.role === undefined && key !== 'sdr' && key !== 'ae') {
        ctx.addIssue({ code: 'custom', path: [key, 'role'], message: 'a pod whose name is not "sdr" or "ae" needs role: sdr or role: ae' });
      }
    }
    if (Object.values(team).every((pod) => pod.count === 0)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'the team is empty; add at least one pod with count >= 1 (e.g. sdr: { count: 4 })' });
    }
  })
  .transform((team) =>
    Object.fromEntries(Object.entries(team).map(([key, pod]) => [key, { ...pod, role: pod.role ?? (key as Role) }])),
  );
export type Team = z.infer<typeof Team>;
export type Pod = Team[string];

/** Reps in the whole team, every pod counted. */
export const headcount = (team: Team): number => Object.values(team).reduce((sum, pod) => sum + pod.count, 0);
