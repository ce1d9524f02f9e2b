// Positions: ast-grep reports zero-based lines and UTF-16 columns, which is what LSP and our findings use.
import type { SgNode } from '@ast-grep/napi';
import type { FindingRange } from '../../../shared/src/protocol/analysis.js';

export function nodeRange(n: SgNode): FindingRange {
  const r = n.range();
  return { start: { line: r.start.line, character: r.start.column }, end: { line: r.end.line, character: r.end.column } };
}

/** One line of at most `max` characters, for labels and messages. */
export function shorten(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function rangeContainsLine(r: FindingRange, line: number): boolean {
  return r.start.line <= line && line <= r.end.line;
}

/** ast-grep's node types are generic over a grammar type map we do not have for dynamic languages. */
export function kindOf(n: SgNode): string {
  return n.kind() as string;
}
export function fieldOf(n: SgNode, name: string): SgNode | null {
  return (n.field as unknown as (f: string) => SgNode | null).call(n, name);
}
