import type { CommandModule } from 'yargs';

interface BenchArgs {
  quick?: boolean;
  json?: boolean;
  out?: string;
}

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench',
  describe: 'Measure scoring, engine, SimPy peer, worker and memory performance against the targets; writes results/bench-<timestamp>.json',
  builder: (yargs) =>
    yargs
      .option('quick', { type: 'boolean', describe: 'smoke run with small sizes (CI): every part, well under a minute' })
      .option('json', { type: 'boolean', describe: 'print the JSON report to stdout instead of the table' })
      .option('out', { type: 'string', describe: 'write the JSON report to this new file (default results/bench-<UTC timestamp>.json)' }),
  handler: async (args) => {
    // Loaded on demand so the other commands never pay for the bench's modules.
    const { benchMain } = await import('../../../bench/cli.js');
    await benchMain({ quick: args.quick ?? false, json: args.json ?? false, ...(args.out === undefined ? {} : { out: args.out }) });
  },
};
