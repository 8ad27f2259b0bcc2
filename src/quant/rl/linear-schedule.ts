/**
 * A value that moves in a straight line from `start` to `end` over the first `fraction`
 * of training and then stays at `end`: DQN's exploration rate ε (1.0 → 0.01 over the
 * first 10%), prioritized replay's β (0.4 → 1 over all of training), a learning rate.
 */

/** The three numbers that define a linear schedule (plain JSON, as configs hold it). */
export interface LinearScheduleOptions {
  /** Value at progress 0. */
  start: number;
  /** Value from progress `fraction` on. */
  end: number;
  /** Share of training, in (0, 1], over which the value moves; 0 jumps to `end` at once. */
  fraction: number;
}

/** The value at `progress` (done share of training, clamped to [0, 1]). */
export type Schedule = (progress: number) => number;

/** A constant (a plain number) or a linear schedule, as a config field may give either. */
export type ScheduleSpec = number | LinearScheduleOptions;

export function linearSchedule(o: LinearScheduleOptions): Schedule {
  if (!Number.isFinite(o.start) || !Number.isFinite(o.end)) throw new RangeError(`linearSchedule: start and end must be finite, got ${o.start} and ${o.end}`);
  if (!(o.fraction >= 0 && o.fraction <= 1)) throw new RangeError(`linearSchedule: fraction must be in [0, 1], got ${o.fraction}`);
  const { start, end, fraction } = o;
  return (progress: number) => {
    const p = Math.min(1, Math.max(0, progress));
    // At or past the end fraction, return `end` exactly rather than start + (end - start) * 1,
    // which float rounding can leave one ulp away from it.
    if (p >= fraction) return end;
    return start + (end - start) * (p / fraction);
  };
}

/** A schedule from a config field: a number stays constant, options give `linearSchedule`. */
export function toSchedule(spec: ScheduleSpec): Schedule {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) throw new RangeError(`schedule: a constant must be finite, got ${spec}`);
    return () => spec;
  }
  return linearSchedule(spec);
}
