// Large-team engine speed of any build of handoff-sim, for before/after comparisons across commits:
//   git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npm run build)
//   node bench/large-team-history.mjs /tmp/old/dist   and   node bench/large-team-history.mjs dist
// scenarios/large-company.yaml (the baseline at 64x volume and headcount: ~1M leads and 640 reps in 13 weeks), routed
// per rep as the file says and, second, through one pooled queue; each is parsed and run by the named build
// (parseScenarioText and runReplication, present in every build), median of N runs after a warm-up, in leads per
// CPU-second of this process. DISTRIBUTION=least-loaded (or weighted) routes the per-rep run that way instead.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';

const dist = resolve(process.argv[2] ?? 'dist');
const runs = Number(process.argv[3] ?? 3);
const here = new URL('../', import.meta.url);
const { parseScenarioText } = await import(pathToFileURL(`${dist}/src/scenario/load.js`).href);
const { runReplication } = await import(pathToFileURL(`${dist}/src/experiment/runReplication.js`).href);
const { median } = await import(new URL('dist/bench/engine/median.js', here).href);

const file = fileURLToPath(new URL('scenarios/large-company.yaml', here));
const text = readFileSync(file, 'utf8');
const distribution = process.env.DISTRIBUTION ?? 'round-robin';
const perRepDoc = parseDocument(text);
if (distribution !== 'round-robin') perRepDoc.setIn(['policies', 'current', 'routing'], perRepDoc.createNode({ distribution }));
const perRep = perRepDoc.toString();
const pooledDoc = parseDocument(text);
pooledDoc.setIn(['policies', 'current', 'routing'], pooledDoc.createNode({ queue: 'pooled' }));
const pooled = pooledDoc.toString();

async function rate(text, tag) {
  const loaded = parseScenarioText(text, file);
  const keyed = { ...loaded, hash: `${loaded.hash}-large-team-${tag}` };
  await runReplication(keyed, 'current', 99);
  const rates = [];
  let leads = 0;
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const result = await runReplication(keyed, 'current', r);
    const used = process.cpuUsage(cpu);
    leads = result.simulatedLeads;
    rates.push(result.simulatedLeads / ((used.user + used.system) / 1e6));
  }
  return { rate: median(rates), leads };
}

const routed = await rate(perRep, 'per-rep');
const queued = await rate(pooled, 'pooled');
const k = (n) => `${Math.round(n / 1000)}k`;
console.log(`${dist}: large-company.yaml (${routed.leads.toLocaleString('en-US')} leads/run): per-rep routing (${distribution}) ${k(routed.rate)} leads/s, pooled queue ${k(queued.rate)} leads/s (median of ${runs}, per CPU-second)`);
