#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isUserError } from '../errors.js';
import { backtestCommand } from './commands/backtest.js';
import { benchCommand } from './commands/bench.js';
import { calibrateCommand } from './commands/calibrate.js';
import { compareCommand } from './commands/compare.js';
import { generateCommand } from './commands/generate.js';
import { replayCommand } from './commands/replay.js';
import { schemaCommand } from './commands/schema.js';
import { simulateCommand } from './commands/simulate.js';
import { staffCommand } from './commands/staff.js';
import { sweepCommand } from './commands/sweep.js';
import { validateCommand } from './commands/validate.js';
import { toolVersion } from './version.js';

/** The `handoff` binary: a thin yargs shell over the library. */
export async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('handoff')
    .usage('$0 <command> [options]\n\nSimulate marketing-to-sales lead handoff policies before you roll them out.')
    .command(compareCommand)
    .command(simulateCommand)
    .command(validateCommand)
    .command(schemaCommand)
    .command(sweepCommand)
    .command(benchCommand)
    .command(staffCommand)
    .command(replayCommand)
    .command(calibrateCommand)
    .command(backtestCommand)
    .command(generateCommand)
    .demandCommand(1, 'Name a command: compare, simulate, validate, schema (see --help).')
    .strict()
    .recommendCommands()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error, instance) => {
      if (error !== undefined && error !== null) throw error;
      process.stderr.write(`${instance.help === undefined ? '' : ''}handoff: ${message}\nRun "handoff --help" for usage.\n`);
      process.exit(2);
    })
    .parseAsync();
}

/** User errors print one message and exit 2; anything else is a bug, reported without a stack unless asked. */
export function reportError(error: unknown): never {
  if (isUserError(error)) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`handoff: internal error: ${message}\n`);
  if (process.env.HANDOFF_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('Set HANDOFF_DEBUG=1 for a stack trace, and please report it.\n');
  process.exit(1);
}

main(hideBin(process.argv)).catch(reportError);
