/**
 * Axes for the report's SVG charts:
 * 1. `linearScale` maps a data interval onto pixels;
 * 2. `niceTicks` picks round tick values (1, 2 or 5 times a power of ten) and widens the
 *    domain to whole steps, widening a zero-width domain so a constant series still draws;
 * 3. `dateTicks` picks calendar-aligned ticks (days, weeks, months, quarters, years) for a
 *    time axis and labels them in UTC with fixed English month names, never the host locale;
 * 4. `renderXAxis` and `renderYAxis` draw the tick marks, grid lines and labels.
 */
import { escapeHtml } from './escape-html.js';

/** A data-to-pixel mapping. */
export type Scale = (value: number) => number;

/** A tick: its data value and its label. */
export interface Tick {
  value: number;
  label: string;
}

/** Round ticks and the domain they span. */
export interface NiceTicks {
  /** The domain widened to whole steps (contains every input value). */
  domain: [number, number];
  /** Tick values, ascending, from domain[0] to domain[1]. */
  values: number[];
  /** Distance between ticks. */
  step: number;
}

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/** About `count` round ticks covering [min, max]; non-finite bounds give the domain [0, 1]. */
export function niceTicks(min: number, max: number, count = 5): NiceTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceTicks(0, 1, count);
  if (max < min) [min, max] = [max, min];
  // A span lost in rounding noise (or zero) is a constant series: centre it in a visible band.
  if (max - min <= Math.max(Math.abs(min), Math.abs(max)) * 1e-9 || max - min < 1e-12) {
    const centre = (min + max) / 2;
    const pad = Math.max(Math.abs(centre) * 0.1, 0.01);
    [min, max] = [centre - pad, centre + pad];
  }
  const step = niceStep((max - min) / Math.max(1, count));
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const digits = Math.min(20, Math.max(0, -Math.floor(Math.log10(step)) + 1));
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(Number((i * step).toFixed(digits)));
  return { domain: [values[0]!, values[values.length - 1]!], values, step };
}

/** 1, 2 or 5 times a power of ten, whichever is nearest `raw` on a log scale (as d3 does). */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const factor = norm >= Math.sqrt(50) ? 10 : norm >= Math.sqrt(10) ? 5 : norm >= Math.SQRT2 ? 2 : 1;
  return factor * magnitude;
}

