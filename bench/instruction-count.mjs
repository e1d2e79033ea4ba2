// Instructions per lead, by function: a measure of engine cost that does not drift with the machine. Wall-clock
// figures on this VM wander by 10-40% within one process (README, Performance); instruction counts repeat within
// about 1%, so a change of a few percent can be seen. Runs valgrind's callgrind on two replications, of 1 and 4 weeks
// after the same 2-week warm-up, and reports the difference per extra lead: start-up, loading and the warm-up cancel
// out. JIT-compiled functions are named from V8's perf map (--perf-basic-prof-only-functions); optimisation runs on
// the main thread (--no-concurrent-recompilation) so the same code is timed in both runs.
//   apt-get install valgrind      (Debian's package; about 2 minutes per build on this machine, both cores)
//   node bench/instruction-count.mjs [dist ...]        (default: this checkout's dist; SCENARIO, POLICY as in
//                                                      profile-run.mjs; TOP=n functions; NODE_FLAGS for V8 flags)
// "JS + builtins" leaves out V8's compiler and garbage collector, whose work lands in either run by chance.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

if (spawnSync('valgrind', ['--version']).error !== undefined) {
  console.error('instruction-count needs valgrind: apt-get install valgrind');
  process.exit(2);
}
const dists = process.argv.length > 2 ? process.argv.slice(2) : [new URL('../dist', import.meta.url).pathname];
const top = Number(process.env.TOP ?? 15);
const runner = new URL('instruction-run.mjs', import.meta.url).pathname;
const nodeFlags = (process.env.NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');

const running = new Set();

/** One replication of `weeks` under callgrind: instructions by function, and the leads it simulated. */
function measure(dist, weeks, folder) {
  const out = join(folder, `callgrind-${weeks}.out`);
  const args = ['--tool=callgrind', '--dump-instr=yes', '--compress-pos=no', '--compress-strings=no', '--smc-check=all', `--callgrind-out-file=${out}`];
  const child = spawn('valgrind', [...args, 'node', '--no-concurrent-recompilation', '--perf-basic-prof-only-functions', ...nodeFlags, runner], {
    env: { ...process.env, DIST: resolve(dist), WEEKS: String(weeks), WARM_WEEKS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.on('close', async (code) => {
      running.delete(child);
      const map = `/tmp/perf-${child.pid}.map`;
      try {
        if (code !== 0) throw new Error(`valgrind exited ${code}:\n${stderr.slice(-2000)}`);
        const byFunction = await attribute(out, readFileSync(map, 'utf8'));
        done({ byFunction, leads: JSON.parse(stdout.trim().split('\n').pop()).leads });
      } catch (error) {
        for (const other of running) other.kill(); // the pair's other run is of no use without this one
        fail(error);
      } finally {
        rmSync(map, { force: true });
      }
    });
  });
}

/** Sums callgrind's per-instruction costs by JS function (perf map ranges), else by callgrind's own symbol name. */
async function attribute(callgrindFile, perfMap) {
  const ranges = perfMap
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [start, size, ...name] = line.split(' ');
      const label = name.join(' ').replace(/ file:\/\/\/.*\/(src|bench)\//, ' $1/');
      return { start: parseInt(start, 16), end: parseInt(start, 16) + parseInt(size, 16), label };
    })
    .sort((a, b) => a.start - b.start);
  const find = (address) => {
    let lo = 0;
    let hi = ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].start <= address) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && address < ranges[found].end ? ranges[found].label : null;
  };
  const totals = new Map();
  let symbol = '';
  let afterCall = false;
  for await (const line of createInterface({ input: createReadStream(callgrindFile) })) {
    if (line.startsWith('calls=')) {
      afterCall = true; // the next cost line is the callee's inclusive cost, not this function's own
      continue;
    }
    if (line.startsWith('fn=')) symbol = line.slice(3);
    if (!line.startsWith('0x')) {
      afterCall = false;
      continue;
    }
    if (afterCall) {
      afterCall = false;
      continue;
    }
    const [address, , cost] = line.split(' ');
    const label = find(parseInt(address, 16)) ?? (symbol.startsWith('0x') ? '(unnamed code)' : `[native] ${symbol}`);
    totals.set(label, (totals.get(label) ?? 0) + Number(cost));
  }
  return totals;
}

for (const dist of dists) {
  const folder = mkdtempSync(join(tmpdir(), 'instructions-'));
  try {
    // allSettled: when one run fails, wait for the other to be stopped and its perf map removed before giving up.
    const settled = await Promise.allSettled([measure(dist, 1, folder), measure(dist, 4, folder)]);
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure !== undefined) {
      console.error(`${dist}: ${failure.reason.message}`);
      process.exitCode = 1;
      continue;
    }
    const [short, long] = settled.map((result) => result.value);
    const leads = long.leads - short.leads;
    const perLead = new Map([...long.byFunction].map(([label, cost]) => [label, (cost - (short.byFunction.get(label) ?? 0)) / leads]));
    const counted = [...perLead].filter(([label]) => label.startsWith('JS:') || /^\[native\] (Builtins_|v8::base::ieee754)/.test(label));
    const sum = (entries) => entries.reduce((total, [, cost]) => total + cost, 0);
    console.log(`${dist}: ${Math.round(sum(counted))} instructions per lead (JS + builtins; ${Math.round(sum([...perLead]))} with compiler and GC), over ${leads} leads`);
    for (const [label, cost] of counted.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${cost.toFixed(0).padStart(7)}  ${label}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
