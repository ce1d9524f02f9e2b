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
 * PHP's grammar needs the `<?php` tag, so a bare pattern would parse as inline HTML and match nothing:
 * such patterns become a `context` with the tag plus a `selector` naming the pattern's own node kind.
 */
export function compileMatcher(lang: LanguageId, config: { rule: object; constraints?: object; utils?: object }): NapiConfig {
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!v || typeof v !== 'object') return v;
    const o: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (k === 'pattern' && typeof val === 'string' && lang === 'php') o[k] = phpPattern(val);
      else o[k] = rewrite(val);
    }
    return o;
  };
  const out: Record<string, unknown> = { rule: rewrite(config.rule) };
  if (config.constraints) out.constraints = rewrite(config.constraints);
  if (config.utils) out.utils = rewrite(config.utils);
  return out as unknown as NapiConfig;
}

function phpPattern(p: string): { context: string; selector: string } {
  const context = `<?php ${p}${/[;}]\s*$/.test(p) ? '' : ';'}`;
  const root = parse('php', context).root();
  const stmt = root.namedChildren().find((n) => kindOf(n) !== 'php_tag');
  const node = stmt && kindOf(stmt) === 'expression_statement' ? stmt.namedChildren()[0] : stmt;
  if (!node) throw new Error(`pattern "${p}" is empty for php`);
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
    const src = lang === 'php' ? p : p.replace(/\$/g, EXPANDO[lang] ?? '$');
    const root = parse(astGrepLang(lang), src).root();
    const err = root.find({ rule: { kind: 'ERROR' } });
    if (err) throw new Error(`${what}: pattern "${lang === 'php' ? p.replace(/^<\?php /, '') : p}" does not parse as ${lang} (near "${err.text().slice(0, 40)}")`);
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
