/**
 * Input the backtest engine cannot run on: says what was expected, what was found and a
 * hint. The stage layer turns it into the project's `E_DATA` error; this class stays here
 * so that `src/quant` imports nothing from the engine.
 */
export class BacktestInputError extends Error {
  /** What to do about it. */
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(`${message}\n  hint: ${hint}`);
    this.name = 'BacktestInputError';
    this.hint = hint;
  }
}
