/**
 * The best model value in each ranked column (one with `better`), for the HTML and Markdown
 * tables to mark. Baselines never compete, strings (a Sharpe with its interval) are not
 * ranked, and a column needs two finite model values to have a best.
 */
import type { ReportRow, ReportTable } from './report-model.js';

/** Best value by column key, for the ranked columns that have one. */
export function bestValues(table: ReportTable): Map<string, number> {
  const best = new Map<string, number>();
  for (const column of table.columns) {
    if (!column.better) continue;
    const values = table.rows
      .filter((row) => !row.baseline)
      .map((row) => row.values[column.key])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length < 2) continue;
    best.set(column.key, column.better === 'higher' ? Math.max(...values) : Math.min(...values));
  }
  return best;
}

/** True when `row`'s value in column `key` is that column's best (ties all count). */
export function isBest(best: Map<string, number>, row: ReportRow, key: string): boolean {
  return !row.baseline && best.has(key) && row.values[key] === best.get(key);
}
