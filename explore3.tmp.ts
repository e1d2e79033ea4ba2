import fc from 'fast-check';
import { validScenario, serialize } from './test/helpers/fuzzScenario.js';
const [s] = fc.sample(validScenario({ run: false }), { numRuns: 1, seed: 5 });
const text = serialize(s, 'yaml');
console.log(text.split('\n').length, 'lines');
for (const k of Object.keys(s!)) console.log(k, serialize((s as any)[k], 'json').length);
console.log(text.slice(0, 3000));
