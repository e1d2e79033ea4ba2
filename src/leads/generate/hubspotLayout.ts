import { FORM_TYPES, type FormType } from '../fields.js';
import type { Stage } from '../replay/mapping.js';
import { has, pick, type Contact, type LeadFacts } from './contact.js';
import type { ExportLayout, LocalTime } from './layout.js';

/**
 * The HubSpot-style contacts export `generate` writes and mappings/hubspot-contacts.yaml reads: the same
 * column names and vocabularies, so a generated file replays without edits (a test holds the two together).
 */
export const HUBSPOT_COLUMNS = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Job Title',
  'Company Name',
  'Website URL',
  'Industry',
  'Number of Employees',
  'Annual Revenue',
  'Technologies',
  'Country/Region',
  'State/Region',
  'Time Zone',
  'Create Date',
  'Original Source',
  'Recent Conversion',
  'Viewed Pricing Page',
  'Demo Requested',
  'Number of Sessions',
  'Downloaded High-Intent Content',
  'Attended Webinar',
  'Product Qualified',
  'Unsubscribed from all email',
  'Days Since Last Engagement',
  'Annual Contract Value',
  'Target Account',
  'Currently in Sequence',
  'Contact owner',
  'Lifecycle Stage',
  'Lead Status',
] as const;
export type HubspotColumn = (typeof HUBSPOT_COLUMNS)[number];

/** HubSpot portals export dates in the portal's zone without an offset; generated files use this one. */
export const HUBSPOT_PORTAL_ZONE = 'America/New_York';

/** HubSpot "Original Source" values and the scenario source names they map to (bundled scenario names). */
export const HUBSPOT_SOURCES: Record<string, string> = {
  ORGANIC_SEARCH: 'organic',
  PAID_SEARCH: 'paid-search',
  PAID_SOCIAL: 'paid-social',
  SOCIAL_MEDIA: 'social',
  EMAIL_MARKETING: 'email-nurture',
  OFFLINE: 'events',
  OTHER_CAMPAIGNS: 'content-syndication',
  REFERRALS: 'referrals',
  DIRECT_TRAFFIC: 'direct',
};

/** "Recent Conversion" form names per form; each carries only its own form's keyword. */
export const FORM_NAMES: Record<FormType, readonly string[]> = {
  demo: ['Request a Demo', 'Book a Demo: Website'],
  pricing: ['Pricing Page: Talk to Sales', 'Get a Quote'],
  trial: ['Free Trial Signup', 'Start Free Trial'],
  product: ['Product Usage Alert: Workspace Created', 'Product Usage Alert: Second Seat Invited'],
  webinar: ['Webinar Registration: Pipeline Math 101', 'Webinar Registration: Speed to Lead'],
  contact: ['Contact Us', 'Contact Sales: General'],
  content: ['Ebook: The Lead Handoff Playbook', 'Guide: Speed-to-Lead Benchmarks', 'Whitepaper: Revenue Waterfall', 'Checklist: MQL Definitions'],
};

/** Keywords the mapping matches in "Recent Conversion", in the order it tries them. */
export const FORM_KEYWORDS: Record<FormType, readonly string[]> = {
  demo: ['demo'],
  pricing: ['pricing', 'quote'],
  trial: ['trial'],
  product: ['product usage'],
  webinar: ['webinar'],
  contact: ['contact'],
  content: ['ebook', 'guide', 'whitepaper', 'checklist', 'report', 'template'],
};

/** Fit bands the mapping reads: employees and revenue in [min, max), industries and technologies that fit the ICP. */
export const EMPLOYEE_BAND = { min: 200, max: 2000 } as const;
export const REVENUE_BAND = { min: 10_000_000, max: 500_000_000 } as const;
export const ICP_INDUSTRIES = ['Computer Software', 'Information Technology and Services', 'Internet', 'Financial Services', 'Marketing and Advertising'] as const;
export const OTHER_INDUSTRIES = ['Retail', 'Hospital & Health Care', 'Construction', 'Education Management', 'Restaurants', 'Nonprofit Organization Management', 'Farming', 'Government Administration'] as const;
export const ICP_TECHNOLOGIES = ['Salesforce', 'HubSpot', 'Marketo', 'Outreach', 'Snowflake'] as const;
export const OTHER_TECHNOLOGIES = ['WordPress', 'Mailchimp', 'QuickBooks', 'Wix', 'Shopify', 'Google Workspace', 'Slack', 'Zoom'] as const;

