/**
 * What a comparison report shows, as plain JSON-serializable data. The `compare` stage
 * builds it (metrics and statistics are computed there), writes it as `report.json`, and
 * hands it to `renderHtmlReport` and `renderMarkdownReport`, which only render.
 *
 * Numbers may be `null` where a value is missing; renderers also treat NaN and ±Infinity
 * as missing, since JSON turns them into `null` anyway. Nothing here holds a clock time:
 * the same inputs must give byte-identical reports.
 */

/** How a table cell is shown: a fraction as a percent, a plain ratio, a count, a p-value, or text as is. */
export type ColumnFormat = 'percent' | 'ratio' | 'integer' | 'pvalue' | 'text';

/** A table column. */
export interface ReportColumn {
  /** Key into each row's `values`. */
  key: string;
  /** Header text. */
  label: string;
  /** How the column's numbers are formatted; a string value is shown as is. */
  format: ColumnFormat;
  /**
   * Which way is better, to mark the best model (not baseline) in the column; absent: no
   * mark. Drawdowns stored as negative fractions are `higher` (closer to zero is better).
   */
  better?: 'higher' | 'lower';
}

/** Known strategy kinds; any other string is allowed and shown as is. */
export type StrategyKind = 'classifier' | 'rl' | 'ensemble' | 'baseline' | (string & {});

/** A table row: one strategy (model or baseline), pair of models, ticker, ... */
export interface ReportRow {
  /** Row label (a model or baseline name from the pipeline YAML; escaped when rendered). */
  name: string;
  /** What the row is; shown beside the name in the summary. */
  kind?: StrategyKind;
  /** True for reference strategies (buy-and-hold, ...): shown muted. */
  baseline?: boolean;
  /** Cell values by column key; a missing key renders like `null`. */
  values: Record<string, number | string | null>;
}

/** A table of rows under a shared column model. */
export interface ReportTable {
  /** Columns in display order; the row name is always the first, implicit column. */
  columns: ReportColumn[];
  /** Rows in display order. */
  rows: ReportRow[];
}

/** An extra statistics table (McNemar pairs, Diebold–Mariano, PSR/DSR, per-ticker metrics, IC). */
export interface StatisticsTable extends ReportTable {
  /** Stable identifier, used as the HTML anchor. */
  id: string;
  /** Heading. */
  title: string;
  /** One line on how to read the table (test, null hypothesis, correction). */
  note?: string;
}

/** The verdict of a comparison, in plain words. */
export interface Recommendation {
  /**
   * `best-model`: a model is named; `no-model-beats-buy-and-hold`; `no-clear-winner`: models
   * beat buy-and-hold but the best cannot be told from the runner-up; `insufficient-data`.
   */
  verdict: 'best-model' | 'no-model-beats-buy-and-hold' | 'no-clear-winner' | 'insufficient-data';
  /** One or two sentences, shown first. */
  text: string;
  /** Supporting points (the test that decided it, its p-value, caveats). */
  details?: string[];
}

/** Where the report came from: identifiers only, never a time. */
export interface ReportProvenance {
  /** The stage id that produced the report. */
  stage: string;
  /** That stage's content key. */
  key?: string;
  /** Input artifact ids (or upstream keys) by name. */
  inputs?: Record<string, string>;
}

/** One strategy's line in a chart. */
export interface CurveSeries {
  /** Strategy name; the same name gets the same colour in every chart. */
  name: string;
  /** Baselines are drawn dashed. */
  baseline?: boolean;
  /** One value per date (wealth, starting at 1 by convention); `null` is a gap. */
  values: (number | null)[];
}

/** Equity curves of one evaluation segment; drawdowns are derived from them when rendered. */
export interface EquityCurves {
  /** Which segment the curves replay. */
  segment: 'test' | 'val';
  /** ISO dates (YYYY-MM-DD), ascending, one per value. */
  dates: string[];
  /** All strategies over the segment. */
  series: CurveSeries[];
}

/** One metric of a training run over time. */
export interface LearningSeries {
  /** Metric name: `loss`, `val_loss`, `accuracy`, `val_accuracy`, `episode_return`, ... */
  name: string;
  /** Epoch, update or frame numbers. */
  x: number[];
  /** One value per x; `null` is a gap. */
  y: (number | null)[];
}

/** The training history of one model. */
export interface LearningCurves {
  /** Model name. */
  model: string;
  /** Unit of x. */
  xLabel: 'epoch' | 'update' | 'frames';
  /** Metrics; `val_<m>` is drawn in the same panel as `<m>`. */
  series: LearningSeries[];
}

/** A classifier's confusion matrix on the test segment. */
export interface ConfusionMatrix {
  /** Model name. */
  model: string;
  /** Class labels, in matrix order. */
  classes: string[];
  /** Counts: rows are true classes, columns predicted classes. */
  matrix: number[][];
}

/** One attention map from a transformer's probe. */
export interface AttentionMap {
  /** Model name. */
  model: string;
  /** Epoch the probe was taken at. */
  epoch: number;
  /** Layer index (0-based). */
  layer: number;
  /** Head index (0-based). */
  head: number;
  /** Window length L. */
  size: number;
  /** L x L weights, row-major: rows are query steps, columns key steps, oldest first. */
  values: number[];
}

/** Everything a report shows. Empty arrays mean "omit the section". */
export interface ReportModel {
  /** Page title. */
  title: string;
  /** Pipeline name. */
  pipeline: string;
  /** Provenance (stage id, keys). */
  generatedFrom: ReportProvenance;
  /** Conventions the numbers follow: periods per year, risk-free rate, units, fill timing. */
  conventions: Record<string, string | number>;
  /** Compute backend and versions, when known. */
  backend?: Record<string, string | number>;
  /** The verdict, shown first. */
  recommendation: Recommendation;
  /** One row per model and baseline: returns, risk, significance against buy-and-hold. */
  summary: ReportTable;
  /** Equity curves per evaluation segment. */
  equityCurves: EquityCurves[];
  /** Training histories. */
  learningCurves: LearningCurves[];
  /** Classifier confusion matrices. */
  confusionMatrices: ConfusionMatrix[];
  /** Transformer attention maps (may be empty). */
  attentionMaps: AttentionMap[];
  /** Statistics tables, in display order. */
  tables: StatisticsTable[];
  /** Free-text notes: fill timing, optimistic assumptions, skipped items. */
  notes: string[];
}
