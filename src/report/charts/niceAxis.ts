/** Steps a value axis counts in, per power of ten: 1, 2 or 5 of it (0, 50, 100, ... not 0, 40, 80, ...). */
const STEPS = [1, 2, 5, 10];

/**
 * A y scale from 0 that ends on a labelled tick at or above `top` (at most `most` intervals): an axis whose last
 * label sits below the end of the plot (250 on a plot that runs to 252) reads as cut off.
 */
export function niceAxis(top: number, most = 6): { scale: { domain: [number, number] }; axis: { values: number[] } } {
  const target = top > 0 ? top : 1;
  const magnitude = 10 ** Math.floor(Math.log10(target / most));
  const step = STEPS.map((multiple) => multiple * magnitude).find((candidate) => Math.ceil(target / candidate - 1e-9) <= most)!;
  const intervals = Math.ceil(target / step - 1e-9);
  // Rounded so 3 x 0.1 ends the axis at 0.3, the label printed there.
  const values = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { scale: { domain: [0, values.at(-1)!] }, axis: { values } };
}
