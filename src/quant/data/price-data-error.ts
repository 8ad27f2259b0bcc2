/** One problem in price data, located like a compiler message: `file:line`, optionally a column. */
export interface PriceDataIssue {
  /** The source's name as the caller gave it (usually a path). */
  file: string;
  /** 1-based line number in the file; the header is line 1. */
  line: number;
  /** The canonical column (`date`, `ticker`, `open`, ..., `volume`) the problem is in, when one is. */
  column?: string;
  message: string;
  /** What to do about it, when there is something better to say than the message. */
  hint?: string;
}

/**
 * Bad price data, with every problem found (up to a cap) rather than only the first.
 * The stage layer turns it into the project's `E_DATA` error; this class stays here so
 * that `src/quant` imports nothing from the engine.
 */
export class PriceDataError extends Error {
  /** The first problems in (source order, line) order; at most the cap the parser was given. */
  readonly issues: readonly PriceDataIssue[];
  /** How many problems there were in all; more than `issues.length` when the cap was hit. */
  readonly total: number;

  constructor(issues: readonly PriceDataIssue[], total = issues.length) {
    super(renderIssues(issues, total));
    this.name = 'PriceDataError';
    this.issues = issues;
    this.total = total;
  }
}

function renderIssues(issues: readonly PriceDataIssue[], total: number): string {
  const head = total === 1 ? 'bad price data: 1 problem' : `bad price data: ${total} problems`;
  const lines = issues.map((issue) => {
    const where = `${issue.file}:${issue.line}`;
    const column = issue.column === undefined ? '' : ` ${issue.column}`;
    const hint = issue.hint === undefined ? '' : `\n    hint: ${issue.hint}`;
    return `  ${where}${column}: ${issue.message}${hint}`;
  });
  if (total > issues.length) lines.push(`  ... and ${total - issues.length} more`);
  return [head, ...lines].join('\n');
}
