import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/scenario.js';

const good = `name: tiny
horizonWeeks: 2
warmupWeeks: 1
sources:
  web:
    weeklyVolume: 100
team:
  sdr:
    count: 2
policies:
  main: {}
`;

const cases: [string, string, RegExp][] = [
  ['unknown key', good.replace('horizonWeeks: 2', 'horizonWeeks: 2\nhorizonWeek: 3'), /horizonWeek \(line 3\): unknown key "horizonWeek".*did you mean "horizonWeeks"/],
  ['wrong type', good.replace('count: 2', 'count: 2 reps'), /team\.sdr\.count \(line 9\): expected number, got "2 reps"\. Fix: write a plain number, without quotes or units/],
  ['a number in words', good.replace('count: 2', 'count: four'), /team\.sdr\.count \(line 9\): expected number, got "four"\. Fix: write it in digits: 4\n/],
  ['a share in percent', good.replace('count: 2', 'count: 2\n    absenceRate: 5%'), /team\.sdr\.absenceRate \(line 10\): expected number, got "5%"\. Fix: write the share as a fraction of 1: 0\.05\n/],
  // 150% of a share reads as 1.5, which is refused too: the fix names the range instead.
  ['a share over 100%', good.replace('count: 2', 'count: 2\n    absenceRate: 150%'), /team\.sdr\.absenceRate \(line 10\): expected number, got "150%"\. Fix: write a number at most 1 \("150%" would be 1\.5\)\n/],
  // Only a share is a fraction of 1: "threshold: 70%" was told to write 0.7, which makes nearly every lead an MQL.
  ['a score with a % sign', good.replace('  main: {}', '  main:\n    scoring: { threshold: 70% }'), /policies\.main\.scoring\.threshold \(line 12\): expected number, got "70%"\. Fix: remove the %: 70\n/],
  ['a distribution written as quoted text', good.replace('count: 2', 'count: 2\n    workMinutes: "15 min"'), /team\.sdr\.workMinutes \(line 10\): expected a distribution, got "15 min"\. Fix: write \{ dist: fixed, value: 15 \}/],
  ['a percent field with a % sign', good.replace('  main: {}', '  main:\n    scoring: { fitMinPercent: 60% }'), /policies\.main\.scoring\.fitMinPercent \(line 12\): expected number, got "60%"\. Fix: remove the %: 60\n/],
  ['a quoted number', good.replace('count: 2', 'count: "2"'), /team\.sdr\.count \(line 9\): expected number, got "2"\. Fix: remove the quotes: 2\n/],
  ['a quoted boolean', good.replace('  main: {}', '  main:\n    cadence: { respectProspectHours: "False" }'), /policies\.main\.cadence\.respectProspectHours \(line 12\): expected boolean, got "False"\. Fix: remove the quotes: false\n/],
  ['a list where a number goes', good.replace('count: 2', 'count: [2]'), /team\.sdr\.count \(line 9\): expected number, got a list\. Fix: write a plain number, e\.g\. 4 or 0\.25\n/],
  ['negative rate', good.replace('weeklyVolume: 100', 'weeklyVolume: -5'), /sources\.web\.weeklyVolume \(line 6\): -5 is out of range\. Fix: use a number at least 0/],
  ['empty team', good.replace('count: 2', 'count: 0'), /team.*the team is empty/],
  ['bad time zone', `timeZone: Mars/Olympus\n${good}`, /timeZone \(line 1\): "Mars\/Olympus" is not an IANA time zone\. Fix: use an IANA name such as "America\/New_York"/],
  ['a rate past two bounds (<= 1 and <= 0.95) gets the tighter one only', good.replace('count: 2', 'count: 2\n    absenceRate: 1.5'), /1 problem\n {2}team\.sdr\.absenceRate \(line 10\): 1\.5 is out of range\. Fix: use a number at most 0\.95\n$/],
  ['a misspelt time zone', `timeZone: America/NewYork\n${good}`, /timeZone \(line 1\): "America\/NewYork" is not an IANA time zone\. Fix: did you mean "America\/New_York"\?/],
  ['a misspelt time zone as a record key', good.replace('weeklyVolume: 100', 'weeklyVolume: 100\n    prospectTimeZones: { America/Denvr: 1 }'), /sources\.web\.prospectTimeZones\.America\/Denvr \(line 7\): "America\/Denvr" is not an IANA time zone\. Fix: did you mean "America\/Denver"\?/],
  // One mistake, one problem: the missing `sd` is not listed beside the misspelt `sdd` that would have been it.
  ['a misspelt key of a distribution', good.replace('count: 2', 'count: 2\n    workMinutes: { dist: lognormal, mean: 5, sdd: 2 }'), /: 1 problem\n {2}team\.sdr\.workMinutes\.sdd \(line 10\): unknown key "sdd"\. Fix: did you mean "sd"\?\n$/],
  // A key of another distribution was suggested as itself ("k": did you mean "k"?), and the missing one listed again.
  ['a key of another distribution', good.replace('count: 2', 'count: 2\n    workMinutes: { dist: gamma, mean: 15, k: 2 }'), /: 1 problem\n {2}team\.sdr\.workMinutes\.k \(line 10\): unknown key "k" for dist: gamma, which takes "dist", "mean", "shape"\. Fix: did you mean "shape"\?\n$/],
  ['a key no branch of the distribution needs', good.replace('count: 2', 'count: 2\n    workMinutes: { dist: exponential, mean: 15, sd: 2 }'), /: 1 problem\n {2}team\.sdr\.workMinutes\.sd \(line 10\): unknown key "sd" for dist: exponential, which takes "dist", "mean"\. Fix: remove it\n$/],
  // One mistake gave two problems ("expected HH:MM-HH:MM" and "closing time must be after opening time"), with no Fix.
  ['opening hours in 12-hour time', good.replace('count: 2', 'count: 2\n    calendar: office').replace('sources:', 'calendars:\n  office: { hours: { mon-fri: "8am-5pm" } }\nsources:'), /: 1 problem\n {2}calendars\.office\.hours\.mon-fri \(line 5\): expected opening hours as "HH:MM-HH:MM" \(24-hour\)\. Fix: write "08:00-17:00"\n$/],
  // The first version suggested "09:00-05:00" for "9-5" and "20:00-02:00" for "8pm-2am", both refused when written back.
  ...([
    ['9-5', 'write "09:00-17:00"'],
    ['8pm-2am', 'hours past midnight go on the next day\u2019s key: "20:00-24:00" here, "00:00-02:00" on the next day'],
    ['17:00-08:00', 'hours past midnight go on the next day\u2019s key: "17:00-24:00" here, "00:00-08:00" on the next day'],
    // Words for a day were told to write e.g. "08:00-18:00".
    ['Closed', 'write "closed"'],
    ['24/7', 'write "00:00-24:00" (open all day; hours: "24/7" is the whole week)'],
    ['all day', 'write "00:00-24:00" (open all day; hours: "24/7" is the whole week)'],
  ] as const).map(([hours, fix]): [string, string, RegExp] => [
    `opening hours "${hours}"`,
    good.replace('count: 2', 'count: 2\n    calendar: office').replace('sources:', `calendars:\n  office: { hours: { mon-fri: "${hours}" } }\nsources:`),
    new RegExp(`: 1 problem\\n {2}calendars\\.office\\.hours\\.mon-fri \\(line 5\\): .*\\. Fix: ${fix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`),
  ]),
  // luxon read it as NaN and the surge silently had no effect (200 inquiries measured against 538 with a real date).
  ['a surge on a day that does not exist', good.replace('weeklyVolume: 100', 'weeklyVolume: 100\n    surges: [{ start: "2026-02-30T09:00", hours: 24, multiplier: 20 }]'), /: 1 problem\n {2}sources\.web\.surges\.0\.start \(line 7\): not a real date and time\. Fix: a month is 01-12/],
  ['a date in another format', `start: 07/06/2026\n${good}`, /: 1 problem\n {2}start \(line 1\): expected a date as YYYY-MM-DD\. Fix: write "2026-07-06" \(month first\) or "2026-06-07" \(day first\)\n$/],
  // Year first, and a month's name, have one reading each: they were told to write "e.g. 2026-01-05".
  ...([
    ['2026/07/06', 'write "2026-07-06"'],
    ['"July 6, 2026"', 'write "2026-07-06"'],
    ['6 Jul 2026', 'write "2026-07-06"'],
    ['2026/02/30', 'write a real date (2026-02-30 does not exist)'],
  ] as const).map(([date, fix]): [string, string, RegExp] => [
    `the date ${date}`,
    `start: ${date}\n${good}`,
    new RegExp(`: 1 problem\\n {2}start \\(line 1\\): expected a date as YYYY-MM-DD\\. Fix: ${fix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`),
  ]),
  // Date.parse reads 2026-02-30 as 2 March: the date passed.
  ['a date that does not exist', `start: 2026-02-30\n${good}`, /: 1 problem\n {2}start \(line 1\): not a real calendar date\. Fix: a month is 01-12, and a day exists in its month\n$/],
  // A tier's sla written as a number or a near word was told to "write a mapping".
  ...([
    ['5', 'write \\{ minutes: 5 \\}'],
    ['same-day', 'did you mean "same-business-day"\\?'],
    ['2h', 'write \\{ minutes: 120 \\}'],
    // A fix that would be refused in turn is not offered: { minutes: 0 } is not a target, next-business-day not same-business-day.
    ['0', 'write \\{ minutes: <number> \\} with a number more than 0'],
    ['next-business-day', 'write \\{ minutes: <number> \\} or "same-business-day"'],
  ] as const).map(([value, fix]): [string, string, RegExp] => [
    `a tier sla written as ${value}`,
    good.replace('  main: {}', `  main:\n    routing:\n      tiers: [{ name: all, when: {}, role: sdr, sla: ${value}, cadence: { touches: 1 } }]`),
    new RegExp(`: 1 problem\\n {2}policies\\.main\\.routing\\.tiers\\.0\\.sla \\(line 13\\): expected \\{ minutes: <number> \\} or "same-business-day", got .*\\. Fix: ${fix}\\n$`),
  ]),
  // Both got zod's own words ("Too small: expected array ...", "expected object ... write a mapping") and no useful Fix.
  ['a list of the wrong length', good.replace('weeklyVolume: 100', 'weeklyVolume: 100\n    profile: custom\n    hourOfWeek: [1, 2, 3]'), /: 1 problem\n {2}sources\.web\.hourOfWeek \(line 8\): has 3 items; it needs exactly 168\. Fix: give exactly 168 items\n$/],
  ['a distribution written as a number', good.replace('count: 2', 'count: 2\n    workMinutes: 15'), /: 1 problem\n {2}team\.sdr\.workMinutes \(line 10\): expected a distribution, got 15\. Fix: write \{ dist: fixed, value: 15 \} for exactly 15, or \{ dist: exponential, mean: 15 \} \(or lognormal with an sd\) for 15 on average\n$/],
  ['a misspelt distribution', good.replace('count: 2', 'count: 2\n    workMinutes: { dist: lognorm, mean: 5, sd: 2 }'), /team\.sdr\.workMinutes\.dist \(line 10\): "lognorm" is not one of "fixed", .*Fix: did you mean "lognormal"\?/],
  ['undefined calendar', good.replace('count: 2', 'count: 2\n    calendar: nights'), /team\.sdr\.calendar \(line 10\): calendar "nights" is not defined/],
  ['unparseable YAML', good.replace('  web:\n', '  web:\n weeklyVolume: [1, 2\n'), /\n {2}line \d+: does not parse as YAML\/JSON/],
  ['tier name used twice', good.replace('  main: {}', '  main:\n    routing:\n      tiers: [{ name: x, when: {}, role: sdr, sla: { minutes: 5 }, cadence: { touches: 1 } }, { name: x, when: {}, role: sdr, sla: { minutes: 5 }, cadence: { touches: 1 } }]'), /policies\.main\.routing\.tiers\.1\.name \(line 13\): tier name "x" is used twice/],
  ['a misspelt choice', good.replace('weeklyVolume: 100', 'weeklyVolume: 100\n    profile: flatt'), /sources\.web\.profile \(line 7\): "flatt" is not one of "flat", "business", "custom"\. Fix: did you mean "flat"\?/],
  ['policy extends an unknown policy', good.replace('  main: {}', '  main: {}\n  other: { extends: mian }'), /policies\.other\.extends.*"mian", which is not a policy/],
];

