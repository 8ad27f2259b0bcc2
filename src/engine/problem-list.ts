/**
 * Collects problems for one pipeline file, attaching file, line, column and the source
 * line from a JSON pointer, so validation can report everything at once.
 */
import type { ErrorCode, Problem } from './errors.js';
import type { SourceLocator } from './source-locator.js';

export class ProblemList {
  readonly items: Problem[] = [];

  constructor(
    readonly file: string,
    private readonly locator?: SourceLocator,
  ) {}

  /** Adds a problem located at the value (or key) a JSON pointer names. */
  at(pointer: string, code: ErrorCode, message: string, options: { hint?: string; at?: 'value' | 'key' } = {}): void {
    const pos = this.locator?.locate(pointer, options.at ?? 'value');
    this.items.push({
      code,
      message,
      file: this.file,
      pointer,
      ...(pos ? { line: pos.line, col: pos.col, length: pos.length, sourceLine: pos.sourceLine } : {}),
      ...(options.hint ? { hint: options.hint } : {}),
    });
  }

  /** Adds a problem located at a character range of the source text. */
  atOffsets(start: number, end: number, problem: Omit<Problem, 'file'>): void {
    const pos = this.locator?.positionOfOffsets(start, end);
    this.items.push({
      ...problem,
      file: this.file,
      ...(pos ? { line: pos.line, col: pos.col, length: pos.length, sourceLine: pos.sourceLine } : {}),
    });
  }

  add(problem: Problem): void {
    this.items.push(problem);
  }

  /** An empty list for the same file, to try something and adopt its problems later. */
  fork(): ProblemList {
    return new ProblemList(this.file, this.locator);
  }

  adopt(other: ProblemList): void {
    this.items.push(...other.items);
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** Problems ordered by line then column, as a compiler prints them. */
  sorted(): Problem[] {
    return [...this.items].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  }
}
