import { z } from 'zod';
import { FitSignal, FormType, Role, type IntentSignal } from '../../leads/fields.js';
import { Distribution } from './distribution.js';
import { Identifier, NonNegative, Positive, Probability } from './primitives.js';

/** A scenario-relative path to a .js/.mjs/.ts module exporting a policy of the same kind. */
const ModulePath = z.string().regex(/\.(m?js|ts)$/, 'a custom policy module must be a .js, .mjs or .ts file').optional();
const ModuleOptions = z.record(z.string(), z.unknown()).optional();

const Weight = z.number().min(-100).max(100);
export const ScoringWeights = z
  .strictObject({
    employeeBand: Weight.default(15),
    industry: Weight.default(10),
    revenueBand: Weight.default(10),
    geo: Weight.default(5),
    techStack: Weight.default(10),
    pricingView: Weight.default(15),
    demoRequest: Weight.default(25),
    secondSession: Weight.default(10),
    highIntentContent: Weight.default(10),
    webinar: Weight.default(5),
    productSignal: Weight.default(25),
    unsubscribe: Weight.default(-20),
  } satisfies Record<FitSignal | IntentSignal, z.ZodType>)
  .prefault({});

export const Scoring = z
  .strictObject({
    module: ModulePath,
    options: ModuleOptions,
    /** combined: combined >= threshold and intent >= minIntent; two-axis: fit% >= fitMinPercent and intent% >= intentMinPercent. */
    rule: z.enum(['combined', 'two-axis']).default('combined'),
    threshold: NonNegative.max(200).default(65),
    minIntent: z.number().min(-100).max(200).default(25),
    fitMinPercent: NonNegative.max(100).default(60),
    intentMinPercent: NonNegative.max(100).default(40),
    weights: ScoringWeights,
    /** Axis caps from the rubric: fit 0-50, intent 0-50 (points beyond the cap do not count). */
    fitCap: Positive.max(1000).default(50),
    intentCap: Positive.max(1000).default(50),
    decay: z.strictObject({ percent: NonNegative.max(100).default(20), everyDays: Positive.default(30) }).prefault({}),
    /** demo-pricing: any demo/pricing form is an MQL; icp-demo: only ICP demo requests; none. */
    handRaise: z.enum(['demo-pricing', 'icp-demo', 'none']).default('demo-pricing'),
    /** Fit points at or above which a lead counts as ICP. */
    icpMinFit: NonNegative.max(100).default(35),
    enrichment: z
      .strictObject({
        delayMinutes: NonNegative.max(10_080).default(15),
        /** Route on the form-only score at once and re-score when enrichment lands (true), or wait for it (false). */
        provisional: z.boolean().default(true),
        /** Fit signals the form itself provides before enrichment. */
        formSignals: z.array(FitSignal).default(['employeeBand', 'geo']),
      })
      .prefault({}),
  })
  .prefault({});

const TierCondition = z
  .strictObject({
    forms: z.array(FormType).min(1).optional(),
    icp: z.boolean().optional(),
    minAcv: NonNegative.optional(),
    maxAcv: NonNegative.optional(),
    minScore: z.number().optional(),
    namedAccount: z.boolean().optional(),
  })
  .prefault({});

export const SlaTarget = z.union([z.strictObject({ minutes: Positive.max(525_600) }), z.literal('same-business-day')]);

export const CadenceSpec = z
  .strictObject({
    touches: z.number().int().min(1).max(50),
    withinHours: Positive.max(8760).optional(),
    withinBusinessDays: Positive.max(365).optional(),
  })
  .refine((c) => (c.touches === 1 ? c.withinHours === undefined || c.withinBusinessDays === undefined : (c.withinHours === undefined) !== (c.withinBusinessDays === undefined)), {
    message: 'give exactly one of withinHours or withinBusinessDays (a single touch needs neither)',
  });

export const Tier = z.strictObject({
  name: Identifier,
  when: TierCondition,
  role: Role,
  sla: SlaTarget,
  cadence: CadenceSpec,
});
export type Tier = z.infer<typeof Tier>;

/** An ordered tier list, in a scenario file or declared by a custom routing module. */
export const Tiers = z.array(Tier).min(1).max(50);

/** Tiers from the seed documents: hot/warm routing (training) with the methodology's per-lead-type SLAs and cadences. */
export const DEFAULT_TIERS: z.input<typeof Tier>[] = [
  { name: 'hot', when: { forms: ['demo', 'pricing', 'product'], icp: true, minAcv: 50_000 }, role: 'ae', sla: { minutes: 5 }, cadence: { touches: 6, withinHours: 48 } },
  { name: 'warm-plus', when: { forms: ['demo', 'pricing'] }, role: 'sdr', sla: 'same-business-day', cadence: { touches: 3, withinBusinessDays: 3 } },
  { name: 'trial', when: { forms: ['trial', 'product'] }, role: 'sdr', sla: { minutes: 15 }, cadence: { touches: 5, withinHours: 72 } },
  { name: 'contact', when: { forms: ['contact'] }, role: 'sdr', sla: { minutes: 60 }, cadence: { touches: 5, withinBusinessDays: 5 } },
  { name: 'webinar', when: { forms: ['webinar'] }, role: 'sdr', sla: 'same-business-day', cadence: { touches: 3, withinBusinessDays: 10 } },
  { name: 'warm', when: {}, role: 'sdr', sla: { minutes: 240 }, cadence: { touches: 8, withinBusinessDays: 10 } },
];

