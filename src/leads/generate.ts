import { LeadFlag, LeadStore } from '../engine/leadStore.js';
import { ProspectModel } from '../engine/prospect.js';
import { World } from '../engine/world.js';
import { UsageError } from '../errors.js';
import { policySetOf } from '../experiment/runReplication.js';
import { mix32 } from '../random/counter.js';
import { ReplicationStreams } from '../random/streams.js';
import { csvText } from '../report/csv.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { ScoreResult } from '../policies/types.js';
import { PiecewisePoissonArrivals } from './arrivals.js';
import { AttributeGenerator } from './attributes.js';
import { FORM_TYPES, signalBit, type Signal } from './fields.js';
import { firmographics } from './generate/firmographics.js';
import { FORM_NAMES, HUBSPOT_COLUMNS, HUBSPOT_PORTAL_ZONE, HUBSPOT_SOURCES, LIFECYCLE, type HubspotColumn } from './generate/hubspotLayout.js';
import { person } from './generate/person.js';
import { fakerFor, placeOf } from './generate/zones.js';
import { HistoricalLead } from './replay/historicalLead.js';
import type { Stage } from './replay/mapping.js';
import { stringHash, ZoneClock } from './replay/timestamps.js';

export interface GenerateOptions {
  count: number;
  seed: number;
  /** Policy whose scoring decides who became an MQL (default: the scenario's first). */
  policy?: string;
}

/** One generated lead: the engine's view of it and the export row written for it. */
export interface GeneratedLead {
  /** Minutes since the scenario start. */
  minutes: number;
  source: string;
  form: number;
  signals: number;
  acv: number;
  daysInactive: number;
  timeZone: string;
  namedAccount: boolean;
  activeOutbound: boolean;
  quality: number;
  mql: boolean;
  stage: Stage;
  row: Record<HubspotColumn, string | number>;
}

/** Scenario source name -> HubSpot "Original Source" value; names without one are written as they are. */
const SOURCE_VALUES = new Map(Object.entries(HUBSPOT_SOURCES).map(([value, name]) => [name, value]));
const MAX_WEEKS = 520;

/**
 * Realistic synthetic leads of a scenario: arrivals from the World's rate tables and attributes from the
 * engine's AttributeGenerator (so they are the scenario's leads), dressed by faker as contacts whose country
 * matches the time zone, company size and industry match the fit signals and title seniority follows fit.
 * Outcomes follow the scenario's funnel for each lead's hidden quality as if every MQL were reached at once.
 * Every draw is seeded: the same scenario and seed give the same leads.
 */
