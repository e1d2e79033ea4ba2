import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../../scenario/jsonSchema.js';

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor validation)',
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};
