import type { Faker } from '@faker-js/faker';
import { mix32 } from '../../random/counter.js';
import { signalBit, type Signal } from '../fields.js';
import type { Stage } from '../replay/mapping.js';
import { stringHash } from '../replay/timestamps.js';
import { firmographics, type Firmographics } from './firmographics.js';
import { person, type Person } from './person.js';
import { fakerFor, placeOf, type Place } from './zones.js';

/** The engine's view of one generated lead. */
export interface LeadFacts {
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
}

/** Everything an export row says about a lead, independent of the CRM's column layout. */
export interface Contact extends Person, Firmographics {
  ordinal: number;
  country: string;
  region: string;
  /** Epoch ms of the form submission. */
  createdMs: number;
  sessions: number;
  owner: string;
  /** A uniform draw the layouts use for cosmetic choices (which form name, which lead status). */
  variant: number;
}

export const has = (signals: number, signal: Signal): boolean => (signals & signalBit(signal)) !== 0;

/**
 * Dresses leads as contacts. Each locale's faker is seeded once, on first use, from the run seed: leads are
 * dressed in a fixed order, so the same seed gives the same contacts (re-seeding per lead costs more than the rest).
 */
export class ContactWriter {
  private readonly seeded = new Set<string>();

  constructor(
    private readonly seed: number,
    private readonly originMs: number,
    private readonly owners: readonly string[],
  ) {}

  /** `fitShare` = fit points / fit cap, for title seniority. */
  contact(lead: LeadFacts, ordinal: number, fitShare: number): Contact {
    const place = placeOf(lead.timeZone);
    const faker = this.fakerOf(place);
    const who = person(faker, fitShare, place.domain, ordinal);
    const company = firmographics(faker, { employeeBand: has(lead.signals, 'employeeBand'), revenueBand: has(lead.signals, 'revenueBand'), industry: has(lead.signals, 'industry'), techStack: has(lead.signals, 'techStack') });
    return {
      ...who,
      ...company,
      ordinal,
      country: place.country,
      region: faker.helpers.arrayElement(has(lead.signals, 'geo') ? place.territory : place.outside),
      createdMs: this.originMs + lead.minutes * 60_000,
      sessions: has(lead.signals, 'secondSession') ? faker.number.int({ min: 2, max: 12 }) : 1,
      owner: lead.mql ? this.owners[ordinal % this.owners.length]! : '',
      variant: faker.number.float(),
    };
  }

  private fakerOf(place: Place): Faker {
    const faker = fakerFor(place);
    if (!this.seeded.has(place.locale)) {
      faker.seed(mix32((this.seed ^ stringHash(place.locale)) >>> 0));
      this.seeded.add(place.locale);
    }
    return faker;
  }
}

/** SDR names for the owner column: one per SDR in the scenario's team. */
export function ownerNames(sdrs: number, seed: number): string[] {
  const faker = fakerFor(placeOf('America/New_York'));
  faker.seed(mix32((seed ^ stringHash('owners')) >>> 0));
  return Array.from({ length: Math.max(1, sdrs) }, () => faker.person.fullName());
}

/** Pick from a list with a uniform draw. */
export const pick = <T>(items: readonly T[], u: number): T => items[Math.min(items.length - 1, Math.floor(u * items.length))]!;
