import { FIT_MASK, FIT_SIGNALS, FORM_TYPES, INTENT_SIGNALS, SIGNALS, signalBit } from '../leads/fields.js';
import type { Policy } from '../scenario/schema/policy.js';

type ScoringConfig = Policy['scoring'];

/**
 * The one definition of the fit/intent rubric. Per-lead scoring and batch scoring both read these tables,
 * so there is no second copy of the rules.
 */
export class Rubric {
  /** Points of each signal, in SIGNALS order. */
  readonly weights: Float64Array;
  /** Fit points for every combination of fit bits (before the cap). */
  readonly fitByMask: Float64Array;
  /** Intent points for every combination of intent bits (before the cap). */
  readonly intentByMask: Float64Array;
  /** The same two tables with the caps applied: what an enriched lead scores, before decay. */
  readonly cappedFitByMask: Float64Array;
  readonly cappedIntentByMask: Float64Array;
  readonly fitCap: number;
  readonly intentCap: number;
  readonly decayBase: number;
  readonly decayEveryDays: number;
  /** Fit bits the form itself reveals before enrichment. */
  readonly formFitMask: number;
  readonly handRaiseForms: Uint8Array;
  /** Largest fit the form alone can show (all form fit signals matching). */
  readonly formFitMax: number;
  readonly demoForm = FORM_TYPES.indexOf('demo');
  /**
   * The MQL rule as three lower bounds on decayed points, fit >= fitMin, intent >= intentMin and
   * combined >= combinedMin, with the bounds a rule does not use at -Infinity. Per-lead and batch scoring
   * both test these, so the two cannot disagree at a boundary.
   */
  readonly fitMin: number;
  readonly intentMin: number;
  readonly combinedMin: number;

  constructor(readonly config: ScoringConfig) {
    this.weights = Float64Array.from(SIGNALS, (signal) => config.weights[signal]);
    this.fitByMask = tableOf(this.weights, 0, FIT_SIGNALS.length);
    this.intentByMask = tableOf(this.weights, FIT_SIGNALS.length, INTENT_SIGNALS.length);
    this.fitCap = config.fitCap;
    this.intentCap = config.intentCap;
    this.cappedFitByMask = this.fitByMask.map((points) => clamp(points, this.fitCap));
    this.cappedIntentByMask = this.intentByMask.map((points) => clamp(points, this.intentCap));
    this.decayBase = 1 - config.decay.percent / 100;
    this.decayEveryDays = config.decay.everyDays;
    this.decayTable = Float64Array.from({ length: DECAY_STEPS }, (_, k) => Math.pow(this.decayBase, k));
    this.formFitMask = config.enrichment.formSignals.reduce((mask, signal) => mask | signalBit(signal), 0);
    this.formFitMax = this.fitByMask[this.formFitMask]!;
    const twoAxis = config.rule === 'two-axis';
    this.fitMin = twoAxis ? (config.fitMinPercent / 100) * config.fitCap : -Infinity;
    this.intentMin = twoAxis ? (config.intentMinPercent / 100) * config.intentCap : config.minIntent;
    this.combinedMin = twoAxis ? -Infinity : config.threshold;
    this.handRaiseForms = Uint8Array.from(FORM_TYPES, (form) => (config.handRaise === 'demo-pricing' && (form === 'demo' || form === 'pricing') ? 1 : 0));
  }

  /** decayTable[k]: the factor after k full decay periods (k >= DECAY_STEPS uses Math.pow). */
  readonly decayTable: Float64Array;

  /** Step decay: the score loses `percent` for every full `everyDays` of inactivity (scoreBatch compiles the same expression). */
  decayFactor(daysInactive: number): number {
    const steps = daysInactive / this.decayEveryDays;
    // Truncation is floor for the table's non-negative range; the comparison on the double keeps huge values off it.
    return steps < DECAY_STEPS ? this.decayTable[steps | 0]! : Math.pow(this.decayBase, Math.floor(steps));
  }

  /** Fit points; before enrichment, the form's own fit signals scaled up to the full fit range (an estimate). */
  fitPoints(signals: number, enriched: boolean): number {
    if (enriched) return this.cappedFitByMask[signals & FIT_MASK]!;
    const visible = this.fitByMask[signals & this.formFitMask]!;
    return clamp(this.formFitMax > 0 ? visible * (this.fitByMask[FIT_MASK]! / this.formFitMax) : 0, this.fitCap);
  }

  intentPoints(signals: number): number {
    return this.cappedIntentByMask[signals >>> FIT_SIGNALS.length]!;
  }

  /** The MQL rule on already-decayed axis scores. */
  passes(fit: number, intent: number): boolean {
    return fit >= this.fitMin && intent >= this.intentMin && fit + intent >= this.combinedMin;
  }
}

export const DECAY_STEPS = 64;

const clamp = (points: number, cap: number): number => (points < 0 ? 0 : points > cap ? cap : points);

function tableOf(weights: Float64Array, offset: number, count: number): Float64Array {
  const table = new Float64Array(1 << count);
  for (let mask = 0; mask < table.length; mask++) {
    let points = 0;
    for (let bit = 0; bit < count; bit++) if (mask & (1 << bit)) points += weights[offset + bit]!;
    table[mask] = points;
  }
  return table;
}
