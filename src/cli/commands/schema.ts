import type { CommandModule } from 'yargs';
import { mappingJsonSchema, scenarioJsonSchema } from '../../scenario/jsonSchema.js';

export const schemaCommand: CommandModule<object, { mapping?: boolean }> = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files, or with --mapping of CRM mapping files (for editor validation)',
  builder: (yargs) => yargs.option('mapping', { type: 'boolean', describe: 'the schema of a CRM mapping file (--map of replay, calibrate, backtest)' }),
  handler: (args) => {
    process.stdout.write(`${JSON.stringify(args.mapping === true ? mappingJsonSchema() : scenarioJsonSchema(), null, 2)}\n`);
  },
};
