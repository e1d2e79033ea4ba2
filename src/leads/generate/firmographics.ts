import type { Faker } from '@faker-js/faker';
import { EMPLOYEE_BAND, ICP_INDUSTRIES, ICP_TECHNOLOGIES, OTHER_INDUSTRIES, OTHER_TECHNOLOGIES, REVENUE_BAND } from './hubspotLayout.js';

export interface Firmographics {
  employees: number;
  revenue: number;
  industry: string;
  technologies: string;
}

/** Log-uniform whole number in [min, max). */
const logUniform = (faker: Faker, min: number, max: number): number => Math.min(max - 1, Math.floor(Math.exp(Math.log(min) + faker.number.float() * (Math.log(max) - Math.log(min)))));

/**
 * Company facts that agree with the lead's fit bits: employees inside the ICP band exactly when the employee
 * signal is set, revenue inside its band exactly when the revenue signal is set (and otherwise near what the
 * headcount suggests), an ICP industry and an ICP technology exactly when those signals are set.
 */
export function firmographics(faker: Faker, bits: { employeeBand: boolean; revenueBand: boolean; industry: boolean; techStack: boolean }): Firmographics {
  // Outside the band, a company with in-band revenue stays near the band's edges rather than at 3 or 90,000 people.
  const small = bits.revenueBand ? 50 : 2;
  const large = bits.revenueBand ? 5000 : 100_000;
  const employees = bits.employeeBand
    ? logUniform(faker, EMPLOYEE_BAND.min, EMPLOYEE_BAND.max)
    : faker.number.float() < 0.7
      ? logUniform(faker, small, EMPLOYEE_BAND.min)
      : logUniform(faker, EMPLOYEE_BAND.max, large);
  // Revenue in whole $K: $80K-$300K per employee, then moved into or out of the band as the signal requires.
  const [bandMin, bandMax] = [REVENUE_BAND.min / 1000, REVENUE_BAND.max / 1000];
  let thousands = Math.round(employees * (80 + faker.number.float() * 220));
  const inBand = (value: number) => value >= bandMin && value < bandMax;
  if (bits.revenueBand && !inBand(thousands)) thousands = logUniform(faker, bandMin, bandMax);
  // Out of band on the nearer side, so revenue per head stays plausible.
  if (!bits.revenueBand && inBand(thousands)) thousands = thousands < Math.sqrt(bandMin * bandMax) ? logUniform(faker, Math.floor(bandMin / 3), bandMin) : logUniform(faker, bandMax, bandMax * 3);
  const industry = faker.helpers.arrayElement(bits.industry ? ICP_INDUSTRIES : OTHER_INDUSTRIES);
  const others = faker.helpers.arrayElements(OTHER_TECHNOLOGIES, { min: 1, max: 3 });
  const tools = bits.techStack ? [faker.helpers.arrayElement(ICP_TECHNOLOGIES), ...others] : others;
  return { employees, revenue: thousands * 1000, industry, technologies: faker.helpers.shuffle(tools).join('; ') };
}
