// One warmed replication for bench/instruction-count.mjs to run under valgrind: prints the leads it simulated.
import { warmedRun } from './warmed-run.mjs';

const { run } = await warmedRun(1, 'instructions');
const result = await run(1);
console.log(JSON.stringify({ leads: result.simulatedLeads }));
