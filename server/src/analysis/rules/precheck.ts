// Cheap necessary conditions for a rule (or sink) to match a node: its node kind and a regular expression
// over its text (the longest literal run of a pattern, or the rule's own regex). ast-grep tests a large
// `any` of exact patterns against every node slowly (each alternative is a full structural match), and
// `node.find(config)` compiles the rule on every call, so the tree walk uses these cheap conditions, one
// regex per node kind, and only nodes that pass are confirmed with the exact rule.
import { parse, type NapiConfig } from '@ast-grep/napi';
import { astGrepLang, type LanguageId } from '../languages.js';
import { kindOf } from '../ranges.js';

export interface Precheck {
  /** the node's kind must be one of these (absent: any kind) */
  kinds?: Set<string>;
  /** a necessary condition on the node's text, as source shared by the Rust and JavaScript regex engines */
  signature?: string;
  /** the same, compiled for the JavaScript side */
  re?: RegExp;
  /** for call patterns (`$X.name($$$ARGS)`): a regex the callee's text must match */
  callee?: RegExp;
  /** the kind and callee test decide alone: no confirmation with ast-grep needed */
  exact?: boolean;
}

const CALL_SHAPE = /^(new\s+)?(\$[A-Z_][A-Z0-9_]*\s*\.\s*)?([A-Za-z_]\w*(?:\s*(?:\.|::|->)\s*[A-Za-z_]\w*)*)\s*\((\$\$\$[A-Z_]*)?\)$/;

/** `$DB.query($$$ARGS)` → callee must end in `.query`; `eval($$$A)` → callee is `eval`. */
function callShape(pattern: string): { callee: RegExp; anyArgs: boolean } | undefined {
  const m = CALL_SHAPE.exec(pattern.trim());
  if (!m) return undefined;
  const parts = m[3]!.split(/\s*(\.|::|->)\s*/);
  const literal = parts.map((x, i) => (i % 2 ? `\\s*${escapeRe(x)}\\s*` : escapeRe(x))).join('');
  const src = m[2] ? `[\\s\\S]\\s*(?:\\.|->)\\s*${literal}$` : `^${literal}$`;
  return { callee: new RegExp(src), anyArgs: m[4] !== undefined };
}

const EXPANDO: Partial<Record<LanguageId, string>> = { python: 'µ', go: 'µ', csharp: 'µ', ruby: 'µ', c: '_', cpp: '_' };
const WRAPPERS = [/^<\?php /, /^void __codetune_pattern\(void\) \{ /, /^func __codetune_pattern\(\) \{ /];
const WRAPPER_ENDS = [/; \}$/, /\n\}$/, /;$/];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The longest literal run of a pattern (between metavariables) as a whitespace-tolerant regex: any text
 * the pattern matches contains it. `$DB.query($$$ARGS)` gives `\.\s*query\s*\(`.
 */
function patternSignature(pattern: string): string | undefined {
  const parts = pattern.split(/\$\$\$[A-Z_][A-Z0-9_]*|\$\$\$|\$[A-Z_][A-Z0-9_]*/);
  let best = '';
  for (const part of parts) {
    const t = part.trim();
    if ((t.match(/[A-Za-z0-9_]/g)?.length ?? 0) > (best.match(/[A-Za-z0-9_]/g)?.length ?? 0)) best = t;
  }
  if ((best.match(/[A-Za-z0-9_]/g)?.length ?? 0) < 3) return undefined;
  const tokens = best.match(/[A-Za-z0-9_]+|\S/g) ?? [];
  let out = '';
  tokens.forEach((tok, i) => {
    const prev = tokens[i - 1];
    if (i > 0) out += /\w/.test(prev!.slice(-1)) && /\w/.test(tok[0]!) ? '\\s+' : '\\s*';
    out += escapeRe(tok);
  });
  return out;
}

function unwrap(context: string): string {
  let p = context;
  for (const w of WRAPPERS) p = p.replace(w, '');
  for (const w of WRAPPER_ENDS) p = p.replace(w, '');
  return p;
}

