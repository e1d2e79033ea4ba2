import { z } from 'zod';

/** Form a lead submitted; the order is the intent rank a recycled lead must climb. */
export const FormType = z.enum(['content', 'webinar', 'contact', 'trial', 'product', 'pricing', 'demo']);
export type FormType = z.infer<typeof FormType>;
export const FORM_TYPES = FormType.options;

/** Firmographic signals: each is 1 when the lead matches the ICP on it. */
export const FitSignal = z.enum(['employeeBand', 'industry', 'revenueBand', 'geo', 'techStack']);
export type FitSignal = z.infer<typeof FitSignal>;
export const FIT_SIGNALS = FitSignal.options;

/** Behavioural signals. */
export const IntentSignal = z.enum([
  'pricingView',
  'demoRequest',
  'secondSession',
  'highIntentContent',
  'webinar',
  'productSignal',
  'unsubscribe',
]);
export type IntentSignal = z.infer<typeof IntentSignal>;
export const INTENT_SIGNALS = IntentSignal.options;

/** All signals in one bit layout: fit bits first, then intent bits. */
export const SIGNALS = [...FIT_SIGNALS, ...INTENT_SIGNALS] as const;
export type Signal = (typeof SIGNALS)[number];
export const signalBit = (signal: Signal): number => 1 << SIGNALS.indexOf(signal);
export const FIT_MASK = (1 << FIT_SIGNALS.length) - 1;

/** Intent signals a form submission implies by itself. */
export const FORM_IMPLIED_SIGNAL: Partial<Record<FormType, IntentSignal>> = {
  demo: 'demoRequest',
  pricing: 'pricingView',
  webinar: 'webinar',
  product: 'productSignal',
};

/** Sales' rejection picklist (5-7 reasons, per the methodology); "no response" is added by the engine. */
export const RejectionReason = z.enum(['no budget', 'not ICP', 'researcher/student', 'competitor', 'duplicate', 'bad data']);
export type RejectionReason = z.infer<typeof RejectionReason>;
export const NO_RESPONSE = 'no response';
export const REJECTION_REASONS = [...RejectionReason.options, NO_RESPONSE] as const;

export const Role = z.enum(['sdr', 'ae']);
export type Role = z.infer<typeof Role>;
