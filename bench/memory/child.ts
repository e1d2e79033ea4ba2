import { raiseInliningBudget } from '../../src/engine/inliningBudget.js';
import { runReplication } from '../../src/experiment/runReplication.js';
import { ERLANG_A_POLICY } from '../paths.js';
import { erlangAScenario } from '../engine/suite.js';

/**
 * Child process for peak-RSS figures: one Erlang A replication of argv[2] leads in a fresh process, then
 * the process's peak resident set (maxRSS, reported by Node in KiB) as JSON on stdout.
 */
const leads = Number(process.argv[2]);
if (!Number.isFinite(leads) || leads <= 0) {
  process.stderr.write('usage: node dist/bench/memory/child.js <leads>\n');
  process.exit(2);
}
// Timed as the CLI runs it (its run time is in the table).
raiseInliningBudget();
const start = process.hrtime.bigint();
const result = await runReplication(erlangAScenario(leads), ERLANG_A_POLICY, 0);
// Cold (no warm-up run): with the 10x larger run, it shows how time grows with leads in a fresh process.
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(`${JSON.stringify({ leads: result.simulatedLeads, events: result.events, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
