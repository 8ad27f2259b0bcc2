/**
 * Data that a trained model cannot be applied to (a missing column, an unseen ticker, too
 * few rows), said in the user's terms with what to do about it. Stages may not import the
 * engine's error type, so the CLI turns this one into an `E_DATA` (or, for a backend that
 * cannot start, `E_USAGE`) error: exit 2.
 */
export class InferenceInputError extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    readonly hint?: string,
    /** The data file the problem is in, when it is in one. */
    readonly file?: string,
    /** `data`: the prices or the run's artifacts; `backend`: the compute backend cannot start here. */
    readonly problem: 'data' | 'backend' = 'data',
  ) {
    super(message);
    this.name = 'InferenceInputError';
  }
}
