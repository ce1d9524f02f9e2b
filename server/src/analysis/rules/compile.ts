// Turns a rule's ast-grep matcher into one that works for a given language, and checks it before use, so a
// bad pattern is reported at load time (with the reason) instead of failing or silently matching nothing.
import { parse, type NapiConfig, type SgRoot } from '@ast-grep/napi';
import { astGrepLang, type LanguageId } from '../languages.js';
import { kindOf } from '../ranges.js';

/** The character ast-grep substitutes for `$` before parsing a pattern of this language. */
const EXPANDO: Partial<Record<LanguageId, string>> = { python: 'µ', go: 'µ', csharp: 'µ', ruby: 'µ', c: '_', cpp: '_' };

const emptyRoots = new Map<LanguageId, SgRoot>();
function emptyRoot(lang: LanguageId): SgRoot {
  let r = emptyRoots.get(lang);
  if (!r) {
    r = parse(astGrepLang(lang), lang === 'php' ? '<?php\n' : '');
    emptyRoots.set(lang, r);
  }
  return r;
}

/**
 * Some grammars cannot parse a bare expression as a whole file: PHP needs the `<?php` tag (or the pattern
 * parses as inline HTML and matches nothing) and C reads a call at top level as a declaration. Such string
 * patterns become a `context` (the pattern inside a file or function) plus a `selector` naming the
 * pattern's own node kind, which is how ast-grep matches code that only parses in context.
 */
const WRAP: Partial<Record<LanguageId, [string, string]>> = {
  php: ['<?php ', ';'],
  c: ['void __codetune_pattern(void) { ', '; }'],
  go: ['func __codetune_pattern() { ', '\n}'],
};

export function compileMatcher(lang: LanguageId, config: { rule: object; constraints?: object; utils?: object }): NapiConfig {
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!v || typeof v !== 'object') return v;
    const o: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (k === 'pattern' && typeof val === 'string' && WRAP[lang]) o[k] = wrapped(lang, val);
      else o[k] = rewrite(val);
    }
    return o;
  };
  const out: Record<string, unknown> = { rule: rewrite(config.rule) };
  if (config.constraints) out.constraints = rewrite(config.constraints);
  if (config.utils) out.utils = rewrite(config.utils);
  return out as unknown as NapiConfig;
}

function wrapped(lang: LanguageId, p: string): { context: string; selector: string } {
  const [pre, post] = WRAP[lang]!;
  const body = p.replace(/;\s*$/, '');
  const context = `${pre}${body}${post}`;
  // parse the way ast-grep will: metavariables' `$` replaced by the language's expando character
  let node = parse(astGrepLang(lang), context.replace(/\$/g, EXPANDO[lang] ?? '$')).root();
  // descend to the first node that starts where the pattern starts and is not a wrapper
  const at = pre.length;
  for (;;) {
    const next = node.namedChildren().find((c) => c.range().start.index <= at && at < c.range().end.index);
    if (!next) break;
    node = next;
    // the first node that starts where the pattern starts, looking through expression statements
    if (node.range().start.index === at && !['expression_statement', 'statement_list'].includes(kindOf(node))) break;
  }
  if (node.range().start.index !== at) throw new Error(`pattern "${p}" does not parse as ${lang}`);
  return { context, selector: kindOf(node) };
}

/** Throws a readable error when the matcher cannot be used for this language. */
export function checkMatcher(lang: LanguageId, m: NapiConfig, what: string): void {
  try {
    emptyRoot(lang).root().findAll(m);
  } catch (e) {
    throw new Error(`${what} is not a valid ast-grep rule for ${lang}: ${(e as Error).message.replace(/\s*\n\s*\|->/g, ' → ')}`);
  }
  for (const p of patternsOf(m.rule)) {
    const src = p.replace(/\$/g, EXPANDO[lang] ?? '$');
    // statement languages want a `;` the pattern may leave out; only a pattern that fails both ways is bad
    const err = [src, `${src};`].map((s) => parse(astGrepLang(lang), s).root().find({ rule: { kind: 'ERROR' } })).reduce((a, b) => (a && b ? a : null));
    if (err) {
      const [pre, post] = WRAP[lang] ?? ['', ''];
      const shown = p.startsWith(pre) && p.endsWith(post) ? p.slice(pre.length, p.length - post.length) : p;
      throw new Error(`${what}: pattern "${shown}" does not parse as ${lang} (near "${err.text().slice(0, 40)}")`);
    }
  }
}

function patternsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(patternsOf);
  if (!v || typeof v !== 'object') return [];
  const out: string[] = [];
  for (const [k, val] of Object.entries(v)) {
    if (k === 'pattern' && typeof val === 'string') out.push(val);
    else if (k === 'pattern' && val && typeof val === 'object' && typeof (val as { context?: unknown }).context === 'string')
      out.push((val as { context: string }).context);
    else out.push(...patternsOf(val));
  }
  return out;
}