describe('bad scenario input', () => {
  it.each(cases)('%s: exit 2, one message naming file, field path and line, no stack, nothing written', (_name, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bad-'));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    for (const args of [['validate', file], ['simulate', file, '--out', out, '--replications', '1']]) {
      const run = cli(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(file);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  });

  // validate said it lists every problem, and printed 8 then "...and 2 more": it is where a file gets fixed.
  it('validate lists every problem in full, with its line; a run lists the first 8 and counts the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bad-'));
    const file = join(dir, 'scenario.yaml');
    const typos = Array.from({ length: 10 }, (_, i) => `    extra${i}: 1`).join('\n');
    const text = good.replace('count: 2', `count: 2\n${typos}`);
    writeFileSync(file, text);
    const validate = cli(['validate', file]);
    expect(validate.status).toBe(2);
    expect(validate.stderr).toMatch(/: 10 problems\n/);
    for (let i = 0; i < 10; i++) expect(validate.stderr).toContain(`team.sdr.extra${i} (line ${10 + i}): unknown key "extra${i}"`);
    expect(validate.stderr).not.toContain('more');
    const run = cli(['simulate', file, '--replications', '1', '--out', join(dir, 'out')]);
    expect(run.status).toBe(2);
    // The count alone left no way to see the other two short of editing blind: it names the command that lists them.
    expect(run.stderr).toMatch(/: 10 problems\n(.*\n){8} {2}\.\.\.and 2 more \(see them with: handoff validate \S+\)\n$/);
    expect(run.stderr.endsWith(`(see them with: handoff validate ${file})\n`)).toBe(true);
    // A path the shell would split is quoted, so the command can be copied as it is.
    const spaced = join(dir, 'my scenario.yaml');
    writeFileSync(spaced, text);
    expect(cli(['compare', spaced, '--out', join(dir, 'out')]).stderr).toMatch(/\.\.\.and 2 more \(see them with: handoff validate '[^']*\/my scenario\.yaml'\)\n$/);
  });

  it('a problem a policy only inherits through extends is reported once, where it was written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bad-'));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, good.replace('  main: {}', '  main:\n    routing: { queue: pool }\n  other: { extends: main }\n  own: { extends: main, routing: { queue: pool } }'));
    const run = cli(['validate', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/2 problems\n {2}policies\.main\.routing\.queue \(line 12\): "pool" is not one of "per-rep", "pooled"\. Fix: did you mean "pooled"\?\n {2}policies\.own\.routing\.queue \(line 14\)/);
    expect(run.stderr).not.toMatch(/policies\.other/);
  });

  it('a policy that writes its own tier list (lists replace, never merge) keeps its own problems', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bad-'));
    const file = join(dir, 'scenario.yaml');
    const tiers = (name: string) => `    routing: { tiers: [{ name: ${name}, role: sdr, cadence: { touches: 1 } }] }`;
    writeFileSync(file, good.replace('  main: {}', `  main:\n${tiers('a')}\n  child:\n    extends: main\n${tiers('b')}\n  plain: { extends: main }`));
    const run = cli(['validate', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/2 problems\n {2}policies\.main\.routing\.tiers\.0\.sla .*\n {2}policies\.child\.routing\.tiers\.0\.sla /);
    expect(run.stderr).not.toMatch(/policies\.plain/);
  });

  /** `validate child.yaml`, run in a folder where child.yaml (`extends: ./base.yaml`, then `child`) extends base.yaml. */
  const validateChain = (base: string, child: string): ReturnType<typeof cli> => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bad-'));
    writeFileSync(join(dir, 'base.yaml'), base);
    writeFileSync(join(dir, 'child.yaml'), `extends: ./base.yaml\nname: child\n${child}`);
    return cli(['validate', 'child.yaml'], { cwd: dir });
  };

  // A mistake in a base scenario used to be reported at line 1 of the file that extends it.
  it('a problem in a base scenario (extends) names the base file and its line; one in the file itself, its own line', () => {
    const run = validateChain(good.replace('horizonWeeks: 2', 'horizonWeeks: 2\nhorizonWeek: 3'), 'team:\n  sdr: { count: -1 }\n');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'child.yaml: 2 problems\n' +
        '  team.sdr.count (line 4): -1 is out of range. Fix: use a number at least 0\n' +
        '  horizonWeek (base.yaml line 3): unknown key "horizonWeek". Fix: did you mean "horizonWeeks"?\n',
    );
  });

  // The file says `dist: exponential` with no mean: the base's lognormal (with its mean) is replaced, not merged, so the
  // mistake is the file's own line, not the base's.
  it('a field missing from a value the file replaces (a distribution) is the file\u2019s problem, not the base\u2019s', () => {
    const run = validateChain(good.replace('count: 2', 'count: 2\n    workMinutes: { dist: lognormal, mean: 20, sd: 10 }'), 'team:\n  sdr:\n    workMinutes: { dist: exponential }\n');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('child.yaml: 1 problem\n  team.sdr.workMinutes.mean (line 5): is required (number). Fix: add mean: <number>\n');
  });

  // Problems came in the schema's order (horizonWeeks, seed, sources, team), which is not the order of the file.
  it('problems are listed in the order of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bad-'));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, 'name: order\nteam:\n  sdr: { count: four }\nsources:\n  web: { weeklyVolume: lots }\nhorizonWeeks: many\npolicies:\n  main: {}\nseed: x\n');
    const run = cli(['validate', file]);
    expect(run.status).toBe(2);
    expect([...run.stderr.matchAll(/^ {2}(\S+) \(line (\d+)\)/gm)].map((match) => `${match[1]}@${match[2]}`)).toEqual(['team.sdr.count@3', 'sources.web.weeklyVolume@5', 'horizonWeeks@6', 'seed@9']);
  });

  // Each used to fail every rule of the other kind: 14-17 low-level problems instead of the one mistake.
  it('a mapping given as the scenario, or a scenario given as the mapping, is named for what it is', () => {
    // validate checks a mapping as a mapping, so another command shows this one.
    const asScenario = cli(['simulate', 'mappings/hubspot-contacts.yaml', '--quiet']);
    expect(asScenario.status).toBe(2);
    expect(asScenario.stderr).toBe('mappings/hubspot-contacts.yaml: 1 problem\n  (top level): this is a CRM mapping file (it has arrival:), not a scenario. Fix: give a scenario file (e.g. scenarios/baseline.yaml) and pass the mapping with --map\n');
    const asMapping = cli(['replay', 'scenarios/baseline.yaml', '--leads', 'examples/hubspot-contacts.csv', '--map', 'scenarios/baseline.yaml']);
    expect(asMapping.status).toBe(2);
    expect(asMapping.stderr).toMatch(/^scenarios\/baseline\.yaml: 1 problem\n {2}\(top level\): this is a scenario file \(it has sources\/team\/policies\), not a CRM mapping\./);
  });

  it('a policy name that is not defined: exit 2 listing the defined ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bad-'));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, good);
    const run = cli(['simulate', file, '--policy', 'nope', '--replications', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/policy "nope" is not defined .*defined: main/);
  });

  it('a missing file: exit 2 naming it', () => {
    const run = cli(['validate', '/no/such/scenario.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\/no\/such\/scenario\.yaml: 1 problem\n {2}\(top level\): file not found/);
  });

  const flagCases: [string, string[], RegExp][] = [
    ['a word for a number names what was typed', ['compare', 'scenarios/baseline.yaml', '--seed', 'abc'], /^--seed must be a number \(got "abc"\)\n/],
    ['the = form too', ['simulate', 'scenarios/baseline.yaml', '--replications=lots'], /^--replications must be a number \(got "lots"\)\n/],
    ['a number flag with nothing after it is not "not given"', ['compare', 'scenarios/baseline.yaml', '--timeout'], /^--timeout needs a value\n/],
    ['a path flag with nothing after it', ['compare', 'scenarios/baseline.yaml', '--out'], /^--out needs a value\n/],
    ['a number flag with an empty = (yargs reads it as 0)', ['simulate', 'scenarios/baseline.yaml', '--seed='], /^--seed needs a value\n/],
    // yargs reads --progress=maybe as false: progress would be turned off without a word.
    ['a word after a switch', ['compare', 'scenarios/baseline.yaml', '--progress=maybe'], /^--progress is a switch: give it alone, or with =true or =false \(got "--progress=maybe"\)\n/],
    ['a word after a negated switch (yargs calls the flag unknown)', ['staff', 'scenarios/baseline.yaml', '--target', 'hot:0.8@5m', '--no-what-ifs=yes'], /^handoff: --no-what-ifs is a switch: give it alone \(got "--no-what-ifs=yes"\)\n/],
    // --no-progress was called an unknown flag: yargs lists --no-what-ifs (a default-on switch) but not --no-progress.
    ['a value on the negation of a default-off switch', ['compare', 'scenarios/baseline.yaml', '--no-progress=false'], /^handoff: --no-progress is a switch: give it alone \(got "--no-progress=false"\)\n/],
    ['a fractional seed', ['simulate', 'scenarios/baseline.yaml', '--seed', '1.5'], /^--seed must be a whole number from 0 to 4294967295 \(got 1\.5\)\n/],
    ['a negative seed in a sweep names the flag, not a sweep point', ['sweep', 'scenarios/baseline.yaml', '--param', 'team.sdr.count=4..5', '--seed', '-1'], /^--seed must be a whole number from 0 to 4294967295 \(got -1\)\n/],
    // Every other flag message echoes the value typed; this one did not.
    ['replay names the --warmup-weeks it was given', ['replay', 'scenarios/baseline.yaml', '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--warmup-weeks', '-1'], /^--warmup-weeks must be at least 0 and less than the export's [\d.]+ weeks \(got -1\)\n/],
    ['replay checks the seed too', ['replay', 'scenarios/baseline.yaml', '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--seed', '2.5'], /^--seed must be a whole number/],
  ];
  // The command's own messages end with the pointer to its help, as yargs' do (they used to stop at the message).
  it.each(flagCases)('bad flag value, %s: exit 2, one message and the pointer to the help, nothing run', (_name, args, message) => {
    const run = cli([...args, '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n').slice(-3)).toEqual([expect.not.stringMatching(/^Run /), `Run "handoff ${args[0]} --help" for usage.`, '']);
    expect(run.stdout).toBe('');
  });

  it('an unknown command or flag: exit 2 with usage, and the nearest flag of that command', () => {
    expect(cli(['simulat']).status).toBe(2);
    // A CSV export given as the scenario failed as YAML on every line ("Implicit keys need to be on a single line").
    const csvAsScenario = cli(['validate', 'examples/hubspot-contacts.csv']);
    expect(csvAsScenario.status).toBe(2);
    expect(csvAsScenario.stderr).toBe('examples/hubspot-contacts.csv: 1 problem\n  line 1: this looks like a CSV export (its first line is a header of columns), not a scenario. Fix: give a scenario file (e.g. scenarios/baseline.yaml); an export goes with --leads, and its mapping with --map\n');
    // A shell glob gave validate several files: "Unknown arguments: scenarios/b.yaml, ..." read as a flag problem.
    expect(cli(['validate', 'scenarios/baseline.yaml', 'scenarios/tighter-mql.yaml']).stderr).toBe(
      'handoff: validate takes one scenario file, and was given 2; run it once per file (e.g. for f in scenarios/baseline.yaml scenarios/tighter-mql.yaml; do handoff validate "$f"; done)\nRun "handoff validate --help" for usage.\n',
    );
    // A repeatable flag before the scenario swallowed it ("sweep needs a scenario file").
    const early = cli(['sweep', '--param', 'team.sdr.count=1,2', 'scenarios/baseline.yaml', '--list-params']);
    expect(early.status).toBe(0);
    expect(early.stdout).toContain('team.sdr.count  ');
    expect(cli(['compare']).stderr).toBe('handoff: compare needs a scenario file: handoff compare <scenario>, e.g. handoff compare scenarios/baseline.yaml\nRun "handoff compare --help" for usage.\n');
    const one = cli(['simulate', 'scenarios/baseline.yaml', '--replicatons', '2']);
    expect(one.status).toBe(2);
    expect(one.stderr).toBe('handoff: Unknown argument: replicatons (did you mean --replications?)\nRun "handoff simulate --help" for usage.\n');
    // Each misspelt flag gets its own suggestion (a kebab-case one once, not also as yargs' camelCase copy; yargs reads --no-x as x, and the hint keeps the no-); none for gibberish.
    const several = cli(['staff', 'scenarios/baseline.yaml', '--target', 'hot:0.8@5m', '--job-timout', '3', '--no-wat-ifs', '--zzzzzzzz']);
    expect(several.status).toBe(2);
    expect(several.stderr).toMatch(/^handoff: Unknown arguments: job-timout, no-wat-ifs, zzzzzzzz \(did you mean --job-timeout for --job-timout, --no-what-ifs for --no-wat-ifs\?\)\n/);
    expect(cli(['compare', 'scenarios/baseline.yaml', '--no-progres']).stderr).toBe('handoff: Unknown argument: no-progres (did you mean --no-progress?)\nRun "handoff compare --help" for usage.\n');
    expect(cli(['compare', 'scenarios/baseline.yaml', '--zzzzzzzz']).stderr).toBe('handoff: Unknown argument: zzzzzzzz\nRun "handoff compare --help" for usage.\n');
  });
});
