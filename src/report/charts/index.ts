import type { Study } from '../../experiment/simulate.js';
import type { VegaLiteSpec } from './common.js';
import { dailyVolume, surgeWindows } from './dailyVolume.js';
import { funnelWaterfall } from './funnelWaterfall.js';
import { metricComparison } from './metricComparison.js';
import { pipelineByChannel } from './pipelineByChannel.js';
import { slaByTier } from './slaByTier.js';
import { speedToLead } from './speedToLead.js';

export type { VegaLiteSpec } from './common.js';

export interface ReportChart {
  /** File stem and HTML anchor. */
  name: string;
  /** Section heading in the HTML report. */
  title: string;
  /** One sentence on how to read the chart. */
  caption: (study: Study) => string;
  spec: (study: Study) => VegaLiteSpec;
}

/** The report's charts in reading order. */
export const REPORT_CHARTS: readonly ReportChart[] = [
  {
    name: 'metricComparison',
    title: 'Headline results',
    caption: (study) =>
      `Read across each row: a dot further right is better, ${study.summary.replications === 1 ? 'with no interval from one replication' : 'the line through it is the 95% confidence interval'}, and the green and red shading marks the methodology\u2019s good and red-flag zones.`,
    spec: metricComparison,
  },
  {
    name: 'speedToLead',
    title: 'Speed to lead',
    caption: () =>
      'Go up from a time on the bottom axis (say the 5 min line) to read the share of MQLs each policy had touched by then; the height where a line flattens is the share ever touched.',
    spec: speedToLead,
  },
  {
    name: 'slaByTier',
    title: 'SLA compliance by tier',
    caption: () =>
      'Each bar is the share of a tier\u2019s MQLs touched within that tier\u2019s own target: right of the green dashed line (85%) is good, left of the red one (70%) is a red flag.',
    spec: slaByTier,
  },
  {
    name: 'dailyVolume',
    title: 'Daily volume and backlog',
    caption: (study) =>
      `Read the panels top to bottom for the same dates: inquiries arriving, how many became MQLs, and how many leads were waiting for a first touch${surgeWindows(study).length > 0 ? '; orange bands are the scenario\u2019s surge windows' : ''} and the grey band is the warm-up, left out of every statistic.`,
    spec: dailyVolume,
  },
  {
    name: 'funnelWaterfall',
    title: 'Funnel',
    caption: () =>
      'The bars show how many leads reach each stage; the dots show each step\u2019s conversion against the benchmark\u2019s typical range (grey band), so a step that sits outside its band is where the handoff leaks.',
    spec: funnelWaterfall,
  },
  {
    name: 'pipelineByChannel',
    title: 'Pipeline by channel',
    caption: () =>
      'Each panel splits the same pipeline a different way; compare bars within a panel to see which channel, form or sales motion a policy gains or loses pipeline in.',
    spec: pipelineByChannel,
  },
];
