// Functions and classes of a file with their size and cyclomatic complexity, from one parse. Used by the
// code lenses (ranges only) and offered to the LLM features (which functions are worth a closer look).
import { parse, type SgNode } from '@ast-grep/napi';
import type { FindingRange } from '../../../shared/src/protocol/analysis.js';
import { functionName } from './engine.js';
import { SYNTAX, astGrepLang, ensureLanguages, resolveLanguage, type LanguageId } from './languages.js';
import { fieldOf, kindOf, nodeRange } from './ranges.js';

export interface CodeUnit {
  kind: 'function' | 'class';
  name: string;
  range: FindingRange;
  /** lines spanned */
  lines: number;
  /** 1 + decision points (if, loops, cases, catches, ternaries, && and ||); 0 for classes */
  complexity: number;
}

/** Binary operators that add a path, by the node kind that holds them. */
const LOGICAL: Record<LanguageId, string[]> = {
  javascript: ['binary_expression'], typescript: ['binary_expression'], tsx: ['binary_expression'],
  python: ['boolean_operator'], java: ['binary_expression'], go: ['binary_expression'], csharp: ['binary_expression'],
  php: ['binary_expression'], ruby: ['binary'], c: ['binary_expression'], cpp: ['binary_expression'],
};
const LOGICAL_OPS = new Set(['&&', '||', 'and', 'or', '??']);

/** Functions and classes only (no complexity): what the code lenses need. */
export function codeUnits(text: string, languageOrPath: string, withComplexity = false): CodeUnit[] {
  const lang = resolveLanguage(languageOrPath);
  if (!lang) return [];
  ensureLanguages();
  const syntax = SYNTAX[lang];
  const root = parse(astGrepLang(lang), text).root();
  const kinds = [...syntax.functions, ...syntax.classes].map((k) => ({ kind: k }));
  const units: CodeUnit[] = [];
  for (const n of root.findAll({ rule: { any: kinds } })) {
    const isClass = syntax.classes.includes(kindOf(n));
    const range = nodeRange(n);
    const name = isClass ? (fieldOf(n, 'name')?.text() ?? '') : functionName(n, lang);
    // anonymous callbacks get no lens of their own unless they are bound to a name
    if (!name && !isClass) continue;
    units.push({
      kind: isClass ? 'class' : 'function',
      name,
      range,
      lines: range.end.line - range.start.line + 1,
      complexity: isClass || !withComplexity ? 0 : complexity(n, lang),
    });
  }
  return units;
}

export function metrics(text: string, languageOrPath: string): CodeUnit[] {
  return codeUnits(text, languageOrPath, true).filter((u) => u.kind === 'function');
}

function complexity(fn: SgNode, lang: LanguageId): number {
  const syntax = SYNTAX[lang];
  const decisions = fn.findAll({ rule: { any: [...syntax.ifs, ...syntax.branches].map((k) => ({ kind: k })) } }).length;
  let logical = 0;
  for (const b of fn.findAll({ rule: { any: LOGICAL[lang].map((k) => ({ kind: k })) } })) {
    const op = fieldOf(b, 'operator')?.text() ?? b.children().find((c) => !c.isNamed())?.text() ?? '';
    if (LOGICAL_OPS.has(op)) logical++;
  }
  return 1 + decisions + logical;
}
