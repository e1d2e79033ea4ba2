import { FORM_TYPES } from '../leads/fields.js';
import { DECAY_STEPS, type Rubric } from './rubric.js';

/** Columnar leads: one typed array per signal (0/1), plus days inactive and form index. */
export interface SignalColumns {
  employeeBand: Uint8Array;
  industry: Uint8Array;
  revenueBand: Uint8Array;
  geo: Uint8Array;
  techStack: Uint8Array;
  pricingView: Uint8Array;
  demoRequest: Uint8Array;
  secondSession: Uint8Array;
  highIntentContent: Uint8Array;
  webinar: Uint8Array;
  productSignal: Uint8Array;
  unsubscribe: Uint8Array;
  daysInactive: Float32Array;
  form: Uint8Array;
}

export interface BatchScores {
  combined: Float32Array;
  mql: Uint8Array;
}


/**
 * Scores a whole column batch in one pass. The weights, caps, decay and MQL rule are read from the same
 * Rubric the per-lead scorer uses; they are hoisted into locals so the loop body is plain arithmetic on
 * typed arrays (what a hand-written loop would do), with decay from a precomputed table.
 */
export function scoreBatch(rubric: Rubric, columns: SignalColumns, out: BatchScores, count = columns.form.length): void {
  const w = rubric.weights;
  const w0 = w[0]!, w1 = w[1]!, w2 = w[2]!, w3 = w[3]!, w4 = w[4]!;
  const w5 = w[5]!, w6 = w[6]!, w7 = w[7]!, w8 = w[8]!, w9 = w[9]!, w10 = w[10]!, w11 = w[11]!;
  const { employeeBand: c0, industry: c1, revenueBand: c2, geo: c3, techStack: c4 } = columns;
  const { pricingView: c5, demoRequest: c6, secondSession: c7, highIntentContent: c8, webinar: c9, productSignal: c10, unsubscribe: c11 } = columns;
  const days = columns.daysInactive;
  const forms = columns.form;
  const combinedOut = out.combined;
  const mqlOut = out.mql;
  const fitCap = rubric.fitCap;
  const intentCap = rubric.intentCap;
  const decay = rubric.decayTable;
  const perStep = 1 / rubric.decayEveryDays;
  const config = rubric.config;
  // Both MQL rules are one test on the rubric's bounds: no branch on the rule inside the loop.
  const { fitMin, intentMin, combinedMin } = rubric;
  const handRaise = handRaiseMask(rubric);
  const demo = rubric.demoForm;
  // The ICP-demo override compares undecayed fit; Infinity switches it off.
  const icpDemoMinFit = config.handRaise === 'icp-demo' ? config.icpMinFit : Infinity;
  for (let i = 0; i < count; i++) {
    let fit = w0 * c0[i]! + w1 * c1[i]! + w2 * c2[i]! + w3 * c3[i]! + w4 * c4[i]!;
    let intent = w5 * c5[i]! + w6 * c6[i]! + w7 * c7[i]! + w8 * c8[i]! + w9 * c9[i]! + w10 * c10[i]! + w11 * c11[i]!;
    fit = fit < 0 ? 0 : fit > fitCap ? fitCap : fit;
    const rawFit = fit;
    intent = intent < 0 ? 0 : intent > intentCap ? intentCap : intent;
    const step = (days[i]! * perStep) | 0;
    const factor = step < DECAY_STEPS ? decay[step]! : Math.pow(rubric.decayBase, step);
    fit *= factor;
    intent *= factor;
    const combined = fit + intent;
    combinedOut[i] = combined;
    const form = forms[i]!;
    mqlOut[i] = (fit >= fitMin && intent >= intentMin && combined >= combinedMin) || (handRaise >>> form) & 1 || (form === demo && rawFit >= icpDemoMinFit) ? 1 : 0;
  }
}

/** Bit f set when form f is a hand-raise that qualifies regardless of points. */
function handRaiseMask(rubric: Rubric): number {
  let mask = 0;
  for (let form = 0; form < FORM_TYPES.length; form++) if (rubric.handRaiseForms[form] === 1) mask |= 1 << form;
  return mask;
}
