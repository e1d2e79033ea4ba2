import { LeadFlag, LeadStore } from '../engine/leadStore.js';
import { ProspectModel } from '../engine/prospect.js';
import { World } from '../engine/world.js';
import { UsageError } from '../errors.js';
import { policySetOf } from '../experiment/runReplication.js';
import { ReplicationStreams } from '../random/streams.js';
import { csvText } from '../report/csv.js';
import type { LoadedScenario } from '../scenario/load.js';
import { checkSeed } from '../scenario/withSeed.js';
import type { ScoreResult } from '../policies/types.js';
import { PiecewisePoissonArrivals } from './arrivals.js';
import { AttributeGenerator } from './attributes.js';
import { ContactWriter, ownerNames, type Contact, type LeadFacts } from './generate/contact.js';
import { HUBSPOT_LAYOUT } from './generate/hubspotLayout.js';
import { localTime, type ExportLayout } from './generate/layout.js';
import { SALESFORCE_LAYOUT } from './generate/salesforceLayout.js';
import { HistoricalLead } from './replay/historicalLead.js';
import type { Stage } from './replay/mapping.js';
import { ZoneClock } from './replay/timestamps.js';

export interface GenerateOptions {
  count: number;
  seed: number;
  /** Policy whose scoring decides who became an MQL (default: the scenario's first). */
  policy?: string;
}

/** One generated lead: the engine's view of it and the contact it is dressed as. */
export interface GeneratedLead extends LeadFacts {
  contact: Contact;
}

/** Generated leads and the epoch ms of their minute 0. */
export interface Generated {
  leads: GeneratedLead[];
  originMs: number;
}

const MAX_WEEKS = 520;

/** Leads made or formatted between yields to the event loop, so a Ctrl-C is handled within a moment. */
const CHUNK = 5_000;

/**
 * Realistic synthetic leads of a scenario: arrivals from the World's rate tables and attributes from the
 * engine's AttributeGenerator (so they are the scenario's leads), dressed by faker as contacts whose country
 * matches the time zone, company size and industry match the fit signals and title seniority follows fit.
 * Outcomes follow the scenario's funnel for each lead's hidden quality as if every lead were reached at once.
 * Every draw is seeded: the same scenario and seed give the same leads.
 */
export async function generateLeads(loaded: LoadedScenario, options: GenerateOptions): Promise<Generated> {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) throw new UsageError(`--count must be a whole number from 1 to 10,000,000 (got ${count})`);
  checkSeed(seed);
  const policyName = options.policy ?? Object.keys(loaded.scenario.policies)[0]!;
  const scoring = (await policySetOf(loaded, policyName)).scoring;
  const fitCap = loaded.scenario.policies[policyName]!.scoring.fitCap;
  const weekly = Object.values(loaded.scenario.sources).reduce((sum, source) => sum + source.weeklyVolume, 0);
  // Long enough for the count at the base volume with a margin; a shrinking trend may need the full cap.
  const weeks = Math.min(MAX_WEEKS, Math.max(loaded.scenario.horizonWeeks, Math.ceil((count / weekly) * 1.25) + 1));
  const scenario = { ...loaded.scenario, seed, horizonWeeks: weeks, warmupWeeks: 0 };
  const world = new World(scenario);
  const streams = new ReplicationStreams(seed, 0);
  const arrivals = world.sourceNames.map((name, index) => new PiecewisePoissonArrivals(world.sourceRates[index]!, 60, streams.stream('arrivals', name)));
  const sources = Object.values(scenario.sources);
  const generators = sources.map((source, index) => new AttributeGenerator(source, index, world.sourceZones[index]!.indexes, world.sourceZones[index]!.weights, scenario.prospect.quality));
  const attributeStream = streams.stream('attributes');
  const outcomeStream = streams.stream('prospects', 'generate');
  const prospect = new ProspectModel(scenario.prospect);
  const sdrs = Object.values(scenario.team).filter((pod) => pod.role === 'sdr').reduce((sum, pod) => sum + pod.count, 0);
  const writer = new ContactWriter(seed, world.originMs, ownerNames(sdrs, seed));
  const store = new LeadStore(1);
  const score: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
  const next = arrivals.map((stream) => stream.next());
  const leads: GeneratedLead[] = [];
  while (leads.length < count) {
    if (leads.length % CHUNK === 0) await new Promise(setImmediate);
    let source = 0;
    for (let s = 1; s < next.length; s++) if (next[s]! < next[source]!) source = s;
    const minutes = next[source]!;
    if (!Number.isFinite(minutes)) {
      throw new UsageError(`the scenario's sources bring only ${leads.length} leads in ${MAX_WEEKS} weeks (${weekly.toFixed(1)} a week at the start); ask for fewer with --count`);
    }
    next[source] = arrivals[source]!.next();
    const slot = store.allocate();
    generators[source]!.draw(store, slot, attributeStream);
    const ordinal = leads.length;
    const flags = store.flags[slot]!;
    const lead = {
      minutes,
      source: world.sourceNames[source]!,
      form: store.form[slot]!,
      signals: store.signals[slot]!,
      acv: store.acv[slot]!,
      daysInactive: store.daysInactive[slot]!,
      timeZone: world.zones[store.timeZone[slot]!]!,
      namedAccount: (flags & LeadFlag.NamedAccount) !== 0,
      activeOutbound: (flags & LeadFlag.ActiveOutbound) !== 0,
      quality: store.quality[slot]!,
    };
    store.release(slot);
    scoring.score(new HistoricalLead(ordinal, lead.source, lead.form, lead.signals, lead.daysInactive, lead.acv, lead.namedAccount, lead.timeZone, minutes), true, score);
    // Every lead's outcome is what it would have done if worked at once, so the history also shows what the
    // policy filtered out (a backtest can then price a threshold); a rejected non-MQL stays a plain lead.
    const reached = funnelStage(prospect, lead.quality, outcomeStream.next(), outcomeStream.next(), outcomeStream.next(), outcomeStream.next());
    const stage = !score.mql && reached === 'mql' ? 'lead' : reached;
    const facts = { ...lead, mql: score.mql, stage };
    leads.push({ ...facts, contact: writer.contact(facts, ordinal, Math.max(0, Math.min(1, score.fit / fitCap))) });
  }
  return { leads, originMs: world.originMs };
}

