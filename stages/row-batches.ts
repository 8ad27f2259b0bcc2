/**
 * Streams a table in batches of whole row groups (whole tickers, when `indicators` wrote
 * it), reading the chosen columns into buffers allocated once: a 2 GB feature table passes
 * through a stage in about 64 MB of memory, and no batch first-touches fresh pages.
 */
import type { StageContext } from '../src/engine/contract.js';
import { allocateColumn, type Column } from '../src/io/column.js';
import type { TableSource } from '../src/io/table-file.js';

export interface RowBatch {
  /** Rows [start, end) of the table. */
  start: number;
  end: number;
  /** The batch's columns (views of the reused buffers: valid until the next batch). */
  columns: Map<string, Column>;
}

export class RowBatches {
  /** The most rows any batch holds. */
  readonly capacity: number;
  private readonly bounds: number[];
  private buffers: Map<string, Column> | undefined;

  constructor(
    private readonly source: TableSource,
    private readonly names: readonly string[],
  ) {
    this.bounds = [0];
    for (const rows of source.rowGroupRows) this.bounds.push(this.bounds[this.bounds.length - 1]! + rows);
    this.capacity = Math.max(0, ...source.rowGroupRows);
  }

  /** Yields every batch in order, reporting progress as `<what> <done>/<total> rows`. */
  *read(what: string, ctx: Pick<StageContext, 'progress'>): Generator<RowBatch> {
    const total = this.source.rows;
    for (let g = 0; g + 1 < this.bounds.length; g++) {
      const [start, end] = [this.bounds[g]!, this.bounds[g + 1]!];
      if (end === start) continue;
      const columns = this.source.read({ columns: this.names, start, end, into: this.reuse() });
      yield { start, end, columns };
      ctx.progress({ done: end, total, message: `${what}: ${end}/${total} rows` });
    }
  }

  private reuse(): Map<string, Column> {
    if (this.buffers) return this.buffers;
    const kinds = new Map(this.source.columns.map((c) => [c.name, c.kind]));
    this.buffers = new Map(
      this.names.map((name): [string, Column] => {
        const kind = kinds.get(name);
        if (!kind) throw new Error(`the table has no column '${name}'`);
        return [name, allocateColumn(kind, this.capacity)];
      }),
    );
    return this.buffers;
  }
}
