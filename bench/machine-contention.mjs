// How much two threads slow each other on this machine: a loop of integer arithmetic (registers only), a loop of reads
// and writes over a 128 KiB array, and one Erlang A replication (8 weeks, or SCENARIO/POLICY/WEEKS as in warmed-run.mjs; npm run build), each
// timed alone and then on two worker threads at once, after a warm-up in the same thread. The ratio of the pair's
// time to the lone time bounds the speed-up two workers can give on that work: a 1.2x slowdown allows at most 2/1.2.
//   node bench/machine-contention.mjs [rounds]
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { median } from '../dist/bench/engine/median.js';
import { warmedRun } from './warmed-run.mjs';

const LOOPS = {
  arithmetic(n) {
    let h = 0x9e3779b9;
    for (let i = 0; i < n; i++) h = (Math.imul(h ^ (h >>> 15), 0x85ebca6b) + i) | 0;
    return h;
  },
  memory(n) {
    const table = new Float64Array(1 << 14);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const k = Math.imul(i, 0x9e3779b1) >>> 18;
      table[k] += 1;
      sum += table[(k * 7) & 16383];
    }
    return sum;
  },
};
const SIZE = { arithmetic: 2e8, memory: 1e8 };

async function timed(name) {
  // The engine is warmed up (one replication) inside warmedRun, the loops by a short run of their own.
  const work = name === 'engine' ? (await warmedRun(8, 'contention')).run : (fraction) => LOOPS[name](SIZE[name] * fraction);
  if (name !== 'engine') work(0.05);
  const start = process.hrtime.bigint();
  await work(name === 'engine' ? 0 : 1);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

if (!isMainThread) {
  parentPort.postMessage(await timed(workerData));
} else {
  const rounds = Number(process.argv[2] ?? 5);
  const inWorker = (name) => new Promise((resolve, reject) => new Worker(new URL(import.meta.url), { workerData: name }).once('message', resolve).once('error', reject));
  for (const name of process.env.ONLY ? [process.env.ONLY] : [...Object.keys(LOOPS), 'engine']) {
    const alone = [];
    const paired = [];
    for (let round = 0; round < rounds; round++) {
      alone.push(await inWorker(name));
      paired.push(Math.max(...(await Promise.all([inWorker(name), inWorker(name)]))));
    }
    const ratio = median(paired) / median(alone);
    console.log(`${name.padEnd(10)} alone ${median(alone).toFixed(0)} ms, two at once ${median(paired).toFixed(0)} ms (x${ratio.toFixed(2)}; two threads at most ${(2 / ratio).toFixed(2)}x one), median of ${rounds}`);
  }
}
