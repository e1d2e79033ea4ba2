import type { Faker } from '@faker-js/faker';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  company: string;
  website: string;
}

const DEPARTMENTS = ['Marketing', 'Sales', 'Revenue Operations', 'Sales Development', 'Growth', 'Customer Success', 'IT', 'Finance'] as const;
/** Title patterns by seniority: better-fit accounts send more senior buyers. */
const SENIOR = ['VP of {d}', 'Head of {d}', 'Chief Revenue Officer', '{d} Director', 'Senior Director of {d}'] as const;
const MIDDLE = ['{d} Manager', 'Senior {d} Manager', '{d} Director', '{d} Lead'] as const;
const JUNIOR = ['{d} Specialist', '{d} Coordinator', '{d} Associate', '{d} Analyst', 'Student', 'Intern'] as const;

/** Plain ASCII for email addresses and domains ("José Müller" -> "jose.muller"). */
export function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * A contact whose name, phone and company come from the locale of the prospect's country and whose title
 * seniority follows fit (fitShare = fit points / fit cap): senior titles for strong-fit leads, junior ones and
 * students for weak fit.
 */
export function person(faker: Faker, fitShare: number, domainSuffix: string, ordinal: number): Person {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const company = faker.company.name();
  const companySlug = ascii(company).slice(0, 24) || `company${ordinal}`;
  const website = `www.${companySlug}.${domainSuffix}`;
  const local = [ascii(firstName), ascii(lastName)].filter((part) => part !== '').join('.') || `contact${ordinal}`;
  const patterns = fitShare >= 0.7 ? SENIOR : fitShare >= 0.3 ? MIDDLE : JUNIOR;
  const title = faker.helpers.arrayElement(patterns).replace('{d}', faker.helpers.arrayElement(DEPARTMENTS));
  return { firstName, lastName, email: `${local}@${companySlug}.${domainSuffix}`, phone: faker.phone.number(), title, company, website };
}
