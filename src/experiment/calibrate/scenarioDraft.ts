import { Alias, Document, isMap, isScalar, type Scalar } from 'yaml';
import type { ScenarioInput } from '../../scenario/schema/scenario.js';
import type { ArrivalFit } from './arrivals.js';
import type { SourceMix } from './mixes.js';

export interface DraftInput {
  name: string;
  description: string;
  arrivals: ArrivalFit;
  mixes: Map<string, SourceMix>;
  team: { sdr: number; ae: number };
  /** Every exported lead was already an MQL: the draft policy hands every lead to sales. */
  allMql: boolean;
  /** Funnel base probabilities after tuning (absent: the engine's defaults). */
  funnel?: Record<string, { base: number }>;
  /** Fitted qualityShift per source (sources not named are written without one). */
  qualityShifts?: ReadonlyMap<string, number>;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The calibrated scenario as a plain object: fitted arrivals and mixes, assumed team and policy. */
export function draftScenario(input: DraftInput): ScenarioInput {
  const { arrivals } = input;
  const hourOfWeek = arrivals.hourOfWeek.map((weight) => round(weight, 4));
  const sources = Object.fromEntries(
    arrivals.sources.map((source) => [
      source.name,
      {
        weeklyVolume: round(source.weeklyVolume, 4),
        profile: 'custom' as const,
        hourOfWeek,
        trendPerWeek: round(source.trendPerWeek, 6),
        ...input.mixes.get(source.name),
        ...(input.qualityShifts?.has(source.name) ? { qualityShift: input.qualityShifts.get(source.name)! } : {}),
      },
    ]),
  );
  return {
    name: input.name,
    description: input.description,
    start: arrivals.start,
    timeZone: arrivals.timeZone,
    horizonWeeks: arrivals.horizonMinutes / 10_080,
    warmupWeeks: 0,
    seed: 1,
    replications: 10,
    sources,
    team: { sdr: { count: input.team.sdr }, ae: { count: input.team.ae } },
    prospect: input.funnel === undefined ? {} : { funnel: input.funnel },
    policies: {
      current: input.allMql
        ? { description: 'Every exported lead was already an MQL, so this policy hands every lead to sales (threshold 0)', scoring: { threshold: 0, minIntent: 0 } }
        : { description: 'The seed rubric: MQL at 65 combined points with 25+ from intent' },
    },
  };
}

const SHAPE_PLACEHOLDER = '__hour_of_week__';

/**
 * YAML text of the draft: the header comment carries the fitted figures and the assumptions, each fitted
 * qualityShift carries what it was fitted against (`shiftNotes`, by source name); the shared
 * hour-of-week list is written once, one line per day, and aliased by every source; small maps stay on one line.
 */
export function draftYaml(scenario: ScenarioInput, header: string, shiftNotes: ReadonlyMap<string, string> = new Map()): string {
  const shape = Object.values(scenario.sources)[0]?.hourOfWeek;
  const doc = new Document(scenario);
  doc.commentBefore = header;
  const sources = doc.get('sources', true);
  if (isMap(sources) && shape !== undefined) {
    let anchor: Scalar | null = null;
    for (const pair of sources.items) {
      const source = pair.value;
      if (!isMap(source)) continue;
      const shift = source.get('qualityShift', true);
      const note = isScalar(pair.key) ? shiftNotes.get(String(pair.key.value)) : undefined;
      // Said where it is written: a reader editing the shift sees what it was fitted against.
      if (isScalar(shift) && note !== undefined) shift.comment = ` ${note}`;
      if (anchor === null) {
        anchor = doc.createNode(SHAPE_PLACEHOLDER);
        anchor.anchor = 'hour-of-week';
        source.set('hourOfWeek', anchor);
      } else source.set('hourOfWeek', new Alias(anchor.anchor!));
      for (const key of ['forms', 'fit', 'intent', 'acv', 'daysInactive', 'prospectTimeZones']) {
        const node = source.get(key, true);
        if (isMap(node)) node.flow = true;
      }
    }
  }
  const text = doc.toString({ lineWidth: 0 });
  if (shape === undefined) return text;
  // One line of 24 hourly weights per local day, Monday first, so the shape can be read and edited by day.
  const rows = Array.from({ length: 7 }, (_, d) => `      ${shape.slice(d * 24, d * 24 + 24).join(', ')}${d < 6 ? ',' : ''}`);
  return text.replace(SHAPE_PLACEHOLDER, `[\n${rows.join('\n')}\n    ]`);
}
