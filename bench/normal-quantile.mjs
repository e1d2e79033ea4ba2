// The engine's normal quantile (Acklam's approximation, src/random/distributions.ts) against the library one it
// replaced on the hot path: worst error over a fine grid and the tails, and the speed ratio. Run after a build:
//   node bench/normal-quantile.mjs
import quantile from '@stdlib/stats-base-dists-normal-quantile';
import { standardNormal } from '../dist/src/random/distributions.js';

let worst = 0;
let worstAt = 0;
const grid = Array.from({ length: 1_999_999 }, (_, i) => (i + 1) / 2_000_000);
for (const u of [...grid, 1e-12, 1e-9, 1e-6, 1 - 1e-9]) {
  const exact = quantile(u, 0, 1);
  // Relative error, absolute near the median where the quantile is close to 0.
  const error = Math.abs(standardNormal(u) - exact) / Math.max(1, Math.abs(exact));
  if (error > worst) [worst, worstAt] = [error, u];
}
console.log(`worst error ${worst.toExponential(2)} (at u = ${worstAt})`);

const N = 5_000_000;
let sink = 0;
const time = (f) => {
  const start = process.hrtime.bigint();
  for (let i = 1; i < N; i++) sink += f(i / N);
  return Number(process.hrtime.bigint() - start);
};
const library = (u) => quantile(u, 0, 1);
// One untimed pass each lets the JIT settle; then alternate, so neither side always runs first.
time(library);
time(standardNormal);
const ratios = [0, 1, 2].map((run) => (run % 2 === 0 ? time(library) / time(standardNormal) : 1 / (time(standardNormal) / time(library))));
console.log(`library time / Acklam time: ${ratios.map((r) => r.toFixed(1)).join(', ')} (3 runs, ${N.toLocaleString('en-US')} calls each)`);
