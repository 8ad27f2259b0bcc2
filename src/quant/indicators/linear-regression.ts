import { rollingLinearSums } from './rolling-sum.js';

/**
 * Least-squares slope of x against time over the last n rows, per row (TA-Lib `LINEARREG_SLOPE`), in
 * price units per row, from running sums: with S = Σ x and W = Σ j·x_j (j = 1..n, newest n),
 * slope = (n·W − S·n(n+1)/2) / (n²(n²−1)/12).
 */
export function linregSlope(x: Float64Array, n: number): Float64Array {
  const { sum, weighted } = rollingLinearSums(x, n);
  const sumJ = (n * (n + 1)) / 2;
  const denominator = (n * n * (n * n - 1)) / 12;
  for (let t = 0; t < x.length; t++) weighted[t] = (n * weighted[t]! - sumJ * sum[t]!) / denominator;
  return weighted;
}
