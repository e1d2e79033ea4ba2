import { z } from 'zod';
import { ReplicationResult } from '../../metrics/result.js';

/** One finished replication of a staffing search, with the team it ran on: a line of the folder's replications.jsonl. */
export const StaffingReplication = z.object({ team: z.record(z.string(), z.number().int()), result: ReplicationResult });
export type StaffingReplication = z.infer<typeof StaffingReplication>;

/** Replication i of a policy on a team gives the same result in any run of the search (common random numbers). */
export const replicationKey = (team: Record<string, number>, policy: string, replication: number): string => `${JSON.stringify(team)}\u0000${policy}\u0000${replication}`;

/** The search was stopped (Ctrl-C or --timeout) before it finished; `finished` holds every replication that completed. */
export class SearchStopped extends Error {
  constructor(readonly finished: readonly StaffingReplication[]) {
    super('staffing search stopped before it finished');
    this.name = 'SearchStopped';
  }
}