export const RepDistribution = z.enum(['round-robin', 'weighted', 'least-loaded']);
export const QueueOrder = z.enum(['deadline', 'first-touch-first', 'fifo']);
export const BreachAction = z.enum(['none', 'escalate', 'reassign']);

export const Routing = z
  .strictObject({
    module: ModulePath,
    options: ModuleOptions,
    /** per-rep: each rep has its own due-ordered queue; pooled: one queue per role that any free rep pulls from. */
    queue: z.enum(['per-rep', 'pooled']).default('per-rep'),
    distribution: RepDistribution.default('round-robin'),
    acceptTimeoutMinutes: Positive.max(1440).default(2),
    /** next-open: wait for the home team to open; follow-the-sun: hand to any open pod of the role. */
    offHours: z.enum(['next-open', 'follow-the-sun']).default('next-open'),
    /** What a rep works next: earliest due (first-touch deadline or follow-up due time), new leads before follow-ups, or arrival order. */
    queueOrder: QueueOrder.default('deadline'),
    tiers: Tiers.default(DEFAULT_TIERS as z.infer<typeof Tier>[]),
    namedAccounts: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Share of named-account leads the account matcher recognises; the rest leak to round robin. */
        matchRate: Probability.default(1),
        useBackup: z.boolean().default(true),
        suppressActiveOutbound: z.boolean().default(true),
        /** Tighter SLA for named-account leads (methodology: 15 minutes). */
        slaMinutes: Positive.max(525_600).optional(),
      })
      .prefault({}),
    escalation: z
      .strictObject({
        /** Chance an SDR who reaches an ICP lead with ACV above the hot threshold reclassifies it Warm -> Hot. */
        warmToHotProbability: Probability.default(0.5),
        fromTiers: z.array(Identifier).default(['warm', 'warm-plus', 'contact', 'webinar', 'trial']),
        minAcv: NonNegative.default(50_000),
        /** The AE must accept within this many minutes (training: 30). */
        acceptMinutes: Positive.default(30),
      })
      .prefault({}),
  })
  .prefault({});

export const Surge = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Active when today's MQLs exceed factor x the trailing average. */
    factor: Positive.default(2),
    trailingDays: z.number().int().min(1).max(365).default(30),
    minHistoryDays: z.number().int().min(1).max(365).default(7),
    /** SLA targets are multiplied by this while active. */
    stretch: z.number().min(1).max(100).default(2),
    /** While active, only leads scoring at least highIntentMinScore (or hand-raisers) go to sales. */
    highIntentOnly: z.boolean().default(false),
    highIntentMinScore: NonNegative.default(80),
    /** Nurtured surge leads get a sales task this many days later. */
    followUpDays: Positive.default(3),
    /** Activate overflow pods (overflow: true) as SDRs while active. */
    overflow: z.boolean().default(false),
  })
  .prefault({});

export const Sla = z
  .strictObject({
    module: ModulePath,
    options: ModuleOptions,
    /** calendar: wall-clock minutes; business: only the assigned team's open hours count. */
    clock: z.enum(['calendar', 'business']).default('calendar'),
    /** On a missed first-touch deadline: count it, escalate to a manager (counted), or reassign to another rep. */
    onBreach: BreachAction.default('escalate'),
    surge: Surge,
  })
  .prefault({});

export const Cadence = z
  .strictObject({
    module: ModulePath,
    options: ModuleOptions,
    /** front-loaded: touches bunch early in the window (quadratic spacing); even: equal gaps. */
    spacing: z.enum(['front-loaded', 'even']).default('front-loaded'),
    respectProspectHours: z.boolean().default(true),
  })
  .prefault({});

export const Recycle = z
  .strictObject({
    /** Recycles allowed; the rejection after the last one sends the lead to long-term nurture. */
    limit: z.number().int().min(0).max(10).default(2),
    nurtureDays: Distribution.default({ dist: 'uniform', min: 30, max: 90 }),
  })
  .prefault({});

export const Policy = z.strictObject({
  extends: Identifier.optional(),
  description: z.string().max(2000).optional(),
  scoring: Scoring,
  routing: Routing,
  sla: Sla,
  cadence: Cadence,
  recycle: Recycle,
});
export type Policy = z.infer<typeof Policy>;
