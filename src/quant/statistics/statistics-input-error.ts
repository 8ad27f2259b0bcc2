/**
 * Bad input to a test of significance or a distribution function: says which function,
 * what it expected, what it found and how to fix it. The stage layer turns it into the
 * project's `E_DATA` error; this class stays here so that `src/quant` imports nothing
 * from the engine.
 */
export class StatisticsInputError extends Error {
  /** What the caller can do about it. */
  readonly hint: string;

  constructor(options: { where: string; expected: string; found: string; hint: string }) {
    super(`${options.where}: expected ${options.expected}, found ${options.found}; hint: ${options.hint}`);
    this.name = 'StatisticsInputError';
    this.hint = options.hint;
  }
}
