import fc from 'fast-check';
import { parseScenarioText } from './src/scenario/load.js';
import { validScenario, serialize } from './test/helpers/fuzzScenario.js';
const FILE = '/tmp/fuzz/scenario.yaml';
let t = Date.now();
const valids = fc.sample(validScenario({ run: false }), { numRuns: 200, seed: 1 });
console.log('gen', Date.now() - t); t = Date.now();
const texts = valids.map((s) => serialize(s, 'yaml'));
console.log('ser', Date.now() - t, 'avg chars', texts.reduce((a, b) => a + b.length, 0) / texts.length); t = Date.now();
const jtexts = valids.map((s) => serialize(s, 'json'));
for (const text of texts) { try { parseScenarioText(text, FILE); } catch {} }
console.log('parse yaml', Date.now() - t); t = Date.now();
for (const text of jtexts) { try { parseScenarioText(text, FILE); } catch {} }
console.log('parse json', Date.now() - t); t = Date.now();
