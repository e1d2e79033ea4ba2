import type { CommandModule } from 'yargs';
import { loadWarnings } from '../../experiment/loadCheck.js';
import { printWarnings } from '../warnings.js';
import { loadScenarioFile } from '../../scenario/load.js';

interface ValidateArgs {
  scenario: string;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <scenario>',
  describe: 'Check a scenario file and print its warnings; exit 2 listing every problem',
  builder: (yargs) => yargs.positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' }),
  handler: (args) => {
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, [...loaded.warnings, ...loadWarnings(loaded)]);
    const scenario = loaded.scenario;
    const policies = Object.keys(scenario.policies).join(', ');
    const reps = Object.values(scenario.team).reduce((sum, pod) => sum + pod.count, 0);
    process.stdout.write(`${args.scenario}: ok — "${scenario.name}", ${scenario.horizonWeeks} weeks, ${Object.keys(scenario.sources).length} sources, ${reps} reps, policies: ${policies}\n`);
  },
};
