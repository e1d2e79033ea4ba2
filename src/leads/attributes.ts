import { LeadFlag, type LeadStore } from '../engine/leadStore.js';
import { Categorical, compileDistribution, standardNormal, type Sampler } from '../random/distributions.js';
import type { RandomSource } from '../random/streams.js';
import type { Source } from '../scenario/schema/source.js';
import { FIT_SIGNALS, FORM_IMPLIED_SIGNAL, FORM_TYPES, INTENT_SIGNALS, signalBit, type FormType } from './fields.js';

/** How much each form shifts the hidden intent factor: hand-raisers are further along than content readers. */
export const FORM_INTENT_SHIFT: Record<FormType, number> = { content: -0.3, webinar: -0.1, contact: 0.3, trial: 0.5, product: 0.7, pricing: 0.8, demo: 1.0 };

/** Intent signals that fall as intent rises. */
export const NEGATIVE_INTENT: ReadonlySet<string> = new Set(['unsubscribe']);

export interface QualityWeights {
  fitLoading: number;
  intentLoading: number;
}

/**
 * Draws one lead's attributes for a source. Fit signals share one latent ICP factor and intent signals one
 * latent intent factor (Gaussian copula), so signals correlate with each other and with the hidden quality
 * that drives conversion, while scoring sees only the 0/1 signals.
 */
export class AttributeGenerator {
  private readonly forms: Categorical<FormType>;
  private readonly zones: Categorical<number>;
  private readonly fitThresholds: Float64Array;
  private readonly intentThresholds: Float64Array;
  private readonly intentSigns: Float64Array;
  private readonly fitLoading: number;
  private readonly fitNoise: number;
  private readonly intentLoading: number;
  private readonly intentNoise: number;
  private readonly daysInactive: Sampler;
  private readonly acv: Sampler;
  private readonly qualityNorm: number;
  private readonly formImpliedBits: Uint16Array;
  private readonly formShift: Float64Array;
  /** attributes: none (a string compare per lead otherwise: YAML strings are not interned). */
  private readonly bare: boolean;

  constructor(
    private readonly source: Source,
    private readonly sourceIndex: number,
    zoneIndexes: readonly number[],
    zoneWeights: readonly number[],
    private readonly quality: QualityWeights,
  ) {
    this.forms = new Categorical(FORM_TYPES, FORM_TYPES.map((form) => source.forms[form] ?? 0));
    this.zones = new Categorical(zoneIndexes, zoneWeights);
    this.fitThresholds = Float64Array.from(FIT_SIGNALS, (signal) => probit(source.fit[signal]));
    this.intentThresholds = Float64Array.from(INTENT_SIGNALS, (signal) => probit(source.intent[signal]));
    this.intentSigns = Float64Array.from(INTENT_SIGNALS, (signal) => (NEGATIVE_INTENT.has(signal) ? -1 : 1));
    this.fitLoading = source.fitCorrelation;
    this.fitNoise = Math.sqrt(1 - source.fitCorrelation ** 2);
    this.intentLoading = source.intentCorrelation;
    this.intentNoise = Math.sqrt(1 - source.intentCorrelation ** 2);
    this.daysInactive = compileDistribution(source.daysInactive);
    this.acv = compileDistribution(source.acv);
    this.qualityNorm = Math.sqrt(quality.fitLoading ** 2 + quality.intentLoading ** 2 + 1);
    this.formImpliedBits = Uint16Array.from(FORM_TYPES, (form) => {
      const implied = FORM_IMPLIED_SIGNAL[form];
      return implied === undefined ? 0 : signalBit(implied);
    });
    this.formShift = Float64Array.from(FORM_TYPES, (form) => FORM_INTENT_SHIFT[form]);
    this.bare = source.attributes === 'none';
  }

  /** Fills the attribute columns of `slot` from `random` (the replication's attribute stream). */
  draw(store: LeadStore, slot: number, random: RandomSource): void {
    store.source[slot] = this.sourceIndex;
    if (this.bare) {
      store.form[slot] = 0;
      store.signals[slot] = 0;
      store.quality[slot] = this.source.qualityShift;
      store.acv[slot] = 0;
      store.daysInactive[slot] = 0;
      store.timeZone[slot] = this.zones.items[0]!;
      return;
    }
    const form = this.forms.pick(random.next());
    const fitFactor = standardNormal(random.next());
    const intentFactor = this.formShift[form]! + standardNormal(random.next());
    let signals = this.formImpliedBits[form]!;
    for (let i = 0; i < this.fitThresholds.length; i++) {
      const latent = this.fitLoading * fitFactor + this.fitNoise * standardNormal(random.next());
      if (latent < this.fitThresholds[i]!) signals |= 1 << i;
    }
    const intentOffset = FIT_SIGNALS.length;
    for (let i = 0; i < this.intentThresholds.length; i++) {
      const threshold = this.intentThresholds[i]!;
      if (threshold === -Infinity) continue;
      // Signals driven by intent fire when the latent is high: compare the negated latent to the threshold.
      const latent = this.intentSigns[i]! * this.intentLoading * intentFactor + this.intentNoise * standardNormal(random.next());
      if (-latent < threshold) signals |= 1 << (intentOffset + i);
    }
    store.form[slot] = form;
    store.signals[slot] = signals;
    store.daysInactive[slot] = this.daysInactive.sample(random);
    // Bigger-fit accounts buy bigger contracts; the factor keeps the configured mean.
    store.acv[slot] = this.acv.sample(random) * Math.exp(0.35 * fitFactor - 0.06125);
    store.quality[slot] = (this.quality.fitLoading * -fitFactor + this.quality.intentLoading * intentFactor + standardNormal(random.next())) / this.qualityNorm + this.source.qualityShift;
    const u = random.next();
    if (u < this.source.namedAccountShare) {
      store.flags[slot] |= LeadFlag.NamedAccount;
      if (u < this.source.namedAccountShare * this.source.activeOutboundShare) store.flags[slot] |= LeadFlag.ActiveOutbound;
    }
    store.timeZone[slot] = this.zones.items[this.zones.pick(random.next())]!;
  }
}

/** P(latent < threshold) = p for a standard normal latent. */
function probit(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  return standardNormal(p);
}
