import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { loadWarnings } from '../../experiment/loadCheck.js';
import { printWarnings } from '../warnings.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { headcount } from '../../scenario/schema/team.js';
import { namesCustomModule, ReplicationPool } from '../../experiment/pool.js';

/** validate is where a file gets fixed: it lists far more problems in full than a run's refusal does. */
const VALIDATE_LISTED = 100;

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
    const count = (n: number, noun: string): string => {
      const shown = n.toLocaleString('en-US', { maximumFractionDigits: 2 });
      return `${shown} ${noun}${shown === '1' ? '' : 's'}`;
    };
    process.stdout.write(`${args.scenario}: ok — "${scenario.name}", ${count(scenario.horizonWeeks, 'week')}, ${count(Object.keys(scenario.sources).length, 'source')}, ${count(reps, 'rep')}, policies: ${policies.join(', ')}\n`);
  },
};
