import { allFakers, type Faker } from '@faker-js/faker';

/** Where a prospect in one time zone lives: the country, regions inside and outside the sales territory, a locale. */
export interface Place {
  country: string;
  /** Regions that count as the ICP geography (the geo fit signal). */
  territory: readonly string[];
  /** Regions in the same zone outside the territory. */
  outside: readonly string[];
  /** faker locale for names, companies and phone numbers. */
  locale: keyof typeof allFakers;
  /** Top-level domain of company websites. */
  domain: string;
}

/** Zones the bundled scenarios and most CRM exports use; each keeps country and region consistent with the zone. */
export const PLACES: Record<string, Place> = {
  'America/New_York': { country: 'United States', territory: ['New York', 'Massachusetts', 'New Jersey', 'Pennsylvania', 'Georgia', 'Florida'], outside: ['Maine', 'Vermont', 'West Virginia', 'South Carolina'], locale: 'en_US', domain: 'com' },
  'America/Chicago': { country: 'United States', territory: ['Illinois', 'Texas', 'Minnesota'], outside: ['Iowa', 'Arkansas', 'Mississippi', 'Oklahoma'], locale: 'en_US', domain: 'com' },
  'America/Denver': { country: 'United States', territory: ['Colorado', 'Utah'], outside: ['New Mexico', 'Wyoming', 'Montana'], locale: 'en_US', domain: 'com' },
  'America/Los_Angeles': { country: 'United States', territory: ['California', 'Washington'], outside: ['Oregon', 'Nevada'], locale: 'en_US', domain: 'com' },
  'America/Toronto': { country: 'Canada', territory: ['Ontario'], outside: ['Quebec'], locale: 'en_CA', domain: 'ca' },
  'America/Vancouver': { country: 'Canada', territory: ['British Columbia'], outside: ['Yukon'], locale: 'en_CA', domain: 'ca' },
  'America/Mexico_City': { country: 'Mexico', territory: ['Ciudad de México', 'Jalisco'], outside: ['Oaxaca', 'Chiapas'], locale: 'es_MX', domain: 'com.mx' },
  'America/Sao_Paulo': { country: 'Brazil', territory: ['São Paulo', 'Rio de Janeiro', 'Minas Gerais'], outside: ['Paraná', 'Santa Catarina', 'Goiás'], locale: 'pt_BR', domain: 'com.br' },
  'Europe/London': { country: 'United Kingdom', territory: ['England'], outside: ['Scotland', 'Wales', 'Northern Ireland'], locale: 'en_GB', domain: 'co.uk' },
  'Europe/Dublin': { country: 'Ireland', territory: ['Dublin'], outside: ['Cork', 'Galway'], locale: 'en_IE', domain: 'ie' },
  'Europe/Berlin': { country: 'Germany', territory: ['Berlin', 'Bayern', 'Hamburg', 'Hessen'], outside: ['Sachsen', 'Thüringen', 'Mecklenburg-Vorpommern'], locale: 'de', domain: 'de' },
  'Europe/Paris': { country: 'France', territory: ['Île-de-France', 'Auvergne-Rhône-Alpes'], outside: ['Bretagne', 'Normandie'], locale: 'fr', domain: 'fr' },
  'Europe/Amsterdam': { country: 'Netherlands', territory: ['Noord-Holland', 'Zuid-Holland', 'Utrecht'], outside: ['Friesland', 'Zeeland'], locale: 'nl', domain: 'nl' },
  'Europe/Madrid': { country: 'Spain', territory: ['Madrid', 'Cataluña'], outside: ['Extremadura', 'Castilla-La Mancha'], locale: 'es', domain: 'es' },
  'Europe/Stockholm': { country: 'Sweden', territory: ['Stockholm', 'Västra Götaland'], outside: ['Norrbotten', 'Jämtland'], locale: 'sv', domain: 'se' },
  'Africa/Johannesburg': { country: 'South Africa', territory: ['Gauteng', 'Western Cape'], outside: ['Limpopo', 'Free State'], locale: 'en_ZA', domain: 'co.za' },
  'Asia/Kolkata': { country: 'India', territory: ['Karnataka', 'Maharashtra', 'Delhi'], outside: ['Bihar', 'Odisha'], locale: 'en_IN', domain: 'in' },
  'Asia/Singapore': { country: 'Singapore', territory: ['Central Region'], outside: ['North Region', 'West Region'], locale: 'en', domain: 'com.sg' },
  'Asia/Tokyo': { country: 'Japan', territory: ['Tokyo', 'Osaka', 'Kanagawa'], outside: ['Hokkaido', 'Okinawa'], locale: 'ja', domain: 'co.jp' },
  'Australia/Sydney': { country: 'Australia', territory: ['New South Wales'], outside: ['Australian Capital Territory'], locale: 'en_AU', domain: 'com.au' },
  'Australia/Melbourne': { country: 'Australia', territory: ['Victoria'], outside: ['Tasmania'], locale: 'en_AU', domain: 'com.au' },
  // UTC is not a place: Iceland keeps UTC all year, so a "UTC" prospect is given an Icelandic address.
  UTC: { country: 'Iceland', territory: ['Capital Region'], outside: ['Westfjords'], locale: 'en', domain: 'is' },
};

/** A zone without a table entry: no country is claimed, and the territory is named generically. */
export const UNKNOWN_PLACE: Place = { country: '', territory: ['Primary territory'], outside: ['Outside territory'], locale: 'en', domain: 'com' };

export const placeOf = (zone: string): Place => PLACES[zone] ?? UNKNOWN_PLACE;

/** Every region that counts as ICP geography (the HubSpot mapping's geo rule lists exactly these). */
export const TERRITORY_REGIONS: string[] = [...new Set([...Object.values(PLACES), UNKNOWN_PLACE].flatMap((place) => place.territory))];

export function fakerFor(place: Place): Faker {
  return allFakers[place.locale];
}
