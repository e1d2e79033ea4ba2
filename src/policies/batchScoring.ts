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

/** Scores leads [0, count): four per 32-bit load when `aligned`, the rest one at a time from the bytes. */
type Kernel = (bytes: Uint8Array[], aligned: boolean, days: Float32Array, forms: Uint8Array, combined: Float32Array, mql: Uint8Array, count: number) => void;

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
  kernel(bytes, aligned, columns.daysInactive, columns.form, out.combined, out.mql, count);
}

/**
 * The MQL test as source, with the terms this Rubric cannot trip left out (a bound at -Infinity, no hand-raise
 * forms, the ICP-demo override off): the same truth table as Rubric.passes plus the overrides, fewer operations.
 */
function mqlExpression(rubric: Rubric, handRaise: number, icpDemoMinFit: number): string {
  const bounds = (
    [
      ['fit', rubric.fitMin],
      ['intent', rubric.intentMin],
      ['sum', rubric.combinedMin],
    ] as const
  )
    .filter(([, bound]) => bound !== -Infinity)
    .map(([name, bound]) => `+(${name} >= ${literal(bound)})`);
  const terms = [bounds.length === 0 ? '1' : `(${bounds.join(' & ')})`];
  if (handRaise !== 0) terms.push(handRaiseTest(handRaise));
  if (icpDemoMinFit !== Infinity) terms.push(`(+(form === ${rubric.demoForm}) & +(rawFit >= ${literal(icpDemoMinFit)}))`);
  return terms.join(' | ');
}

/**
 * Whether `form` is a hand-raise form: one unsigned range test when they are the last forms in FORM_TYPES, else a bit
 * test. Either way a form index past FORM_TYPES is not one (as in the per-lead scorer's table).
 */
function handRaiseTest(mask: number): string {
  const forms = FORM_TYPES.length;
  const first = 31 - Math.clz32(mask & -mask);
  const tail = (((1 << forms) - 1) >>> first) << first;
  return mask === tail ? `+(((form - ${first}) >>> 0) < ${forms - first})` : `(+(form < ${forms}) & (${mask} >>> form))`;
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
        mql[i] = ${mqlExpression(rubric, handRaise, icpDemoMinFit)};`;
  const source = `
    return function scoreLeads(bytes, aligned, days, forms, combined, mql, count) {
      // The word views are made here, all of length n, and j < n is the loop test: the JIT can then drop their bounds checks.
      const n = aligned ? count >>> 2 : 0;
      // One construction site for all twelve views measured faster than twelve written out. Unaligned: empty views.
      const view = (column) => new Uint32Array(column.buffer, aligned ? column.byteOffset : 0, n);
      ${Array.from(SIGNALS, (_, c) => `const w${c} = view(bytes[${c}]);`).join('\n      ')}
      for (let j = 0; j < n; j++) {
        const fitWord = ${packed(0, fitBits, (c) => `w${c}[j]`, '0x01010101')};
        const intentWord = ${packed(fitBits, INTENT_SIGNALS.length, (c) => `w${c}[j]`, '0x01010101')};
        for (let lane = 0; lane < 4; lane++) {
          const i = (j << 2) | lane;
          ${scoreLead('(fitWord >>> (lane << 3)) & 0xff', '(intentWord >>> (lane << 3)) & 0xff')}
        }
      }
      const [${Array.from(SIGNALS, (_, c) => `b${c}`).join(', ')}] = bytes;
      for (let i = n << 2; i < count; i++) {
        ${scoreLead(packed(0, fitBits, (c) => `b${c}[i]`, '1'), packed(fitBits, INTENT_SIGNALS.length, (c) => `b${c}[i]`, '1'))}
      }
    };`;
  return new Function('FIT', 'INTENT', 'DECAY', source)(rubric.cappedFitByMask, rubric.cappedIntentByMask, rubric.decayTable) as Kernel;
}
