import fc from 'fast-check';
import { parseScenarioText } from './src/scenario/load.js';
import { validScenario, mutatedScenario, serialize, formats } from './test/helpers/fuzzScenario.js';
import { rejectionViolations, parsedInput, scenarioRoots, related, dottedPath } from './test/helpers/fuzzCheck.js';
const FILE = '/tmp/fuzz/scenario.yaml';
let t = Date.now();
const valids = fc.sample(fc.tuple(validScenario({ run: false }), formats), { numRuns: 300, seed: 1 });
let fails = 0;
for (const [s, f] of valids) { const text = serialize(s, f); try { parseScenarioText(text, FILE); } catch (e) { if (fails++ < 5) console.log('VALID FAILED', f, (e as Error).message.slice(0, 400)); } }
console.log('valid', valids.length, 'fails', fails, Date.now() - t, 'ms');
t = Date.now();
const muts = fc.sample(fc.tuple(mutatedScenario(validScenario({ run: false })), formats), { numRuns: 1000, seed: 2 });
let accepted = 0, rejected = 0, bad = 0, unrelated = 0;
const kinds: Record<string, number> = {};
for (const [{ mutation, mutated }, f] of muts) {
  const text = serialize(mutated, f);
  try { parseScenarioText(text, FILE); accepted++; }
  catch (e) {
    rejected++;
    const raw = parsedInput(text);
    const v = rejectionViolations(e, FILE, text, { roots: scenarioRoots(raw) });
    if (v.length > 0) { if (bad++ < 8) console.log('VIOLATION', mutation.kind, JSON.stringify(mutation.path), JSON.stringify(mutation.value)?.slice(0, 80), v.join(' ; ').slice(0, 600)); continue; }
    const mp = mutation.kind === 'unknown-key' ? dottedPath([...mutation.path, String(mutation.value)]) : dottedPath(mutation.path);
    const probs = (e as { problems: { path: string }[] }).problems;
    if (!probs.some((p) => related(p.path, mp) || (mutation.kind === 'typo-key' && related(p.path, dottedPath([...mutation.path.slice(0, -1), String(mutation.value)]))))) {
      unrelated++; kinds[mutation.kind] = (kinds[mutation.kind] ?? 0) + 1;
      if (unrelated < 25) console.log('UNRELATED', mutation.kind, mp, JSON.stringify(mutation.value)?.slice(0, 60), '=>', probs.map((p: any) => `${p.path}: ${p.message}`).join(' | ').slice(0, 300));
    }
  }
}
console.log({ accepted, rejected, bad, unrelated, kinds }, Date.now() - t, 'ms');
