/**
 * Direction labels: the sign of the forward return over `horizon` trading rows.
 *
 * 1. `forwardReturns` gives r[t] = close[t + h] / close[t] - 1 within one ticker (NaN past
 *    the ticker's last row or where a close is NaN).
 * 2. Each r is classed, strictly:
 *    - binary:  1 (up) if r > 0, else 0 (down or flat; r = 0 is 0).
 *    - ternary: 2 (up) if r > +deadZone, 0 (down) if r < -deadZone, else 1 (flat),
 *      so |r| <= deadZone is flat, both bounds included.
 *    - r NaN -> NO_LABEL (-1), the "no label" mark the split drops.
 */
import { assertHorizon, forwardReturns } from './forward-returns.js';

/** The label of a row whose forward return is NaN (its window runs past the ticker's data). */
export const NO_LABEL = -1;

export type DirectionLabelKind = 'binary' | 'ternary';

export interface DirectionClassOptions {
  kind: DirectionLabelKind;
  /** Ternary only: returns with |r| <= deadZone are flat (1). A finite number >= 0; default 0. Binary ignores it. */
  deadZone?: number;
}

export interface DirectionLabelOptions extends DirectionClassOptions {
  close: Float64Array;
  /** Row range of ticker i: `offsets[i]` .. `offsets[i + 1]`. */
  offsets: Int32Array;
  /** Trading rows ahead, an integer >= 1. */
  horizon: number;
}

export interface DirectionLabels {
  forwardReturn: Float64Array;
  /** Binary 0/1 or ternary 0/1/2; NO_LABEL (-1) where the forward return is NaN. */
  label: Int8Array;
  /** Rows with NO_LABEL. */
  unlabeled: number;
}

/** Forward returns and their direction labels for every row of a price table. */
export function directionLabels(options: DirectionLabelOptions): DirectionLabels {
  assertHorizon(options.horizon);
  const forwardReturn = forwardReturns(options.close, options.offsets, options.horizon);
  const label = classifyDirection(forwardReturn, options);
  let unlabeled = 0;
  for (let i = 0; i < label.length; i++) if (label[i] === NO_LABEL) unlabeled++;
  return { forwardReturn, label, unlabeled };
}

/** Classes each forward return as described in this module's header. */
export function classifyDirection(forwardReturn: Float64Array, options: DirectionClassOptions): Int8Array {
  const label = new Int8Array(forwardReturn.length);
  if (options.kind === 'binary') {
    for (let i = 0; i < forwardReturn.length; i++) {
      const r = forwardReturn[i]!;
      label[i] = r !== r ? NO_LABEL : r > 0 ? 1 : 0;
    }
    return label;
  }
  if (options.kind !== 'ternary') throw new RangeError(`label kind must be 'binary' or 'ternary' (got '${String(options.kind)}')`);
  const dz = options.deadZone ?? 0;
  if (!Number.isFinite(dz) || dz < 0) throw new RangeError(`dead zone must be a finite number >= 0 (got ${dz})`);
  for (let i = 0; i < forwardReturn.length; i++) {
    const r = forwardReturn[i]!;
    label[i] = r !== r ? NO_LABEL : r > dz ? 2 : r < -dz ? 0 : 1;
  }
  return label;
}