/** How far a lead reached at once gets: SAL, SQL, opportunity and won drawn from the scenario's funnel. */
function funnelStage(prospect: ProspectModel, quality: number, u1: number, u2: number, u3: number, u4: number): Stage {
  if (u1 >= prospect.acceptProbability(quality)) return 'mql';
  if (u2 >= prospect.sqlProbability(quality, 0, false)) return 'sal';
  if (u3 >= prospect.opportunityProbability(quality)) return 'sql';
  return u4 < prospect.wonProbability(quality) ? 'won' : 'opportunity';
}

/** Export layouts generate can write. */
export const LAYOUTS = { hubspot: HUBSPOT_LAYOUT, salesforce: SALESFORCE_LAYOUT } as const;
export type LayoutName = keyof typeof LAYOUTS;

/** The export rows of generated leads in a layout. */
export function exportRows(leads: readonly GeneratedLead[], layout: ExportLayout, originMs: number): Record<string, string | number>[] {
  const clock = new ZoneClock(layout.zone);
  return leads.map((lead) => layout.row(lead, lead.contact, localTime(clock, originMs + lead.minutes * 60_000)));
}

/** CSV with the layout's header; text cells are escaped against spreadsheet formula injection. */
export function generatedCsv(generated: Generated, layoutName: LayoutName = 'hubspot'): string {
  const layout = LAYOUTS[layoutName];
  const rows = exportRows(generated.leads, layout, generated.originMs);
  return csvText(layout.columns, rows.map((row) => layout.columns.map((column) => row[column])));
}

/** The file generate writes (generatedCsv or generatedJsonl), formatted in chunks that yield to the event loop. */
export async function generatedText(generated: Generated, format: 'csv' | 'jsonl', layoutName: LayoutName): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < generated.leads.length; start += CHUNK) {
    await new Promise(setImmediate);
    const part = { leads: generated.leads.slice(start, start + CHUNK), originMs: generated.originMs };
    const text = format === 'jsonl' ? generatedJsonl(part, layoutName) : generatedCsv(part, layoutName);
    // Each CSV chunk starts with the header, one line of fixed column names: only the first keeps it.
    parts.push(format === 'jsonl' || start === 0 ? text : text.slice(text.indexOf('\n') + 1));
  }
  return parts.join('');
}

/** One JSON object per line, keyed by the layout's column names. */
export function generatedJsonl(generated: Generated, layoutName: LayoutName = 'hubspot'): string {
  return exportRows(generated.leads, LAYOUTS[layoutName], generated.originMs).map((row) => JSON.stringify(row)).join('\n') + '\n';
}
