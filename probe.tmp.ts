import { parseScenarioText } from './src/scenario/load.js';
const base = 'name: x\nhorizonWeeks: 1\nwarmupWeeks: 0\ndrainDays: 1\nsources: { a: { weeklyVolume: 20 } }\nteam: { sdr: { count: 1 } }\npolicies: { p: {} }\n';
const tries: [string, string][] = [
  ['nan', base + 'seed: .nan\n'],
  ['inf', base + 'seed: .inf\n'],
  ['-inf drain', base + 'drainDays: -.inf\n'],
  ['huge int', base + 'seed: 1e400\n'],
  ['json NaN', '{"name":"x","seed":NaN}'],
  ['string num', base + 'seed: "12"\n'],
  ['tab indent', base + 'limits:\n\tmaxEvents: 5\n'],
  ['bad unicode key', base + '"\\u0000": 1\n'],
  ['hours record empty', base + 'calendars: { c: { hours: {} } }\n'],
  ['dup tiers empty', base.replace('p: {}', 'p: { routing: { tiers: [] } }')],
  ['team empty map', base.replace('sdr: { count: 1 }', '')],
  ['team null', base.replace('team: { sdr: { count: 1 } }', 'team: ~')],
  ['sources list', base.replace('sources: { a: { weeklyVolume: 20 } }', 'sources: [1,2]')],
  ['policy null', base.replace('p: {}', 'p: ~')],
  ['policy extends num', base.replace('p: {}', 'p: { extends: 5 }')],
  ['policy extends self', base.replace('p: {}', 'p: { extends: p }')],
];
for (const [label, text] of tries) {
  try { const l = parseScenarioText(text, '/tmp/x.yaml'); console.log(label, 'OK', l.scenario.seed); }
  catch (e) { console.log(label, (e as Error).name, (e as Error).message.slice(0, 300).replace(/\n/g,' | '), JSON.stringify((e as {problems?: unknown}).problems)); }
}
