import { FIT_SIGNALS, FORM_TYPES, INTENT_SIGNALS } from '../leads/fields.js';
import type { Rubric } from './rubric.js';

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

/** Leads packed per pass: the two mask buffers stay in L1 cache between the packing and the scoring loop. */
const CHUNK = 4096;
const fitMaskWords = new Uint32Array(CHUNK / 4);
const intentMaskWords = new Uint32Array(CHUNK / 4);
const fitMasks = new Uint8Array(fitMaskWords.buffer);
const intentMasks = new Uint8Array(intentMaskWords.buffer);

/**
 * Scores a whole column batch. Each chunk is done in two passes: the signal columns are packed into one
 * fit-bit and one intent-bit mask per lead (four leads per 32-bit load when the columns allow it), then
 * every lead is scored from the Rubric's capped point tables, decay and MQL bounds: the same tables and
 * the same decay the per-lead scorer reads, so there is no second copy of the rules.
 */
export function scoreBatch(rubric: Rubric, columns: SignalColumns, out: BatchScores, count = columns.form.length): void {
  const fitPoints = rubric.cappedFitByMask;
  const intentPoints = rubric.cappedIntentByMask;
  const days = columns.daysInactive;
  const forms = columns.form;
  const combinedOut = out.combined;
  const mqlOut = out.mql;
  // Both MQL rules are one test on the rubric's bounds: no branch on the rule inside the loop.
  const { fitMin, intentMin, combinedMin } = rubric;
  const handRaise = handRaiseMask(rubric);
  const demo = rubric.demoForm;
  // The ICP-demo override compares undecayed fit; Infinity switches it off.
  const icpDemoMinFit = rubric.config.handRaise === 'icp-demo' ? rubric.config.icpMinFit : Infinity;
  const fitColumns = FIT_SIGNALS.map((signal) => columns[signal]);
  const intentColumns = INTENT_SIGNALS.map((signal) => columns[signal]);
  const words = wordViews(fitColumns, intentColumns);
  for (let base = 0; base < count; base += CHUNK) {
    const n = Math.min(CHUNK, count - base);
    const packed = words === null ? 0 : packWords(words, base >>> 2, n >>> 2);
    packLeads(fitColumns, intentColumns, base, packed << 2, n);
    for (let k = 0; k < n; k++) {
      const i = base + k;
      const factor = rubric.decayFactor(days[i]!);
      const rawFit = fitPoints[fitMasks[k]!]!;
      const fit = rawFit * factor;
      const intent = intentPoints[intentMasks[k]!]! * factor;
      const combined = fit + intent;
      combinedOut[i] = combined;
      const form = forms[i]!;
      // Bitwise rather than short-circuit: no data-dependent branches, which the MQL mix would mispredict.
      mqlOut[i] = (+(fit >= fitMin) & +(intent >= intentMin) & +(combined >= combinedMin)) | ((handRaise >>> form) & 1) | (+(form === demo) & +(rawFit >= icpDemoMinFit));
    }
  }
}

/** 32-bit views of the signal columns (four leads per word), or null when a column does not start on a word. */
function wordViews(fitColumns: Uint8Array[], intentColumns: Uint8Array[]): { fit: Uint32Array[]; intent: Uint32Array[] } | null {
  const all = [...fitColumns, ...intentColumns];
  if (all.some((column) => column.byteOffset % 4 !== 0)) return null;
  const view = (column: Uint8Array): Uint32Array => new Uint32Array(column.buffer, column.byteOffset, column.length >>> 2);
  return { fit: fitColumns.map(view), intent: intentColumns.map(view) };
}

const LOW_BITS = 0x01010101;

/**
 * Packs `wordCount` words (four leads each) from word `firstWord` into the chunk's mask buffers. Every byte
 * lane gets column c's lowest bit at bit c, and no lane can carry into the next (at most 7 bits are set).
 */
function packWords(words: { fit: Uint32Array[]; intent: Uint32Array[] }, firstWord: number, wordCount: number): number {
  const [f0, f1, f2, f3, f4] = words.fit as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  const [i0, i1, i2, i3, i4, i5, i6] = words.intent as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  for (let k = 0; k < wordCount; k++) {
    const j = firstWord + k;
    fitMaskWords[k] = (f0[j]! & LOW_BITS) | ((f1[j]! & LOW_BITS) << 1) | ((f2[j]! & LOW_BITS) << 2) | ((f3[j]! & LOW_BITS) << 3) | ((f4[j]! & LOW_BITS) << 4);
    intentMaskWords[k] =
      (i0[j]! & LOW_BITS) | ((i1[j]! & LOW_BITS) << 1) | ((i2[j]! & LOW_BITS) << 2) | ((i3[j]! & LOW_BITS) << 3) | ((i4[j]! & LOW_BITS) << 4) | ((i5[j]! & LOW_BITS) << 5) | ((i6[j]! & LOW_BITS) << 6);
  }
  return wordCount;
}

/** Packs leads `from` to `n` of the chunk starting at `base` one at a time: the tail, or every lead of unaligned columns. */
function packLeads(fitColumns: Uint8Array[], intentColumns: Uint8Array[], base: number, from: number, n: number): void {
  for (let k = from; k < n; k++) {
    let fit = 0;
    let intent = 0;
    for (let c = 0; c < fitColumns.length; c++) fit |= (fitColumns[c]![base + k]! & 1) << c;
    for (let c = 0; c < intentColumns.length; c++) intent |= (intentColumns[c]![base + k]! & 1) << c;
    fitMasks[k] = fit;
    intentMasks[k] = intent;
  }
}

/** Bit f set when form f is a hand-raise that qualifies regardless of points. */
function handRaiseMask(rubric: Rubric): number {
  let mask = 0;
  for (let form = 0; form < FORM_TYPES.length; form++) if (rubric.handRaiseForms[form] === 1) mask |= 1 << form;
  return mask;
}
