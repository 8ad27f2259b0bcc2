/**
 * The transformer's learning rate: linear warm-up, then inverse-square-root decay.
 * "Attention is all you need" (§5.3) sets lr = dModel^-0.5 * min(step^-0.5, step * warmup^-1.5),
 * whose peak, reached at step = warmup, is dModel^-0.5 * warmup^-0.5: tied to the model
 * width and the warm-up length. Here the peak is explicit, so changing either leaves the
 * largest step size where the params put it:
 *
 *   lr(step) = peak * step / warmupSteps          for step <= warmupSteps
 *   lr(step) = peak * sqrt(warmupSteps / step)     after
 *
 * which is the paper's curve scaled to `peak` (continuous at step = warmupSteps; a quarter
 * of the peak after 16x the warm-up).
 */

export interface WarmupSchedule {
  /** The largest learning rate, reached at the end of the warm-up (> 0). */
  peak: number;
  /** Updates of linear warm-up (integer >= 0; the seed used 4,000). 0 and 1 both mean no warm-up: the first update gets `peak`. */
  warmupSteps: number;
}

/**
 * The learning rate of update number `step`, counted from 1 (the first update is step 1,
 * as Adam counts them), so that the first update gets peak / warmupSteps and not zero.
 */
export function learningRate(step: number, schedule: WarmupSchedule): number {
  const { peak, warmupSteps } = schedule;
  if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`learning-rate step must be an integer >= 1 (updates count from 1), got ${step}`);
  if (!(peak > 0 && Number.isFinite(peak))) throw new RangeError(`peak learning rate must be finite and > 0, got ${peak}`);
  if (!Number.isSafeInteger(warmupSteps) || warmupSteps < 0) throw new RangeError(`warmupSteps must be an integer >= 0, got ${warmupSteps}`);
  const warmup = Math.max(warmupSteps, 1);
  return step <= warmup ? (peak * step) / warmup : peak * Math.sqrt(warmup / step);
}
