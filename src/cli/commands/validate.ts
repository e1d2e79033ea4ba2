import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { looksLike } from '../../fileKind.js';
import { columnsUsed } from '../../leads/replay/convert.js';
import { loadMappingFile } from '../../leads/replay/loadMapping.js';
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
  describe: `Check a scenario file (or a CRM mapping) and print its warnings; exit 2 listing its problems (up to ${VALIDATE_LISTED} in full)`,
  builder: (yargs) => yargs.positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON), or a CRM mapping (YAML)' }),
  handler: async (args) => {
    // A mapping's problems past the first 8 pointed here, which refused mappings: it checks one the same way.
    if (isMappingFile(args.scenario)) {
      const mapping = loadMappingFile(args.scenario, VALIDATE_LISTED);
      const columns = [...new Set(columnsUsed(mapping).map((use) => use.column))];
      process.stdout.write(`${args.scenario}: ok — CRM mapping "${mapping.name}", reads ${plural(columns.length, 'column')} (${columns.join(', ')}); give it with --map\n`);
      return;
    }
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

/**
 * Whether a file's top-level keys (lines "key:" at column 0) are a mapping's; a scan of the lines, not a parse, so a huge
 * or broken file costs nothing here (anything unreadable is left to the scenario reader's messages).
 */
function isMappingFile(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const keys = text.match(/^[A-Za-z_][\w-]*(?=[ \t]*:)/gm) ?? [];
  return looksLike(Object.fromEntries(keys.map((key) => [key, true]))) === 'mapping';
}
