/**
 * Why a compute backend could not be set up. The training stages put its hint into the
 * message they report; this class stays here so that `src/quant` imports nothing from the engine.
 */
export type BackendErrorCode =
  /** The backend (or every candidate of `auto`/`tensorflow`) failed to load. */
  | 'backend-unavailable'
  /** The request itself is wrong: an unknown choice, a thread count that is not an integer >= 1. */
  | 'backend-options';

export class BackendError extends Error {
  readonly code: BackendErrorCode;
  /** What to do about it, when there is something better to say than the message. */
  readonly hint: string | undefined;

  constructor(code: BackendErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackendError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** The first line of an error's message, for one-line reasons in a backend description. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'message' in error
    ? String((error as { message: unknown }).message) : String(error);
  const line = text.split('\n').find((part) => part.trim() !== '') ?? 'unknown error';
  return line.trim();
}
