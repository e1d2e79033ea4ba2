import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { loadWarnings } from '../../experiment/loadCheck.js';
import { printWarnings } from '../warnings.js';
import { plural } from '../../report/format.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { headcount } from '../../scenario/schema/team.js';
import { namesCustomModule, ReplicationPool } from '../../experiment/pool.js';
import { VALIDATE_LISTED } from '../../errors.js';

interface ValidateArgs {
  scenario: string;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <scenario>',
  describe: `Check a scenario file and print its warnings; exit 2 listing its problems (up to ${VALIDATE_LISTED} in full)`,
  builder: (yargs) => yargs.positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' }),
  handler: async (args) => {
    const loaded = loadScenarioFile(args.scenario, VALIDATE_LISTED);
    const policies = Object.keys(loaded.scenario.policies);
    // Custom policy modules are loaded (on a worker, as a run would) so a broken one fails here too.
    if (policies.some((policy) => namesCustomModule(loaded, policy))) {
      const pool = new ReplicationPool(1);
      try {
        await pool.checkPolicies({ file: loaded.file, text: readFileSync(loaded.file, 'utf8'), hash: loaded.hash }, loaded, policies);
      } finally {
        await pool.close();
      }
    }
    printWarnings(args.scenario, [...loaded.warnings, ...loadWarnings(loaded)]);
    const scenario = loaded.scenario;
    const reps = headcount(scenario.team);
    process.stdout.write(`${args.scenario}: ok — "${scenario.name}", ${plural(scenario.horizonWeeks, 'week')}, ${plural(Object.keys(scenario.sources).length, 'source')}, ${plural(reps, 'rep')}, policies: ${policies.join(', ')}\n`);
  },
};
