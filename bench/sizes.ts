/** How big each part of the bench is; --quick shrinks everything so CI can exercise every part in seconds. */
export interface BenchSizes {
  /** Leads scored per tinybench iteration (the same data for all three scoring variants). */
  scoringLeads: number;
  /** tinybench time budget per scoring task per round, ms. */
  scoringTimeMs: number;
  scoringIterations: number;
  /** Interleaved rounds of the three scoring tasks (rates are medians over rounds). */
  scoringRounds: number;
  /** Erlang A leads per timed run (the horizon is stretched to reach it). */
  erlangALeads: number;
  /** Baseline horizon in weeks (the file has 13; volume is left alone). */
  baselineWeeks: number;
  /** Timed runs per engine figure (median reported), after one warm-up run. */
  engineRuns: number;
  /** Horizon of the large-team figure (large-company.yaml; null: its 13 weeks), and its timed runs. */
  largeTeamWeeks: number | null;
  largeTeamRuns: number;
  workerReplications: number;
  /** Baseline horizon for the worker comparison (null: the file as it is). */
  workerWeeks: number | null;
  /** Leads for the two peak-RSS child processes. */
  memorySmallLeads: number;
  memoryLargeLeads: number;
  /** Leads the SimPy model simulates. */
  simpyLeads: number;
}

export const FULL_SIZES: BenchSizes = {
  scoringLeads: 1 << 20,
  scoringTimeMs: 500,
  scoringIterations: 10,
  scoringRounds: 5,
  erlangALeads: 1_000_000,
  // 520 weeks is the schema maximum: ~625k leads, enough that world setup is a small share.
  baselineWeeks: 520,
  engineRuns: 5,
  // ~1M leads in the quarter for 640 reps: the "quarter of a large company's inbound".
  largeTeamWeeks: null,
  largeTeamRuns: 3,
  workerReplications: 16,
  // Two years per replication, both policies: long enough that each worker's one-off start-up and JIT warm-up
  // (about 1.4 CPU-seconds, measured) is small next to the work; the file as it is (13 weeks) is reported too.
  workerWeeks: 104,
  memorySmallLeads: 1_000_000,
  memoryLargeLeads: 10_000_000,
  // SimPy's rate barely depends on run length; 200k leads keeps its run to seconds.
  simpyLeads: 200_000,
};

export const QUICK_SIZES: BenchSizes = {
  scoringLeads: 1 << 16,
  scoringTimeMs: 100,
  scoringIterations: 5,
  scoringRounds: 2,
  erlangALeads: 50_000,
  baselineWeeks: 13,
  engineRuns: 3,
  // Just past the file's 2 warm-up weeks: ~190k leads, the full team.
  largeTeamWeeks: 2.5,
  largeTeamRuns: 2,
  workerReplications: 4,
  workerWeeks: 3,
  memorySmallLeads: 20_000,
  memoryLargeLeads: 200_000,
  simpyLeads: 5_000,
};
