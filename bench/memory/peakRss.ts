import { spawnSync } from 'node:child_process';
import { compiledBenchScript } from '../paths.js';

export interface PeakRss {
  leads: number;
  seconds: number;
  maxRssBytes: number;
}

/** Runs the memory child for `leads` in a fresh Node process and reads its peak RSS. */
export function peakRss(leads: number): PeakRss {
  const run = spawnSync(process.execPath, [compiledBenchScript('memory/child.js'), String(leads)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`memory child for ${leads} leads failed (exit ${run.status}): ${run.stderr.trim() || run.error?.message || 'no output'}`);
  return JSON.parse(run.stdout) as PeakRss;
}

export interface MemoryFigures {
  leads1M: number;
  rss1MBytes: number;
  /** Wall time of the child's replication (world setup included, no warm-up). */
  seconds1M: number;
  leads10M: number;
  rss10MBytes: number;
  seconds10M: number;
  /** rss10M / rss1M: 1 means memory does not grow with the number of leads. */
  growth: number;
}

/** Peak RSS of a small and a 10x larger run (1M and 10M leads in the full bench). */
export function memoryBench(smallLeads: number, largeLeads: number): MemoryFigures {
  const small = peakRss(smallLeads);
  const large = peakRss(largeLeads);
  return {
    leads1M: small.leads,
    rss1MBytes: small.maxRssBytes,
    seconds1M: small.seconds,
    leads10M: large.leads,
    rss10MBytes: large.maxRssBytes,
    seconds10M: large.seconds,
    growth: large.maxRssBytes / small.maxRssBytes,
  };
}