function patternKind(lang: LanguageId, p: string): string | undefined {
  try {
    const root = parse(astGrepLang(lang), p.replace(/\$/g, EXPANDO[lang] ?? '$')).root();
    const kids = root.namedChildren();
    if (kids.length !== 1) return undefined;
    let n = kids[0]!;
    // statement wrappers a lone expression gets at top level (C# wraps it twice)
    while (['expression_statement', 'global_statement'].includes(kindOf(n)) && n.namedChildren().length === 1) n = n.namedChildren()[0]!;
    return n.find({ rule: { kind: 'ERROR' } }) ? undefined : kindOf(n);
  } catch {
    return undefined;
  }
}

/**
 * The Rust regex as a JavaScript one. Inline case-insensitive flags (`(?i)`, `(?i:…)`), which Node 20
 * lacks, make the whole regex case-insensitive: a looser test is still a necessary condition.
 */
function jsRegex(src: string): RegExp | undefined {
  let flags = '';
  let s = src;
  if (/\(\?i[):]/.test(s)) {
    flags = 'i';
    s = s.replace(/\(\?i\)/g, '').replace(/\(\?i:/g, '(?:');
  }
  if (/\(\?[a-z]/.test(s)) return undefined; // other inline flags: Rust only
  try {
    return new RegExp(s, flags);
  } catch {
    return undefined;
  }
}

export function precheckOf(lang: LanguageId, config: NapiConfig): Precheck {
  const rule = config.rule as Record<string, unknown>;
  const pc = ofRule(lang, rule);
  if (pc.signature) pc.re = jsRegex(pc.signature);
  const keys = Object.keys(rule);
  const p = rule.pattern;
  const src = typeof p === 'string' ? p : p && typeof p === 'object' ? unwrap(String((p as { context?: string }).context ?? '')) : undefined;
  const shape = src ? callShape(src) : undefined;
  if (shape) {
    pc.callee = shape.callee;
    // `X.name($$$ARGS)` and nothing else: the callee decides, and the arguments are the call's own
    pc.exact = shape.anyArgs && keys.length === 1 && !config.constraints && !src!.trim().startsWith('new');
  }
  return pc;
}

function ofRule(lang: LanguageId, r: Record<string, unknown>): Precheck {
  const pc: Precheck = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === 'pattern') {
      const p = typeof v === 'string' ? v : v && typeof v === 'object' ? unwrap(String((v as { context?: string }).context ?? '')) : '';
      const selector = v && typeof v === 'object' ? (v as { selector?: string }).selector : undefined;
      const kind = selector ?? (p ? patternKind(lang, p) : undefined);
      if (kind) pc.kinds = new Set([kind]);
      const sig = p ? patternSignature(p) : undefined;
      if (sig) pc.signature = sig;
    } else if (k === 'kind' && typeof v === 'string') {
      pc.kinds ??= new Set([v]);
    } else if (k === 'regex' && typeof v === 'string' && !pc.signature) {
      pc.signature = v;
    } else if (k === 'any' && Array.isArray(v)) {
      const alts = v.map((a) => ofRule(lang, a as Record<string, unknown>));
      if (alts.every((a) => a.kinds)) pc.kinds = new Set(alts.flatMap((a) => [...a.kinds!]));
      if (alts.every((a) => a.signature)) pc.signature = alts.map((a) => `(?:${a.signature})`).join('|');
    } else if (k === 'has' && v && typeof v === 'object' && !pc.signature) {
      // a descendant's text is part of this node's text: its regex, without the outer anchors, must match here
      const re = (v as { regex?: unknown }).regex;
      if (typeof re === 'string') {
        const inner = re.replace(/^(\(\?i\))?\^/, '$1').replace(/\$$/, '');
        if (!/[\^$]/.test(inner.replace(/\\./g, ''))) pc.signature = inner;
      }
    } else if (k === 'all' && Array.isArray(v)) {
      for (const a of v.map((x) => ofRule(lang, x as Record<string, unknown>))) {
        if (a.kinds && !pc.kinds) pc.kinds = a.kinds;
        if (a.signature && !pc.signature) pc.signature = a.signature;
      }
    }
    // inside, has, not, follows, precedes, nthChild…: no cheap necessary condition; ast-grep decides
  }
  return pc;
}

/** The cheap test: kind and signature. */
export function passes(pc: Precheck, kind: string, text: string): boolean {
  if (pc.kinds && !pc.kinds.has(kind)) return false;
  return !pc.re || pc.re.test(text);
}
