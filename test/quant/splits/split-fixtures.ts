import { SEGMENT, isEvaluation, type SegmentName, type SplitPlan } from '../../../src/quant/splits/split-plan.js';
import type { SegmentRows } from '../../../src/quant/splits/assign-segments.js';

/** Rows of a table from each ticker's sorted dates. */
export function rowsOf(datesPerTicker: readonly (readonly number[])[]): SegmentRows {
  const offsets = new Int32Array(datesPerTicker.length + 1);
  datesPerTicker.forEach((d, i) => (offsets[i + 1] = offsets[i]! + d.length));
  return { date: Int32Array.from(datesPerTicker.flat()), offsets };
}

/** Days from..to inclusive. */
export function days(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function segmentNames(segment: Int8Array): string {
  return Array.from(segment, (s) => (s === SEGMENT.none ? '.' : 'TVX'[s])).join('');
}

function declared(plan: SplitPlan, day: number): SegmentName | null {
  return plan.ranges.find((r) => r.start <= day && day <= r.end)?.segment ?? null;
}

/**
 * Every way an assignment could leak, as readable lines (empty when none):
 * - a kept row's label window [t, t + h] reaches a row of another evaluation segment
 *   (kept, or declared by the plan's ranges);
 * - a kept train row has an evaluation row (declared) within its previous h + lookback rows;
 * - a kept row lies outside the ranges of its segment.
 */
export function leaks(rows: SegmentRows, plan: SplitPlan, segment: Int8Array): string[] {
  const out: string[] = [];
  const names: SegmentName[] = ['train', 'val', 'test'];
  for (let i = 0; i + 1 < rows.offsets.length; i++) {
    const [first, end] = [rows.offsets[i]!, rows.offsets[i + 1]!];
    for (let t = first; t < end; t++) {
      if (segment[t] === SEGMENT.none) continue;
      const own = names[segment[t]!]!;
      if (declared(plan, rows.date[t]!) !== own) out.push(`row ${t} kept as ${own} outside its ranges`);
      for (let u = t + 1; u <= Math.min(t + plan.horizon, end - 1); u++) {
        const kept = segment[u] === SEGMENT.none ? null : names[segment[u]!]!;
        for (const other of [kept, declared(plan, rows.date[u]!)]) {
          if (other && other !== own && isEvaluation(other)) out.push(`${own} row ${t} label window reaches ${other} row ${u}`);
        }
      }
      if (own !== 'train') continue;
      for (let u = Math.max(first, t - plan.horizon - plan.lookback); u < t; u++) {
        const other = declared(plan, rows.date[u]!);
        if (other && isEvaluation(other)) out.push(`train row ${t} within horizon + lookback after ${other} row ${u}`);
      }
    }
  }
  return out;
}
