import type { CommandModule } from 'yargs';
import { checkNewFile, writeNewFile } from '../../report/atomicFiles.js';
import { UsageError } from '../../errors.js';
import { generatedText, generateLeads, type LayoutName } from '../../leads/generate.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { printWarnings } from '../warnings.js';
import { exitOnInterrupt } from '../interrupt.js';

interface GenerateArgs {
  scenario: string;
  count: number;
  format: 'csv' | 'jsonl';
  layout: LayoutName;
  seed?: number;
  policy?: string;
  out?: string;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate <scenario>',
  describe: 'Write realistic synthetic leads of a scenario as a CRM export (HubSpot contacts or Salesforce leads)',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file whose sources and attributes the leads follow' })
      .option('count', { type: 'number', demandOption: true, describe: 'number of leads' })
      .option('format', { choices: ['csv', 'jsonl'] as const, default: 'csv' as const, describe: 'CSV with the columns of --layout, or one JSON object per line (the same fields)' })
      .option('layout', { choices: ['hubspot', 'salesforce'] as const, default: 'hubspot' as const, describe: 'columns of a HubSpot contacts export or a Salesforce leads report (mappings/hubspot-contacts.yaml, mappings/salesforce-leads.yaml)' })
      .option('seed', { type: 'number', describe: 'seed (default: the scenario\u2019s); the same seed gives the same file' })
      .option('policy', { type: 'string', describe: 'policy whose scoring decides the Lifecycle Stage (default: the first)' })
      .option('out', { type: 'string', describe: 'write to this new file (never overwrites); default: stdout' }),
  handler: async (args) => {
    // Before generating: a taken --out used to fail only after every lead was made.
    if (args.out !== undefined) checkNewFile(args.out, 'generate');
    const disposeInterrupt = exitOnInterrupt(args.out);
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    if (args.policy !== undefined && loaded.scenario.policies[args.policy] === undefined) {
      throw new UsageError(`policy "${args.policy}" is not defined in ${args.scenario}; defined: ${Object.keys(loaded.scenario.policies).join(', ')}`);
    }
    const generated = await generateLeads(loaded, { count: args.count, seed: args.seed ?? loaded.scenario.seed, ...(args.policy === undefined ? {} : { policy: args.policy }) });
    const text = await generatedText(generated, args.format, args.layout);
    if (args.out === undefined) {
      process.stdout.write(text);
      disposeInterrupt();
      return;
    }
    writeNewFile(args.out, text, 'generate');
    disposeInterrupt();
    process.stderr.write(`${generated.leads.length} leads written to ${args.out}\n`);
  },
};
