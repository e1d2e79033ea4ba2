import { parseArgs } from 'node:util';
import { isUserError } from '../src/errors.js';
import { benchMain } from './cli.js';

/** `npm run bench [-- --quick] [-- --json] [-- --out FILE]`: the same bench as `handoff bench`. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
    strict: true,
  });
  await benchMain({ quick: values.quick, json: values.json, ...(values.out === undefined ? {} : { out: values.out }) });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  // Bad flags and a taken --out are usage errors (2), like the CLI; anything else is a failure (1).
  process.exit(isUserError(error) || (error as { code?: string } | null)?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1);
});