export async function generateLeads(loaded: LoadedScenario, options: GenerateOptions): Promise<GeneratedLead[]> {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) throw new UsageError(`--count must be a whole number from 1 to 10,000,000 (got ${count})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4_294_967_295) throw new UsageError(`--seed must be a whole number from 0 to 4294967295 (got ${seed})`);
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
  const owners = ownerNames(scenario, seed);
  const writer = new RowWriter(seed, world.originMs, owners);
  const store = new LeadStore(1);
  const score: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
  const next = arrivals.map((stream) => stream.next());
  const leads: GeneratedLead[] = [];
  while (leads.length < count) {
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
    const stage = score.mql ? funnelStage(prospect, lead.quality, outcomeStream.next(), outcomeStream.next(), outcomeStream.next(), outcomeStream.next()) : 'lead';
    const row = writer.row({ ...lead, mql: score.mql, stage }, ordinal, Math.max(0, Math.min(1, score.fit / fitCap)));
    leads.push({ ...lead, mql: score.mql, stage, row });
  }
  return leads;
}

/** How far an MQL got, reached at once: SAL, SQL, opportunity and won drawn from the scenario's funnel. */
function funnelStage(prospect: ProspectModel, quality: number, u1: number, u2: number, u3: number, u4: number): Stage {
  if (u1 >= prospect.acceptProbability(quality)) return 'mql';
  if (u2 >= prospect.sqlProbability(quality, 0, false)) return 'sal';
  if (u3 >= prospect.opportunityProbability(quality)) return 'sql';
  return u4 < prospect.wonProbability(quality) ? 'won' : 'opportunity';
}

function ownerNames(scenario: LoadedScenario['scenario'], seed: number): string[] {
  const sdrs = Object.values(scenario.team).filter((pod) => pod.role === 'sdr').reduce((sum, pod) => sum + pod.count, 0);
  const faker = fakerFor(placeOf('America/New_York'));
  faker.seed(mix32(seed ^ stringHash('owners')));
  return Array.from({ length: Math.max(1, sdrs) }, () => faker.person.fullName());
}

const has = (signals: number, signal: Signal): boolean => (signals & signalBit(signal)) !== 0;
const yes = (value: boolean): string => (value ? 'true' : 'false');

/**
 * Writes HubSpot-style rows. Each locale's faker is seeded once, on first use, from the run seed: leads are
 * written in a fixed order, so the same seed gives the same file (re-seeding per lead would cost more than the rest).
 */
class RowWriter {
  private readonly seeded = new Set<string>();
  private readonly clock = new ZoneClock(HUBSPOT_PORTAL_ZONE);

  constructor(
    private readonly seed: number,
    private readonly originMs: number,
    private readonly owners: readonly string[],
  ) {}

  /** The row of one lead; every value the mapping reads agrees with the lead's attributes. */
  row(lead: Omit<GeneratedLead, 'row'>, ordinal: number, fitShare: number): Record<HubspotColumn, string | number> {
    const place = placeOf(lead.timeZone);
    const faker = fakerFor(place);
    if (!this.seeded.has(place.locale)) {
      faker.seed(mix32((this.seed ^ stringHash(place.locale)) >>> 0));
      this.seeded.add(place.locale);
    }
    const contact = person(faker, fitShare, place.domain, ordinal);
    const company = firmographics(faker, { employeeBand: has(lead.signals, 'employeeBand'), revenueBand: has(lead.signals, 'revenueBand'), industry: has(lead.signals, 'industry'), techStack: has(lead.signals, 'techStack') });
    const region = faker.helpers.arrayElement(has(lead.signals, 'geo') ? place.territory : place.outside);
    const form = FORM_TYPES[lead.form]!;
    const stage = LIFECYCLE[lead.stage];
    return {
      'Record ID': 1_000_001 + ordinal,
      'First Name': contact.firstName,
      'Last Name': contact.lastName,
      Email: contact.email,
      'Phone Number': contact.phone,
      'Job Title': contact.title,
      'Company Name': contact.company,
      'Website URL': contact.website,
      Industry: company.industry,
      'Number of Employees': company.employees,
      'Annual Revenue': company.revenue,
      Technologies: company.technologies,
      'Country/Region': place.country,
      'State/Region': region,
      'Time Zone': lead.timeZone,
      'Create Date': this.localTime(this.originMs + lead.minutes * 60_000),
      'Original Source': SOURCE_VALUES.get(lead.source) ?? lead.source,
      'Recent Conversion': faker.helpers.arrayElement(FORM_NAMES[form]),
      'Viewed Pricing Page': yes(has(lead.signals, 'pricingView')),
      'Demo Requested': yes(has(lead.signals, 'demoRequest')),
      'Number of Sessions': has(lead.signals, 'secondSession') ? faker.number.int({ min: 2, max: 12 }) : 1,
      'Downloaded High-Intent Content': yes(has(lead.signals, 'highIntentContent')),
      'Attended Webinar': yes(has(lead.signals, 'webinar')),
      'Product Qualified': yes(has(lead.signals, 'productSignal')),
      'Unsubscribed from all email': yes(has(lead.signals, 'unsubscribe')),
      // Truncated (not rounded) so a lead never crosses a 30-day decay step or an ACV threshold on the way out.
      'Days Since Last Engagement': Math.floor(lead.daysInactive * 100) / 100,
      'Annual Contract Value': Math.floor(lead.acv),
      'Target Account': yes(lead.namedAccount),
      'Currently in Sequence': yes(lead.activeOutbound),
      'Contact owner': lead.mql ? this.owners[ordinal % this.owners.length]! : '',
      'Lifecycle Stage': stage.lifecycle,
      'Lead Status': faker.helpers.arrayElement(stage.status),
    };
  }

  /** "yyyy-MM-dd HH:mm" in the portal's zone (HUBSPOT_DATE_FORMAT), without luxon's per-call formatting cost. */
  private localTime(epochMs: number): string {
    const local = new Date(epochMs + this.clock.offset(epochMs) * 60_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
  }
}

export function generatedCsv(leads: readonly GeneratedLead[]): string {
  return csvText(HUBSPOT_COLUMNS, leads.map((lead) => HUBSPOT_COLUMNS.map((column) => lead.row[column])));
}

/** One JSON object per line with the CSV's columns as keys. */
export function generatedJsonl(leads: readonly GeneratedLead[]): string {
  return leads.map((lead) => JSON.stringify(lead.row)).join('\n') + '\n';
}