/** Lifecycle Stage and Lead Status written for each furthest stage. */
export const LIFECYCLE: Record<Stage, { lifecycle: string; status: readonly string[] }> = {
  lead: { lifecycle: 'lead', status: ['NEW', 'OPEN'] },
  mql: { lifecycle: 'marketingqualifiedlead', status: ['ATTEMPTED_TO_CONTACT', 'UNQUALIFIED', 'BAD_TIMING'] },
  sal: { lifecycle: 'marketingqualifiedlead', status: ['IN_PROGRESS', 'CONNECTED'] },
  sql: { lifecycle: 'salesqualifiedlead', status: ['OPEN_DEAL'] },
  opportunity: { lifecycle: 'opportunity', status: ['OPEN_DEAL'] },
  won: { lifecycle: 'customer', status: ['OPEN_DEAL'] },
};

const SOURCE_VALUES = new Map(Object.entries(HUBSPOT_SOURCES).map(([value, name]) => [name, value]));
const yes = (value: boolean): string => (value ? 'true' : 'false');

/** The HubSpot contacts layout: every value the mapping reads agrees with the lead's attributes. */
export const HUBSPOT_LAYOUT: ExportLayout = {
  name: 'hubspot',
  columns: HUBSPOT_COLUMNS,
  zone: HUBSPOT_PORTAL_ZONE,
  row(lead: LeadFacts, contact: Contact, local: LocalTime): Record<string, string | number> {
    const stage = LIFECYCLE[lead.stage];
    const row: Record<HubspotColumn, string | number> = {
      'Record ID': 1_000_001 + contact.ordinal,
      'First Name': contact.firstName,
      'Last Name': contact.lastName,
      Email: contact.email,
      'Phone Number': contact.phone,
      'Job Title': contact.title,
      'Company Name': contact.company,
      'Website URL': contact.website,
      Industry: contact.industry,
      'Number of Employees': contact.employees,
      'Annual Revenue': contact.revenue,
      Technologies: contact.technologies,
      'Country/Region': contact.country,
      'State/Region': contact.region,
      'Time Zone': lead.timeZone,
      'Create Date': `${local.date} ${local.time24}`,
      // Names without a HubSpot value are written as they are (the mapping keeps unmapped values).
      'Original Source': SOURCE_VALUES.get(lead.source) ?? lead.source,
      'Recent Conversion': pick(FORM_NAMES[FORM_TYPES[lead.form]!], contact.variant),
      'Viewed Pricing Page': yes(has(lead.signals, 'pricingView')),
      'Demo Requested': yes(has(lead.signals, 'demoRequest')),
      'Number of Sessions': contact.sessions,
      'Downloaded High-Intent Content': yes(has(lead.signals, 'highIntentContent')),
      'Attended Webinar': yes(has(lead.signals, 'webinar')),
      'Product Qualified': yes(has(lead.signals, 'productSignal')),
      'Unsubscribed from all email': yes(has(lead.signals, 'unsubscribe')),
      // Truncated (not rounded) so a lead never crosses a 30-day decay step or an ACV threshold on the way out.
      'Days Since Last Engagement': Math.floor(lead.daysInactive * 100) / 100,
      'Annual Contract Value': Math.floor(lead.acv),
      'Target Account': yes(lead.namedAccount),
      'Currently in Sequence': yes(lead.activeOutbound),
      'Contact owner': contact.owner,
      'Lifecycle Stage': stage.lifecycle,
      'Lead Status': pick(stage.status, contact.variant),
    };
    return row;
  },
};
