// Line hunks between a file and a proposed version of it, and applying any subset of them. Pure (no
// `vscode`): the inline diff (proposals.ts) offers the hunks one by one and applies only those the user
// accepts; unit-tested in test/unit/extension/hunks.test.ts.
import { diffLines } from 'diff';

export interface Hunk {
  index: number;
  /** zero-based line of the original where the hunk starts */
  oldStart: number;
  /** original lines replaced (each with its line terminator, except maybe the file's last) */
  oldLines: string[];
  /** lines put in their place */
  newLines: string[];
}

/** Splits text into lines that keep their terminators ("a\nb" → ["a\n", "b"]). */
export function splitLines(text: string): string[] {
  if (!text) return [];
  return text.split(/(?<=\n)/);
}

/** The changed regions between `original` and `proposed`, in order; unchanged lines separate hunks. */
export function computeHunks(original: string, proposed: string): Hunk[] {
  const hunks: Hunk[] = [];
  let line = 0;
  let current: Hunk | undefined;
  for (const part of diffLines(original, proposed)) {
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      current = undefined;
      line += lines.length;
      continue;
    }
    if (!current) {
      current = { index: hunks.length, oldStart: line, oldLines: [], newLines: [] };
      hunks.push(current);
    }
    if (part.removed) {
      current.oldLines.push(...lines);
      line += lines.length;
    } else {
      current.newLines.push(...lines);
    }
  }
  return hunks;
}

/** The original with the hunks whose index is in `accepted` applied, the others left as they were. */
export function applyHunks(original: string, hunks: Hunk[], accepted: ReadonlySet<number>): string {
  const lines = splitLines(original);
  const out: string[] = [];
  let pos = 0;
  for (const h of [...hunks].sort((a, b) => a.oldStart - b.oldStart)) {
    out.push(...lines.slice(pos, h.oldStart));
    out.push(...(accepted.has(h.index) ? h.newLines : h.oldLines));
    pos = h.oldStart + h.oldLines.length;
  }
  out.push(...lines.slice(pos));
  return out.join('');
}

/** One line describing a hunk for a picker: where it is and what it changes. */
export function describeHunk(h: Hunk): { label: string; detail: string } {
  const first = h.oldStart + 1;
  const where = h.oldLines.length === 0 ? `after line ${h.oldStart}` : h.oldLines.length === 1 ? `line ${first}` : `lines ${first}–${first + h.oldLines.length - 1}`;
  const sample = (h.newLines.find((l) => l.trim()) ?? h.oldLines.find((l) => l.trim()) ?? '').trim();
  return {
    label: `${where}: −${h.oldLines.length} +${h.newLines.length}`,
    detail: sample.length > 90 ? `${sample.slice(0, 89)}…` : sample,
  };
}

/**
 * The code to put in place of the selection from a model's answer: the first fenced code block (the longest
 * when the answer has several in the same language as the file), or the whole answer when it has no fence.
 */
export function extractCode(answer: string, language?: string): string {
  const blocks = [...answer.matchAll(/```([\w+#.-]*)[^\n]*\n([\s\S]*?)```/g)].map((m) => ({ lang: (m[1] ?? '').toLowerCase(), code: m[2] ?? '' }));
  if (!blocks.length) return answer.trim() + '\n';
  const same = language ? blocks.filter((b) => b.lang === language.toLowerCase()) : [];
  const pick = (same.length ? same : blocks).reduce((a, b) => (b.code.length > a.code.length ? b : a));
  return pick.code;
}

/** Re-indents `code` so that its least indented line starts at `indent` (the replaced range's indentation). */
export function reindent(code: string, indent: string): string {
  const lines = code.split('\n');
  const widths = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const min = widths.length ? Math.min(...widths) : 0;
  return lines.map((l) => (l.trim() ? indent + l.slice(min) : l.trimEnd())).join('\n');
}