/** Decimals needed to tell ticks `step` apart. */
export function stepDecimals(step: number): number {
  return Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * A tick label with the decimals `step` needs; from 10,000 up, k/M/G suffixes keep a
 * frame or step count short ("250k", "1.5M"). Never a negative zero; minus is typographic.
 */
export function formatTick(value: number, step: number): string {
  const magnitude = Math.max(Math.abs(value), step);
  const [divisor, suffix] = magnitude >= 1e9 ? [1e9, 'G'] : magnitude >= 1e6 ? [1e6, 'M'] : magnitude >= 1e4 ? [1e3, 'k'] : [1, ''];
  const text = (value / divisor).toFixed(stepDecimals(step / divisor)) + suffix;
  return text.replace(/^-(?=[0.]*[kMG]?$)/, '').replace(/^-/, '−');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

type Interval = { unit: 'day' | 'month' | 'year'; every: number };
const INTERVALS: Interval[] = [
  { unit: 'day', every: 1 }, { unit: 'day', every: 2 }, { unit: 'day', every: 7 }, { unit: 'day', every: 14 },
  { unit: 'month', every: 1 }, { unit: 'month', every: 2 }, { unit: 'month', every: 3 }, { unit: 'month', every: 6 },
  { unit: 'year', every: 1 }, { unit: 'year', every: 2 }, { unit: 'year', every: 5 }, { unit: 'year', every: 10 },
  { unit: 'year', every: 25 }, { unit: 'year', every: 50 }, { unit: 'year', every: 100 },
];

/**
 * Calendar-aligned ticks between two UTC times (ms), at most `maxTicks` of them, using
 * the finest interval that fits. Labels name the year on the first tick and wherever it changes.
 */
export function dateTicks(startMs: number, endMs: number, maxTicks = 8): Tick[] {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return [];
  if (endMs < startMs) [startMs, endMs] = [endMs, startMs];
  for (const interval of INTERVALS) {
    const values = intervalTicks(startMs, endMs, interval, maxTicks + 1);
    if (values.length <= maxTicks) return labelDates(values, interval);
  }
  return [];
}

/** Tick times of one interval inside [start, end]; stops counting past `limit`. */
function intervalTicks(start: number, end: number, { unit, every }: Interval, limit: number): number[] {
  const out: number[] = [];
  const first = new Date(start);
  if (unit === 'day') {
    // Weekly ticks fall on Mondays (1970-01-01 was a Thursday, hence the offset of 3).
    const offset = every === 7 || every === 14 ? 3 : 0;
    let day = Math.ceil(start / DAY_MS);
    while ((day + offset) % every !== 0) day++;
    for (; day * DAY_MS <= end && out.length < limit; day += every) out.push(day * DAY_MS);
    return out;
  }
  const months = unit === 'month' ? every : every * 12;
  let index = first.getUTCFullYear() * 12 + first.getUTCMonth();
  if (Date.UTC(Math.floor(index / 12), index % 12, 1) < start) index++;
  while (index % months !== 0) index++;
  for (; out.length < limit; index += months) {
    const time = Date.UTC(Math.floor(index / 12), index % 12, 1);
    if (time > end) break;
    out.push(time);
  }
  return out;
}

/** Labels: "1999" for year ticks; "Jul" (with the year when it changes) for months; "Jul 5" for days. */
function labelDates(values: number[], { unit }: Interval): Tick[] {
  let lastYear = Number.NaN;
  return values.map((value) => {
    const date = new Date(value);
    const year = date.getUTCFullYear();
    const month = MONTHS[date.getUTCMonth()]!;
    const newYear = year !== lastYear;
    lastYear = year;
    if (unit === 'year') return { value, label: String(year) };
    if (unit === 'month') return { value, label: newYear ? `${month} ${year}` : month };
    return { value, label: newYear ? `${month} ${date.getUTCDate()}, ${year}` : `${month} ${date.getUTCDate()}` };
  });
}

/** Plot-area bounds in pixels. */
export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Horizontal grid lines and left-hand labels for y ticks. */
export function renderYAxis(ticks: Tick[], scale: Scale, area: PlotArea): string {
  return ticks
    .map(({ value, label }) => {
      const y = px(scale(value));
      const zero = value === 0 ? ' class="zero"' : '';
      return `<line${zero} x1="${area.left}" x2="${area.right}" y1="${y}" y2="${y}"/>` +
        `<text x="${area.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(label)}</text>`;
    })
    .join('');
}

/** Estimated width of a 12px label (SVG cannot measure text without a script). */
const CHAR_WIDTH = 6.8;

/**
 * The x axis line, tick marks and labels below the plot. A label is centred on its tick
 * unless that would cross `maxX` (the SVG's right edge), when it ends at the tick instead.
 */
export function renderXAxis(ticks: Tick[], scale: Scale, area: PlotArea, maxX = Infinity): string {
  const parts = [`<line class="axis" x1="${area.left}" x2="${area.right}" y1="${area.bottom}" y2="${area.bottom}"/>`];
  for (const { value, label } of ticks) {
    const x = scale(value);
    const half = (label.length * CHAR_WIDTH) / 2;
    const anchor = x + half > maxX ? 'end' : x - half < 0 ? 'start' : 'middle';
    parts.push(`<line class="axis" x1="${px(x)}" x2="${px(x)}" y1="${area.bottom}" y2="${area.bottom + 4}"/>`);
    parts.push(`<text x="${px(x)}" y="${area.bottom + 16}" text-anchor="${anchor}">${escapeHtml(label)}</text>`);
  }
  return parts.join('');
}

/** A pixel coordinate with one decimal (small files, stable bytes). */
export function px(value: number): string {
  let text = value.toFixed(1);
  if (text.endsWith('.0')) text = text.slice(0, -2);
  return text === '-0' ? '0' : text;
}
