import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStudyInProcess } from '../src/experiment/simulate.js';
import { dailyVolume } from '../src/report/charts/dailyVolume.js';
import { niceAxis } from '../src/report/charts/niceAxis.js';
import { renderSvg, textWidth } from '../src/report/renderSvg.js';
import { loadScenarioFile } from '../src/scenario/load.js';

// The daily volume chart's weekend dips ran through "warm-up (not measured)" at the foot of the top panel (launch-surge:
// the headroom kept for the launch label squeezes the weekday line down to the label), and its y axes stopped short of
// a label (launch-surge's inquiries axis ran to 1,508 with 1,500 as its last label).
const LAUNCH = fileURLToPath(new URL('../scenarios/launch-surge.yaml', import.meta.url));

let svg: string;
beforeAll(async () => {
  svg = await renderSvg(dailyVolume(await runStudyInProcess(loadScenarioFile(LAUNCH), { replications: 1 })));
});

/** Points along an SVG path made of M and L commands, 40 per segment. */
function pathPoints(d: string): [number, number][] {
  const corners = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((match): [number, number] => [Number(match[1]), Number(match[2])]);
  return corners.slice(1).flatMap(([x, y], i) => {
    const [x0, y0] = corners[i]!;
    return Array.from({ length: 41 }, (_, k): [number, number] => [x0 + ((x - x0) * k) / 40, y0 + ((y - y0) * k) / 40]);
  });
}

describe('the daily volume chart', () => {
  it('keeps the inquiries line out of the warm-up label', () => {
    const label = svg.match(/<g class="mark-text role-mark inquiriesWarmupLabel_marks"[^>]*><text[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*font-size="([\d.]+)px"[^>]*>([^<]+)<\/text>/);
    expect(label?.[4]).toBe('warm-up (not measured)');
    const [x, y, size] = [Number(label![1]), Number(label![2]), Number(label![3])];
    const box = { left: x, right: x + textWidth({ fontSize: size }, label![4]!), top: y - size * 0.75, bottom: y + size * 0.25 };
    // The label and the line are marks of the same panel, so they share its coordinates.
    const paths = [...svg.matchAll(/<g class="mark-line role-mark arrivals\w*_marks"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((group) => [...group[1]!.matchAll(/ d="([^"]+)"/g)].map((match) => match[1]!));
    expect(paths.length).toBeGreaterThan(0);
    const inside = paths.flatMap(pathPoints).filter(([px, py]) => px >= box.left && px <= box.right && py >= box.top && py <= box.bottom);
    expect(inside).toEqual([]);
  });

  it('ends every value axis on a labelled tick', () => {
    const axes = [...svg.matchAll(/aria-label="Y-axis titled '([^']+)' for a linear scale with values from 0 to ([\d,.]+)"/g)];
    expect(axes.length).toBe(3);
    for (const axis of axes) {
      const labels = svg.slice(axis.index).match(/role-axis-label"[^>]*>([\s\S]*?)<\/g>/)![1]!;
      const values = [...labels.matchAll(/>([^<]+)<\/text>/g)].map((match) => Number(match[1]!.replace(/,/g, '')));
      expect(Math.max(...values), axis[1]).toBe(Number(axis[2]!.replace(/,/g, '')));
    }
  });

  it('counts its axis in 1, 2, 2.5 or 5 of a power of ten, up to a tick at or above the top and not far past it, labels with the step\'s decimals', () => {
    expect(niceAxis(252).axis.values).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(niceAxis(1525).axis.values).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600]);
    expect(niceAxis(16.1).axis).toEqual({ values: [0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5], format: ',.1~f' });
    // As few as four intervals where the axis ends as near the top: 0, 5, 10, 15, 20, not every 2.5.
    expect(niceAxis(20).axis.values).toEqual([0, 5, 10, 15, 20]);
    expect(niceAxis(0).scale.domain).toEqual([0, 1]);
    for (const top of [0.3, 3.4, 7, 41, 66, 81, 248, 1525, 99_999]) {
      const { scale, axis } = niceAxis(top);
      expect(scale.domain[1]).toBeGreaterThanOrEqual(top);
      // At most a quarter of the panel above the top (81 -> 100 is the worst case of these steps).
      expect(scale.domain[1], String(top)).toBeLessThanOrEqual(top * 1.25);
      expect(axis.values.at(-1)).toBe(scale.domain[1]);
      expect(axis.values.length).toBeLessThanOrEqual(9);
    }
  });
});
