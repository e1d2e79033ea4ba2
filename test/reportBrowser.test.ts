import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStudyInProcess } from '../src/experiment/simulate.js';
import { REPORT_CHARTS } from '../src/report/charts/index.js';
import { reportFiles } from '../src/report/reportFiles.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { cli } from './helpers/scenario.js';

/** Debian/Ubuntu's path (CI: apt-get install -y chromium); CHROMIUM_PATH points elsewhere, e.g. on macOS. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const FIXTURE = fileURLToPath(new URL('./fixtures/report/small-surge.yaml', import.meta.url));
const SKIP_REASON = `skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`;

if (!HAS_CHROMIUM) console.warn(`reportBrowser.test.ts ${SKIP_REASON}`);

describe.skipIf(!HAS_CHROMIUM)(`report.html in headless Chromium${HAS_CHROMIUM ? '' : ` (${SKIP_REASON})`}`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const study = await runStudyInProcess(loadScenarioFile(FIXTURE), { replications: 2 });
    dir = mkdtempSync(join(tmpdir(), 'handoff-report-'));
    for (const file of await reportFiles(study)) {
      const path = join(dir, file.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows every chart as a sized SVG with marks, with no console errors, page errors or network requests', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });

    const charts = await page.$$eval('section.chart', (sections) =>
      sections.map((section) => {
        const svg = section.querySelector('.chart-svg > svg');
        const box = svg?.getBoundingClientRect();
        return {
          name: section.getAttribute('data-chart'),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('g.role-mark > path, g.role-mark > line, g.role-mark > text').length ?? 0,
          visibleMarks: [...(svg?.querySelectorAll('g.role-mark > path, g.role-mark > line') ?? [])].filter((mark) => {
            const rect = mark.getBoundingClientRect();
            return rect.width > 0 || rect.height > 0;
          }).length,
        };
      }),
    );
    expect(charts.map((chart) => chart.name)).toEqual(REPORT_CHARTS.map((chart) => chart.name));
    for (const chart of charts) {
      expect(chart.width, `${chart.name} width`).toBeGreaterThan(300);
      expect(chart.height, `${chart.name} height`).toBeGreaterThan(150);
      expect(chart.marks, `${chart.name} marks`).toBeGreaterThan(5);
      expect(chart.visibleMarks, `${chart.name} visible marks`).toBeGreaterThan(5);
    }
    // Charts must fit the page column: nothing wider than the main text column.
    const overflow = await page.$$eval('.chart-svg', (boxes) => boxes.filter((box) => box.scrollWidth > box.clientWidth + 1).length);
    expect(overflow).toBe(0);
    expect(await page.textContent('#answer')).toMatch(/better|worse|no detectable difference/);

    const screenshot = join(dir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(50_000);
    console.info(`report screenshot: ${screenshot}`);

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('staff\u2019s report keeps its tables inside the page column, with room for each what-if\u2019s name', async () => {
    const out = join(dir, 'staff');
    const run = cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--target', 'warm-plus:0.8@1d', '--window', 'launch', '--out', out, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
    const layout = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const right = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
      const whatIfs = [...document.querySelectorAll('h2')].find((h2) => h2.textContent === 'Surge what-ifs')!;
      let table = whatIfs.nextElementSibling;
      while (table !== null && table.tagName !== 'TABLE') table = table.nextElementSibling;
      // Lines each what-if's name takes (its first text node), by the distinct tops of its line boxes.
      const nameLines = [...table!.querySelectorAll('tbody th')].map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th.firstChild!);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
      return { past: [...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > right + 1).length, nameLines };
    });
    // The what-if table ran past the column and wrapped "surge protocol + overflow AEs" a word a line.
    expect(layout.past).toBe(0);
    expect(layout.nameLines).toHaveLength(4);
    for (const lines of layout.nameLines) expect(lines).toBeLessThanOrEqual(2);
    await page.close();
  }, 60_000);

  it('a grid sweep\u2019s table of points fits the page column, notes included', async () => {
    const out = join(dir, 'grid');
    const run = cli(['sweep', 'test/fixtures/sweep/short.yaml', '--param', 'team.sdr.count=1,2', '--param', 'policies.current.scoring.threshold=60,70', '--replications', '2', '--maximize', 'pipeline', '--require', 'slaCompliance>=0.85', '--out', out, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
    // Two unbreakable parameter paths made it scroll sideways, the notes cut to "fails slaCompliance>=0".
    const wraps = await page.$$eval('.table-wrap', (boxes) => boxes.map((box) => box.scrollWidth - box.clientWidth));
    expect(wraps).toEqual([0]);
    await page.close();
  }, 60_000);
});
