/**
 * The differential Sharpe ratio of Moody & Saffell ("Reinforcement learning for trading",
 * 1998; "Learning to trade via direct reinforcement", 2001): the first-order effect of
 * return R_t on an exponentially weighted Sharpe ratio, from running moments
 *   A_t = A_{t-1} + eta (R_t - A_{t-1})      (first moment)
 *   B_t = B_{t-1} + eta (R_t^2 - B_{t-1})    (second moment)
 *   D_t = (B_{t-1} dA_t - A_{t-1} dB_t / 2) / (B_{t-1} - A_{t-1}^2)^(3/2)
 * with dA_t = A_t - A_{t-1}, dB_t = B_t - B_{t-1}. D_t is 0 while the running variance
 * B_{t-1} - A_{t-1}^2 is not above `minVariance`: starting from A = B = 0 it is 0, and just
 * after it is tiny, and dividing by its 3/2 power would swamp every other reward term.
 */

/** A_t from A_{t-1} and R_t. */
export function nextMomentA(aPrev: number, r: number, eta: number): number {
  return aPrev + eta * (r - aPrev);
}

/** B_t from B_{t-1} and R_t. */
export function nextMomentB(bPrev: number, r: number, eta: number): number {
  return bPrev + eta * (r * r - bPrev);
}

/** D_t from the moments before the step and its return R_t; 0 while B_{t-1} - A_{t-1}^2 <= minVariance. */
export function differentialSharpe(aPrev: number, bPrev: number, r: number, eta: number, minVariance = 0): number {
  const variance = bPrev - aPrev * aPrev;
  if (!(variance > minVariance)) return 0;
  const dA = eta * (r - aPrev);
  const dB = eta * (r * r - bPrev);
  return (bPrev * dA - 0.5 * aPrev * dB) / (variance * Math.sqrt(variance));
}

/** D_1 .. D_T of a return series, moments starting at A_0 = B_0 = 0 (allocates; for analysis and tests). */
export function differentialSharpeSeries(returns: ArrayLike<number>, eta: number, minVariance = 0): Float64Array {
  const out = new Float64Array(returns.length);
  let a = 0;
  let b = 0;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    out[t] = differentialSharpe(a, b, r, eta, minVariance);
    a = nextMomentA(a, r, eta);
    b = nextMomentB(b, r, eta);
  }
  return out;
}
