import { FIT_SIGNALS, FORM_TYPES, INTENT_SIGNALS, SIGNALS } from '../leads/fields.js';
import { DECAY_STEPS, type Rubric } from './rubric.js';

/** Columnar leads: one typed array per signal (0 or 1; only the lowest bit is read), plus days inactive and form index. */
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

/** Scores leads [from, to): four per 32-bit load while `words` is given, the rest one at a time from the bytes. */
type Kernel = (bytes: Uint8Array[], words: Uint32Array[] | null, days: Float32Array, forms: Uint8Array, combined: Float32Array, mql: Uint8Array, from: number, to: number) => void;

const kernels = new WeakMap<Rubric, Kernel>();

/**
 * Scores a whole column batch with a loop compiled for this Rubric: its tables, decay, MQL bounds and
 * hand-raise forms become constants in the loop, as in a hand-written one, so configurability costs no
 * speed. Every number comes from the Rubric the per-lead scorer uses, and the decay step and MQL test are its
 * decayFactor and passes written out (test/batchScoring.test.ts compares the two scorers lead by lead).
 */
export function scoreBatch(rubric: Rubric, columns: SignalColumns, out: BatchScores, count = columns.form.length): void {
  let kernel = kernels.get(rubric);
  if (kernel === undefined) {
    kernel = compileKernel(rubric);
    kernels.set(rubric, kernel);
  }
  const bytes = SIGNALS.map((signal) => columns[signal]);
  // A short column would be read past its end (undefined points, NaN scores): refuse it by name instead.
  for (const [name, array] of [...Object.entries(columns), ...Object.entries(out)] as [string, ArrayLike<number>][]) {
    if (array.length < count) throw new RangeError(`scoreBatch: ${name} has ${array.length} entries, fewer than the ${count} leads to score`);
  }
  // Whole words need every column to start on a word boundary; a column that does not is read byte by byte.
  const aligned = bytes.every((column) => column.byteOffset % 4 === 0);
  const wholeWords = aligned ? count >>> 2 : 0;
  const words = aligned ? bytes.map((column) => new Uint32Array(column.buffer, column.byteOffset, wholeWords)) : null;
  kernel(bytes, words, columns.daysInactive, columns.form, out.combined, out.mql, 0, count);
}

/** A finite or infinite number as JavaScript source; anything else cannot come from a validated Rubric. */
function literal(value: number): string {
  if (Number.isNaN(value)) throw new RangeError('batch scoring: a rubric constant is NaN');
  return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * Builds the kernel's source from the Rubric. Fit bits are columns 0-4 and intent bits columns 5-11
 * (SIGNALS order), packed four leads at a time: byte lane k of `fitWord` holds lead k's fit mask, and no
 * lane can carry into the next (at most 7 bits are set). Only numbers from the Rubric enter the source.
 */
function compileKernel(rubric: Rubric): Kernel {
  let handRaise = 0;
  for (let form = 0; form < FORM_TYPES.length; form++) if (rubric.handRaiseForms[form] === 1) handRaise |= 1 << form;
  // The ICP-demo override compares undecayed fit; Infinity switches it off.
  const icpDemoMinFit = rubric.config.handRaise === 'icp-demo' ? rubric.config.icpMinFit : Infinity;
  const fitBits = FIT_SIGNALS.length;
  const packed = (from: number, bitCount: number, read: (column: number) => string, lowBits: string): string =>
    Array.from({ length: bitCount }, (_, bit) => `((${read(from + bit)} & ${lowBits}) << ${bit})`).join(' | ');
  // One lead, given its fit and intent masks: the same decay and rule as Rubric.decayFactor and Rubric.passes.
  const scoreLead = (fitMask: string, intentMask: string): string => `
        const steps = days[i] / ${literal(rubric.decayEveryDays)};
        const factor = steps < ${DECAY_STEPS} ? DECAY[steps | 0] : Math.pow(${literal(rubric.decayBase)}, Math.floor(steps));
        const rawFit = FIT[${fitMask}];
        const fit = rawFit * factor;
        const intent = INTENT[${intentMask}] * factor;
        const sum = fit + intent;
        combined[i] = sum;
        const form = forms[i];
        // Bitwise rather than short-circuit: no data-dependent branches for the MQL mix to mispredict.
        mql[i] = (+(fit >= ${literal(rubric.fitMin)}) & +(intent >= ${literal(rubric.intentMin)}) & +(sum >= ${literal(rubric.combinedMin)}))
          | ((${handRaise} >>> form) & 1) | (+(form === ${rubric.demoForm}) & +(rawFit >= ${literal(icpDemoMinFit)}));`;
  const source = `
    return function scoreLeads(bytes, words, days, forms, combined, mql, from, to) {
      let first = from;
      if (words !== null) {
        const [${Array.from(SIGNALS, (_, c) => `w${c}`).join(', ')}] = words;
        const lastWord = to >>> 2;
        for (let j = from >>> 2; j < lastWord; j++) {
          const fitWord = ${packed(0, fitBits, (c) => `w${c}[j]`, '0x01010101')};
          const intentWord = ${packed(fitBits, INTENT_SIGNALS.length, (c) => `w${c}[j]`, '0x01010101')};
          for (let lane = 0; lane < 4; lane++) {
            const i = (j << 2) | lane;
            ${scoreLead('(fitWord >>> (lane << 3)) & 0xff', '(intentWord >>> (lane << 3)) & 0xff')}
          }
        }
        first = lastWord << 2;
      }
      const [${Array.from(SIGNALS, (_, c) => `b${c}`).join(', ')}] = bytes;
      for (let i = first; i < to; i++) {
        ${scoreLead(packed(0, fitBits, (c) => `b${c}[i]`, '1'), packed(fitBits, INTENT_SIGNALS.length, (c) => `b${c}[i]`, '1'))}
      }
    };`;
  return new Function('FIT', 'INTENT', 'DECAY', source)(rubric.cappedFitByMask, rubric.cappedIntentByMask, rubric.decayTable) as Kernel;
}
