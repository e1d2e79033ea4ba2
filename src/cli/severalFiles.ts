import { readdirSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { shellWord } from '../shellWord.js';

/**
 * The refusal of several scenario files (a shell glob), with a loop a user can copy: over exactly the files given,
 * first one included, and with the other arguments as typed.
 */
export function severalFiles(command: string, files: readonly string[], argv: readonly string[]): string {
  const rest = otherArguments(argv, [command, ...files]).map((token) => ` ${shellWord(token)}`).join('');
  return `${command} takes one scenario file, and was given ${files.length}; run it once per file (e.g. for f in ${filesWords(files)}; do handoff ${command} "$f"${rest}; done)`;
}

/** `dir/*.yaml` when that glob matches just these files (what a glob typed had), else each file, quoted where needed. */
function filesWords(files: readonly string[]): string {
  const dir = dirname(files[0]!);
  const ext = extname(files[0]!);
  const names = files.map((file) => basename(file)).sort();
  if (ext !== '' && files.every((file) => dirname(file) === dir && extname(file) === ext)) {
    let matching: string[] = [];
    try {
      matching = readdirSync(dir).filter((name) => !name.startsWith('.') && name.endsWith(ext)).sort();
    } catch {
      // An unreadable folder: the files are listed instead.
    }
    if (matching.length === names.length && matching.every((name, i) => name === names[i])) return `${files[0] === basename(files[0]!) ? '' : shellWord(`${dir}/`)}*${ext}`;
  }
  return files.map(shellWord).join(' ');
}

/** argv without the command and the files; --out is left out too, since one folder cannot hold several runs. */
function otherArguments(argv: readonly string[], taken: readonly string[]): string[] {
  const left = [...argv];
  for (const token of taken) {
    const at = left.indexOf(token);
    if (at >= 0) left.splice(at, 1);
  }
  return left.filter((token, i) => token !== '--out' && left[i - 1] !== '--out' && !token.startsWith('--out='));
}
