/**
 * Input a performance or scoring metric cannot be computed from: says which function,
 * what it expected, what it found and how to fix it. The stage layer turns it into the
 * project's `E_DATA` error; this class stays here so that `src/quant` imports nothing
 * from the engine.
 */
export class MetricsInputError extends Error {
  /** What the caller can do about it. */
  readonly hint: string;

  constructor(options: { where: string; expected: string; found: string; hint: string }) {
    super(`${options.where}: expected ${options.expected}, found ${options.found}; hint: ${options.hint}`);
    this.name = 'MetricsInputError';
    this.hint = options.hint;
  }
}

/** Throws a `MetricsInputError` naming the first non-finite entry of `values`, if any. */
export function requireFinite(values: ArrayLike<number>, where: string, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new MetricsInputError({
        where,
        expected: `finite numbers in ${name}`,
        found: `${v} at index ${i}`,
        hint: 'drop warm-up or missing rows before computing metrics; a NaN here would silently poison every ratio',
      });
    }
  }
}
