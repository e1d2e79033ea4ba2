import yargs, { type CommandModule } from 'yargs';
import { nearest } from '../errors.js';
import { switchGivenAWord } from './flagValues.js';
import { severalFiles } from './severalFiles.js';

/** yargs' complaint about flags the command does not have, e.g. "Unknown argument: replicatons". */
const UNKNOWN = /^Unknown arguments?: (.+)$/;

/** yargs' "Not enough non-option arguments: got 0, need at least 1" in words: which argument, with an example. */
export function missingArgument(message: string, command: CommandModule<object, never> | undefined): string {
  const usage = typeof command?.command === 'string' ? command.command : undefined;
  if (!/^Not enough non-option arguments/.test(message) || usage === undefined || !usage.includes('<scenario>')) return message;
  const name = usage.split(' ')[0]!;
  return `${name} needs a scenario file: handoff ${usage}, e.g. handoff ${name} scenarios/baseline.yaml`;
}

/**
 * Adds "did you mean --replications?" to yargs' unknown-flag message. The command's flags are read from its own help
 * text (yargs has no documented way to list a command's options), so every flag a builder declares is a candidate.
 * `scenario`: the file yargs took as the scenario, when it read one.
 */
export async function withFlagSuggestions(message: string, command: CommandModule<object, never> | undefined, argv: readonly string[], scenario: string | undefined): Promise<string> {
  const match = UNKNOWN.exec(message);
  if (match === null || command === undefined || typeof command.builder !== 'function') return message;
  const help = await (await command.builder(yargs([]).scriptName('handoff'))).getHelp();
  const flags = [...new Set([...help.matchAll(/--([a-z][a-z0-9-]*)/g)].map((found) => found[1]!))];
  // yargs names a misspelt kebab-case flag twice (job-timout, jobTimout): one entry per flag as typed.
  const typed = [...new Set(match[1]!.split(', ').map((name) => name.replace(/^-+/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)))];
  // yargs cannot read a value on a negated switch (--no-what-ifs=yes) and calls the flag unknown, though it is not.
  // yargs lists a default-on switch's negation (--no-what-ifs) as a flag, not another's (--no-progress=false): both count.
  const known = (name: string): boolean => flags.includes(name) || (name.startsWith('no-') && flags.includes(name.slice(3)));
  const valued = typed.map((name) => (known(name) ? argv.find((arg) => arg.startsWith(`--${name}=`)) : undefined)).find((arg) => arg !== undefined);
  if (valued !== undefined) return switchGivenAWord(valued);
  const negated = (name: string): boolean => argv.some((arg) => arg === `--no-${name}` || arg.startsWith(`--no-${name}=`));
  // A second file (`validate a.yaml b.yaml`, a shell glob) is not a flag: the command takes one scenario.
  const usage = typeof command.command === 'string' ? command.command : '';
  const files = match[1]!.split(', ');
  if (usage.includes('<scenario>') && files.every((name) => /\.(ya?ml|json)$/i.test(name))) {
    return severalFiles(usage.split(' ')[0]!, scenario === undefined ? files : [scenario, ...files], argv);
  }
  const hints = typed.flatMap((name) => {
    const close = nearest(name, flags, 1);
    // yargs reports --no-wat-ifs as wat-ifs: the hint keeps the negation the user typed.
    const no = negated(name) ? 'no-' : '';
    return close.length > 0 ? [typed.length === 1 ? `--${no}${close[0]}` : `--${no}${close[0]} for --${no}${name}`] : [];
  });
  // Each flag once, as typed: yargs lists a kebab-case one twice (what-if, whatIf) and drops a negation's no-.
  const unknown = `Unknown argument${typed.length === 1 ? '' : 's'}: ${typed.map((name) => `${negated(name) ? 'no-' : ''}${name}`).join(', ')}`;
  return hints.length > 0 ? `${unknown} (did you mean ${hints.join(', ')}?)` : unknown;
}
