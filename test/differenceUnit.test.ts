import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStudyInProcess, type Study } from '../src/experiment/simulate.js';
import { deltaTable } from '../src/report/deltaTable.js';
import { reportHtml } from '../src/report/html.js';
import { loadScenarioFile } from '../src/scenario/load.js';

// plg-signups printed "Speed to lead, p90  37.0 h  37.2 h  +13.1 min  [-67.7 min, +93.8 min]": a row of the paired
// differences read in two units. The difference and its interval now read in the unit of the values beside them.
const FIXTURE = fileURLToPath(new URL('./fixtures/report/small-surge.yaml', import.meta.url));
const KEY = 'speedToLeadMinutes.mean';

/** The units of the durations written in a piece of text. */
const unitsIn = (text: string) => new Set([...text.matchAll(/\d (s|min|h|d)\b/g)].map((match) => match[1]));

let study: Study;
beforeAll(async () => {
  study = await runStudyInProcess(loadScenarioFile(FIXTURE), { replications: 2 });
});

/** The study with its first comparison's mean speed to lead set to two values hours long that differ by minutes. */
function hoursApartByMinutes(): Study {
  const [delta] = study.summary.deltas;
  const metric = { baseline: 726, challenger: 723.2, difference: -2.8, ci95: [-3.7, -2.0] as [number, number], verdict: 'better' as const };
  return { ...study, summary: { ...study.summary, deltas: [{ ...delta!, metrics: { ...delta!.metrics, [KEY]: metric } }] } };
}

describe('a row of paired differences of durations', () => {
  it('reads in one unit in the terminal table', () => {
    const row = deltaTable(hoursApartByMinutes().summary).split('\n').find((line) => line.startsWith('Speed to lead, mean '));
    expect(row).toBeDefined();
    expect([...unitsIn(row!)]).toEqual(['h']);
    // A difference under 0.05 h keeps digits enough not to read as zero.
    expect(row).toMatch(/ -0\.05 h +\[-0\.1 h, -0\.03 h\] /);
  });

  it('reads in one unit in report.html', () => {
    const html = reportHtml(hoursApartByMinutes(), []);
    const table = html.match(/<table class="deltas">.*?<\/table>/s)![0];
    const row = table.match(/<tr><th scope="row">Speed to lead, mean<\/th>.*?<\/tr>/)![0];
    expect([...unitsIn(row)]).toEqual(['h']);
  });
});
