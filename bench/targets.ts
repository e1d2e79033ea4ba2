/** One figure checked against its goal (issue #7's, and our own for workers); value null when the figure was skipped. */
export interface TargetCheck {
  figure: string;
  value: number | null;
  target: string;
  pass: boolean | null;
}

const GIB = 1024 ** 3;

/** The figures the targets read, as produced by the suites (peer ratio null when SimPy was skipped). */
export interface TargetInputs {
  batchPerSec: number;
  batchVsReference: number;
  erlangALeadsPerSec: number;
  simpyRatio: number | null;
  baselineLeadsPerSec: number;
  rss1MBytes: number;
  rss10MBytes: number;
  speedup2v1: number;
}

const atLeast = (figure: string, value: number | null, goal: number, target: string): TargetCheck => ({ figure, value, target, pass: value === null ? null : value >= goal });

/** The targets are printed, never asserted: they say how far the engine is from where it should be. */
export function checkTargets(f: TargetInputs): TargetCheck[] {
  return [
    atLeast('scoring.batchPerSec', f.batchPerSec, 50e6, '>= 50M leads/s'),
    atLeast('scoring.batchVsReference', f.batchVsReference, 0.7, '>= 0.7x reference'),
    atLeast('engine.erlangA.leadsPerSec', f.erlangALeadsPerSec, 1e6, '>= 1M leads/s'),
    atLeast('peer.simpy.ratio', f.simpyRatio, 25, '>= 25x SimPy'),
    atLeast('engine.baseline.leadsPerSec', f.baselineLeadsPerSec, 250e3, '>= 250k leads/s'),
    { figure: 'memory.rss10M/rss1M', value: f.rss10MBytes / f.rss1MBytes, target: '<= 1.5x', pass: f.rss10MBytes <= 1.5 * f.rss1MBytes },
    { figure: 'memory.rss10MBytes', value: f.rss10MBytes, target: '< 1 GiB', pass: f.rss10MBytes < GIB },
    // Issue #7 asks for the figure without a goal; ours is 85% of the two cores, the rest being worker start-up.
    atLeast('workers.speedup2v1', f.speedup2v1, 1.7, '>= 1.7x (ours)'),
  ];
}
