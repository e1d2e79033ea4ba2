import { FORM_TYPES, type FormType } from '../fields.js';
import type { Stage } from '../replay/mapping.js';
import { has, pick, type Contact, type LeadFacts } from './contact.js';
import type { ExportLayout, LocalTime } from './layout.js';

/**
 * A Salesforce "Leads with converted lead information" report exported as CSV (Details Only), with the custom
 * scoring fields most orgs add; mappings/salesforce-leads.yaml reads exactly this layout.
 */
export const SALESFORCE_COLUMNS = [
  'Lead ID',
  'First Name',
  'Last Name',
  'Title',
  'Company / Account',
  'Email',
  'Phone',
  'Website',
  'Industry',
  'No. of Employees',
  'Annual Revenue',
  'Technologies',
  'Country',
  'State/Province',
  'Create Date',
  'Lead Source',
  'Form Type',
  'Pricing Page Views',
  'Demo Requested',
  'Web Sessions',
  'High-Intent Download',
  'Webinar Attended',
  'Product Qualified',
  'Email Opt Out',
  'Days Since Last Activity',
  'Expected ACV',
  'Target Account',
  'Active Cadence',
  'Lead Owner',
  'Lead Status',
  'Converted',
  'Opportunity Stage',
] as const;
type SalesforceColumn = (typeof SALESFORCE_COLUMNS)[number];

/** Salesforce reports show dates in the running user's zone and locale. */
export const SALESFORCE_USER_ZONE = 'America/New_York';

/** Lead Source picklist values and the scenario source names they map to. */
export const SALESFORCE_SOURCES: Record<string, string> = {
  'Organic Search': 'organic',
  'Paid Search': 'paid-search',
  'Paid Social': 'paid-social',
  'Social Media': 'social',
  Email: 'email-nurture',
  'Trade Show': 'events',
  'Content Syndication': 'content-syndication',
  'Partner Referral': 'referrals',
  Web: 'direct',
};

/** Form Type picklist values. */
export const SALESFORCE_FORMS: Record<FormType, string> = {
  demo: 'Demo Request',
  pricing: 'Pricing Inquiry',
  trial: 'Free Trial',
  product: 'Product Signal',
  webinar: 'Webinar',
  contact: 'Contact Us',
  content: 'Content Download',
};

/** Lead Status per furthest stage; converted leads also carry an opportunity stage. */
export const SALESFORCE_STATUS: Record<Stage, readonly string[]> = {
  lead: ['Open - Not Contacted'],
  mql: ['Marketing Qualified', 'Closed - Not Converted'],
  sal: ['Working - Contacted'],
  sql: ['Sales Qualified'],
  opportunity: ['Closed - Converted'],
  won: ['Closed - Converted'],
};
const OPEN_OR_LOST = ['Closed Lost', 'Proposal/Price Quote', 'Negotiation/Review'] as const;

const SOURCE_VALUES = new Map(Object.entries(SALESFORCE_SOURCES).map(([value, name]) => [name, value]));
const box = (value: boolean): number => (value ? 1 : 0);

export const SALESFORCE_LAYOUT: ExportLayout = {
  name: 'salesforce',
  columns: SALESFORCE_COLUMNS,
  zone: SALESFORCE_USER_ZONE,
  row(lead: LeadFacts, contact: Contact, local: LocalTime): Record<string, string | number> {
    const converted = lead.stage === 'opportunity' || lead.stage === 'won';
    const row: Record<SalesforceColumn, string | number> = {
      'Lead ID': `00Q5e0000${String(contact.ordinal).padStart(9, '0')}`,
      'First Name': contact.firstName,
      'Last Name': contact.lastName,
      Title: contact.title,
      'Company / Account': contact.company,
      Email: contact.email,
      Phone: contact.phone,
      Website: contact.website,
      Industry: contact.industry,
      'No. of Employees': contact.employees,
      'Annual Revenue': contact.revenue,
      Technologies: contact.technologies,
      Country: contact.country,
      'State/Province': contact.region,
      'Create Date': local.us,
      'Lead Source': SOURCE_VALUES.get(lead.source) ?? lead.source,
      'Form Type': SALESFORCE_FORMS[FORM_TYPES[lead.form]!],
      'Pricing Page Views': has(lead.signals, 'pricingView') ? 1 + Math.floor(contact.variant * 6) : 0,
      'Demo Requested': box(has(lead.signals, 'demoRequest')),
      'Web Sessions': contact.sessions,
      'High-Intent Download': box(has(lead.signals, 'highIntentContent')),
      'Webinar Attended': box(has(lead.signals, 'webinar')),
      'Product Qualified': box(has(lead.signals, 'productSignal')),
      'Email Opt Out': box(has(lead.signals, 'unsubscribe')),
      'Days Since Last Activity': Math.floor(lead.daysInactive * 100) / 100,
      // Currency with thousands separators, as report exports write it (the mapping strips them).
      'Expected ACV': Math.floor(lead.acv).toLocaleString('en-US'),
      'Target Account': box(lead.namedAccount),
      'Active Cadence': box(lead.activeOutbound),
      'Lead Owner': contact.owner,
      'Lead Status': pick(SALESFORCE_STATUS[lead.stage], contact.variant),
      Converted: box(converted),
      'Opportunity Stage': lead.stage === 'won' ? 'Closed Won' : converted ? pick(OPEN_OR_LOST, contact.variant) : '',
    };
    return row;
  },
};
