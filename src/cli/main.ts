#!/usr/bin/env node
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { raiseInliningBudget } from '../engine/inliningBudget.js';
import { isUserError, ReplicationsFailed, UsageError } from '../errors.js';
import { helpPointer, isAboutAFlag } from './helpPointer.js';
import { rejectMissingValues } from './flagValues.js';
import { missingArgument, withFlagSuggestions } from './unknownFlags.js';
import { toolVersion } from './version.js';

/** Each command module is imported only when needed: the engine and chart renderer take a second to load. */
const COMMANDS: Record<string, () => Promise<CommandModule<object, never>>> = {
  compare: async () => (await import('./commands/compare.js')).compareCommand as CommandModule<object, never>,
  simulate: async () => (await import('./commands/simulate.js')).simulateCommand as CommandModule<object, never>,
  staff: async () => (await import('./commands/staff.js')).staffCommand as CommandModule<object, never>,
  sweep: async () => (await import('./commands/sweep.js')).sweepCommand as CommandModule<object, never>,
  replay: async () => (await import('./commands/replay.js')).replayCommand as CommandModule<object, never>,
  calibrate: async () => (await import('./commands/calibrate.js')).calibrateCommand as CommandModule<object, never>,
  backtest: async () => (await import('./commands/backtest.js')).backtestCommand as CommandModule<object, never>,
  generate: async () => (await import('./commands/generate.js')).generateCommand as CommandModule<object, never>,
  validate: async () => (await import('./commands/validate.js')).validateCommand as CommandModule<object, never>,
  schema: async () => (await import('./commands/schema.js')).schemaCommand as CommandModule<object, never>,
  bench: async () => (await import('./commands/bench.js')).benchCommand as CommandModule<object, never>,
};

/** The `handoff` binary: a thin yargs shell over the library. */
export async function main(argv: string[]): Promise<void> {
  const named = argv[0] !== undefined && argv[0] in COMMANDS ? [argv[0]] : argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v') ? [] : Object.keys(COMMANDS);
  const commands = await Promise.all(named.map((name) => COMMANDS[name]!()));
  // Extra files are refused before any handler runs: kept here, the file yargs took as the scenario joins the loop.
  let scenario: string | undefined;
  let cli = yargs(argv)
    .scriptName('handoff')
    .usage('$0 <command> [options]\n\nSimulate marketing-to-sales lead handoff policies before you roll them out.');
  for (const command of commands) cli = cli.command(command);
  const parsing = cli
    // A repeatable flag takes one value each time it is given: `--param x=1,2 scenario.yaml` keeps the scenario.
    .parserConfiguration({ 'greedy-arrays': false })
    .middleware((parsed) => rejectMissingValues(parsed, argv))
    .middleware((parsed) => {
      scenario = typeof parsed.scenario === 'string' ? parsed.scenario : undefined;
    }, true)
    .demandCommand(1, `Name a command: ${Object.keys(COMMANDS).join(', ')} (see --help).`)
    .strict()
    .recommendCommands()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      throw new YargsUsage(message);
    });
  // yargs throws from fail() synchronously for some problems and rejects for others: one try covers both.
  try {
    await parsing.parseAsync();
  } catch (error) {
    if (!(error instanceof YargsUsage)) throw error;
    const command = named.length === 1 ? commands[0] : undefined;
    process.stderr.write(`handoff: ${await withFlagSuggestions(missingArgument(error.message, command), command, argv, scenario)}\n${helpPointer(named.length === 1 ? named[0] : undefined)}\n`);
    process.exit(2);
  }
}

/** A usage problem yargs found (unknown flag or command, missing argument): printed once the suggestions are ready. */
class YargsUsage extends Error {}

/** User errors print one message and exit 2, failed replications exit 3; anything else is a bug, reported without a stack unless asked. */
export function reportError(error: unknown): never {
  if (isUserError(error) || error instanceof ReplicationsFailed) {
    const command = hideBin(process.argv)[0];
    const pointer = error instanceof UsageError && isAboutAFlag(error.message) ? `\n${helpPointer(command !== undefined && command in COMMANDS ? command : undefined)}` : '';
    process.stderr.write(`${error.message}${pointer}\n`);
    process.exit(error.exitCode);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`handoff: internal error: ${message}\n`);
  if (process.env.HANDOFF_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('Set HANDOFF_DEBUG=1 for a stack trace, and please report it.\n');
  process.exit(1);
}

// A reader that stops early (`handoff schema | head`) closes the pipe: that ends the output, it is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : reportError(error)));

// Before any engine code is compiled; worker threads share the setting.
raiseInliningBudget();
main(hideBin(process.argv)).catch(reportError);
