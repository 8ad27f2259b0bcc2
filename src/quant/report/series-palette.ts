/**
 * One colour and dash per strategy for the whole report, so a strategy looks the same in
 * the equity chart, the drawdown chart and every legend. Models take colours from a
 * qualitative palette in order of first appearance; baselines are greys, dashed.
 */

/** How one strategy is drawn. */
export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray, absent for solid lines. */
  dash?: string;
}

/** Tableau 10 reordered so neighbours contrast (its pale yellow last), then four darker hues. */
const MODEL_COLORS = [
  '#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#9c755f', '#ff9da7', '#edc948',
  '#1f5f8b', '#7b4173', '#637939', '#843c39',
];
/** Past the palette, colours repeat with a dot-dash (plain dashes mean a baseline). */
const REPEAT_DASH = '8 3 1 3';
const BASELINE_STYLES: SeriesStyle[] = [
  { color: '#3b3b3b', dash: '6 4' },
  { color: '#8a8a8a', dash: '2 3' },
  { color: '#5f5f5f', dash: '9 3 2 3' },
];

/** Builds the style table from strategies in display order. */
export function seriesPalette(strategies: { name: string; baseline?: boolean }[]): Map<string, SeriesStyle> {
  const styles = new Map<string, SeriesStyle>();
  let models = 0;
  let baselines = 0;
  for (const { name, baseline } of strategies) {
    if (styles.has(name)) continue;
    if (baseline) styles.set(name, BASELINE_STYLES[baselines++ % BASELINE_STYLES.length]!);
    else {
      const color = MODEL_COLORS[models % MODEL_COLORS.length]!;
      styles.set(name, models++ < MODEL_COLORS.length ? { color } : { color, dash: REPEAT_DASH });
    }
  }
  return styles;
}
