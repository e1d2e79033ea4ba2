import fc from 'fast-check';
import { parseDocument, LineCounter } from 'yaml';
import { Scenario } from './src/scenario/schema/scenario.js';
import { semanticProblems } from './src/scenario/semantics.js';
import { scenarioHash } from './src/scenario/load.js';
import { resolvePolicyExtends } from './src/scenario/extends.js';
import { validScenario, serialize } from './test/helpers/fuzzScenario.js';
const valids = fc.sample(validScenario({ run: false }), { numRuns: 200, seed: 1 });
const texts = valids.map((s) => serialize(s, 'yaml'));
const T: Record<string, number> = {};
const time = <R>(k: string, f: () => R): R => { const t = performance.now(); const r = f(); T[k] = (T[k] ?? 0) + performance.now() - t; return r; };
for (const text of texts) {
  const lc = new LineCounter();
  const doc = time('parseDocument', () => parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false }));
  const raw = time('toJS', () => doc.toJS({ maxAliasCount: 100 })) as any;
  const { policies } = time('extends', () => resolvePolicyExtends(raw.policies));
  const parsed = time('zod', () => Scenario.safeParse({ ...raw, policies }, { reportInput: true }));
  if (parsed.success) { time('semantic', () => semanticProblems(parsed.data)); time('hash', () => scenarioHash(parsed.data)); }
}
console.log(Object.fromEntries(Object.entries(T).map(([k, v]) => [k, (v / texts.length).toFixed(2)])));
