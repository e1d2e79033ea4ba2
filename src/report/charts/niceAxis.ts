/**
 * Steps a value axis counts in, per power of ten: 1, 2, 2.5 or 5 of it (0, 50, 100, ... not 0, 40, 80, ...). 2.5 keeps a
 * peak of 1,525 on an axis to 1,600, not 2,000, where the line would fill half the panel.
 */
const STEPS = [1, 2, 2.5, 5, 10];
/** Fewest intervals an axis is given when a step allows: 0, 10, 20 says too little. */
const FEWEST = 4;

/**
 * A y scale from 0 that ends on a labelled tick at or above `top` (at most `most` intervals): an axis whose last
 * label sits below the end of the plot (250 on a plot that runs to 252) reads as cut off. Of the steps that fit, the one
 * whose axis ends nearest the top, and of those the coarsest. The labels print the decimals the step needs: vega's own
 * format, picked for the domain, printed 2.5 and 7.5 as "3" and "8".
 */
export function niceAxis(top: number, most = 8): { scale: { domain: [number, number] }; axis: { values: number[]; format: string } } {
  const target = top > 0 ? top : 1;
  const magnitude = 10 ** Math.floor(Math.log10(target / most));
  const fits = STEPS.map((multiple) => Number((multiple * magnitude).toPrecision(12)))
    .map((step) => ({ step, intervals: Math.ceil(target / step - 1e-9) }))
    .filter(({ intervals }) => intervals <= most);
  const roomy = fits.filter(({ intervals }) => intervals >= FEWEST);
  const { step, intervals } = (roomy.length > 0 ? roomy : fits).reduce((best, next) => (next.step * next.intervals <= best.step * best.intervals + 1e-9 * target ? next : best));
  // Rounded so 3 x 0.1 ends the axis at 0.3, the label printed there.
  const values = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  const decimals = String(step).split('.')[1]?.length ?? 0;
  return { scale: { domain: [0, values.at(-1)!] }, axis: { values, format: `,.${decimals}~f` } };
}
