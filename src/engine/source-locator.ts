/**
 * Maps JSON pointers into a parsed YAML document back to line and column, so every
 * problem can point at the text the user wrote. A pointer that has no node (a missing
 * property) falls back to its nearest ancestor that has one, and an empty document to 1:1.
 * Aliases and `<<` merge keys are followed on the way down; a value that is an alias is
 * located at the alias (`*base`), where the user wrote it.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import { splitPointer } from './json-pointer.js';

export interface SourcePosition {
  line: number;
  col: number;
  length: number;
  sourceLine: string;
}

export class SourceLocator {
  private readonly lines: string[];

  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    text: string,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /** Position of the value at `pointer`, or of its key when `at` is `key`. */
  locate(pointer: string, at: 'value' | 'key' = 'value'): SourcePosition | undefined {
    let node: unknown = this.doc.contents;
    let found: { node: unknown; pair?: Pair } = { node };
    for (const segment of splitPointer(pointer)) {
      const next = this.child(node, segment);
      if (!next) break;
      found = next;
      node = next.node;
    }
    const target = at === 'key' && found.pair ? found.pair.key : found.node;
    return this.positionOf(target as Node | null | undefined) ?? this.positionOfOffsets(0, 0);
  }

  /** Position of a byte offset range (YAML parse errors carry these). */
  positionOfOffsets(start: number, end: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(start);
    const text = this.lines[line - 1] ?? '';
    const length = Math.max(1, Math.min(end - start, text.length - col + 1));
    return { line, col, length, sourceLine: text };
  }

  private child(node: unknown, segment: string): { node: unknown; pair?: Pair } | undefined {
    const resolved = isAlias(node) ? node.resolve(this.doc) : node;
    if (isMap(resolved)) {
      const pair = resolved.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (pair) return { node: pair.value ?? pair.key, pair };
      return this.mergedChild(resolved.items, segment);
    }
    if (isSeq(resolved)) {
      const item = resolved.items[Number(segment)];
      return item === undefined ? undefined : { node: item };
    }
    return undefined;
  }

  /** A key that a map takes from a `<<: *base` (or `<<: [*a, *b]`) merge, first source first. */
  private mergedChild(items: readonly Pair[], segment: string): { node: unknown; pair?: Pair } | undefined {
    for (const item of items) {
      if (!isScalar(item.key) || typeof item.key.value !== 'symbol' || item.key.value.description !== '<<') continue;
      const value = isAlias(item.value) ? item.value.resolve(this.doc) : item.value;
      for (const source of isSeq(value) ? value.items : [value]) {
        const found = this.child(source, segment);
        if (found) return found;
      }
    }
    return undefined;
  }

  private positionOf(node: Node | null | undefined): SourcePosition | undefined {
    const range = node && 'range' in node ? node.range : undefined;
    if (!range) return undefined;
    return this.positionOfOffsets(range[0], range[1]);
  }
}
