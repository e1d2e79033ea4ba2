import { UsageError } from '../errors.js';

/**
 * yargs reads a non-number after a numeric flag as NaN, which later checks could only report as "got NaN", a
 * numeric flag with no value as not given at all and a string flag with none as '': this names the flag and
 * what was typed, for every command.
 */
export function rejectMissingValues(argv: Record<string, unknown>, raw: readonly string[]): void {
  for (const [key, value] of Object.entries(argv)) {
    // yargs keeps each dashed flag under its camelCase name too; report the dashed one only.
    if (/[A-Z]/.test(key)) continue;
    if (typeof value === 'number' && Number.isNaN(value)) throw new UsageError(`--${key} must be a number (got ${typedAfter(key, raw)})`);
    // yargs reads any `--flag=word` on a switch as false: `--progress=maybe` would quietly turn progress off.
    if (typeof value === 'boolean') {
      const typed = raw.find((token) => token.startsWith(`--${key}=`));
      if (typed !== undefined && !/=(true|false)$/.test(typed)) throw new UsageError(switchGivenAWord(typed));
    }
    // A flag given with nothing after it is left undefined (numbers: silently "not given") or '' (strings: an empty path).
    // yargs reads `--n=` on a number flag as 0, so an empty `=` is caught from the raw arguments.
    if (raw.includes(`--${key}=`) || ((value === undefined || value === '') && raw.includes(`--${key}`))) throw new UsageError(`--${key} needs a value`);
  }
}

function typedAfter(key: string, raw: readonly string[]): string {
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!;
    if (token === `--${key}`) return raw[i + 1] === undefined ? 'nothing' : JSON.stringify(raw[i + 1]);
    if (token.startsWith(`--${key}=`)) return JSON.stringify(token.slice(key.length + 3));
  }
  return 'a value that is not a number';
}

/** "--progress is a switch: ..." for `--progress=maybe`; a negated one (`--no-what-ifs=yes`) takes no value at all. */
export function switchGivenAWord(token: string): string {
  const flag = token.slice(0, token.indexOf('='));
  return `${flag} is a switch: give it alone${flag.startsWith('--no-') ? '' : ', or with =true or =false'} (got ${JSON.stringify(token)})`;
}
