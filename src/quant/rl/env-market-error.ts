/**
 * A market the trading environment cannot run on, with every problem found (up to a cap)
 * rather than only the first. The stage layer turns it into the project's `E_DATA` error;
 * this class stays here so that `src/quant` imports nothing from the engine.
 */
export class EnvMarketError extends Error {
  /** The first problems found, in row order within each check; at most the cap. */
  readonly problems: readonly string[];
  /** How many problems there were in all; more than `problems.length` when the cap was hit. */
  readonly total: number;

  constructor(problems: readonly string[], total = problems.length) {
    const head = total === 1 ? 'bad environment market: 1 problem' : `bad environment market: ${total} problems`;
    const more = total > problems.length ? [`  ... and ${total - problems.length} more`] : [];
    super([head, ...problems.map((p) => `  ${p}`), ...more].join('\n'));
    this.name = 'EnvMarketError';
    this.problems = problems;
    this.total = total;
  }
}
