import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/scenario.js';

const README = readFileSync(`${ROOT}README.md`, 'utf8').split('\n');

/** The flags a command's --help lists (its own and the shared ones), without --help and --version. */
function helpFlags(command: string): string[] {
  const help = cli([command, '--help']).stdout;
  return [...help.matchAll(/^\s+(?:-\w, )?--([a-z][a-z-]*)/gm)].map((match) => match[1]!).filter((flag) => flag !== 'help' && flag !== 'version');
}

/**
 * Where the README gives a command's flags: its row in a command table (`| \`staff ...` or `| \`handoff replay ...`),
 * its synopsis block (`handoff sweep <scenario> ...` and the indented lines after it), and for compare and simulate
 * the table of the flags they share.
 */
function referenceText(command: string): string {
  const lines: string[] = [];
  let synopsis = false;
  let shared = false;
  for (const line of README) {
    if (line.startsWith(`| \`${command}`) || line.startsWith(`| \`handoff ${command} `)) lines.push(line);
    synopsis = line.startsWith(`handoff ${command} `) || (synopsis && /^\s+\[/.test(line));
    if (synopsis) lines.push(line);
    if (line.startsWith('Flags shared by `compare` and `simulate`')) shared = true;
    else if (shared && line !== '' && !line.startsWith('|')) shared = false;
    if (shared && (command === 'compare' || command === 'simulate')) lines.push(line);
  }
  return lines.join('\n');
}

// The README's reference left out flags that exist (replay's --strict, --quiet and --progress, calibrate's --json,
// backtest's --out, bench's --json): every flag a command's --help lists is now in it.
describe("README's command reference", () => {
  it.each(['compare', 'simulate', 'staff', 'sweep', 'replay', 'calibrate', 'backtest', 'generate', 'schema', 'bench'])('names every flag of %s', (command) => {
    const text = referenceText(command);
    expect(text).not.toBe('');
    // A default-on switch is documented by its negation (--no-what-ifs).
    const missing = helpFlags(command).filter((flag) => !new RegExp(`--(no-)?${flag}\\b`).test(text));
    expect(missing).toEqual([]);
  });
});
