/**
 * The one error type of tradelab. Every problem a user can cause (bad YAML, a wrong
 * type, an unknown stage kind, a failed stage) is a `Problem` with a closed `code`,
 * a location when there is one, and a hint. `TradelabError` carries one or more of them.
 */

export type ErrorCode =
  | 'E_YAML'
  | 'E_DUPLICATE_KEY'
  | 'E_SCHEMA'
  | 'E_PARAMS'
  | 'E_UNKNOWN_KIND'
  | 'E_UNKNOWN_STAGE'
  | 'E_UNKNOWN_PORT'
  | 'E_MISSING_INPUT'
  | 'E_PORT_TYPE'
  | 'E_CYCLE'
  | 'E_DUPLICATE_ID'
  | 'E_UNRESOLVED_VAR'
  | 'E_BAD_OVERRIDE'
  | 'E_TOO_MANY_VARIANTS'
  | 'E_FILE'
  | 'E_USAGE'
  | 'E_DATA'
  | 'E_STORE'
  | 'E_LOCK'
  | 'E_STAGE_FAILED'
  | 'E_NOT_FOUND';

export interface Problem {
  code: ErrorCode;
  message: string;
  /** File the problem is in, relative to the working directory when possible. */
  file?: string;
  /** 1-based line and column. */
  line?: number;
  col?: number;
  /** Length of the offending span, for the caret underline. */
  length?: number;
  /** JSON pointer into the pipeline document, e.g. `/stages/lstm/with/units`. */
  pointer?: string;
  hint?: string;
  /** The source line the problem points at, filled in by the loader. */
  sourceLine?: string;
}

export class TradelabError extends Error {
  readonly problems: Problem[];
  readonly code: ErrorCode;

  constructor(problems: Problem | Problem[], options?: { cause?: unknown }) {
    const list = Array.isArray(problems) ? problems : [problems];
    if (list.length === 0) throw new Error('TradelabError needs at least one problem');
    super(list.map((p) => p.message).join('\n'), options);
    this.name = 'TradelabError';
    this.problems = list;
    this.code = list[0]!.code;
  }
}

/** Shorthand for a single-problem error. */
export function fail(code: ErrorCode, message: string, extra: Omit<Problem, 'code' | 'message'> = {}): never {
  throw new TradelabError({ code, message, ...extra });
}

export function isTradelabError(error: unknown): error is TradelabError {
  return error instanceof TradelabError;
}
