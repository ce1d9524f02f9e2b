// Loads YAML rule files from the built-in folder and the user's folders. A file or rule that is wrong is
// reported once (file, rule id, why) and skipped; the rest still load, so one bad rule never stops analysis.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SEVERITIES, type Severity } from '../../../../shared/src/protocol/analysis.js';
import { resourcePath } from '../../util/paths.js';
import { LANGUAGES, ensureLanguages, type LanguageId } from '../languages.js';
import { checkMatcher, compileMatcher } from './compile.js';
import { emptyTaintSpec, type LoadedRules, type PatternRule, type Rule, type Sink, type TaintRule, type TaintSpec } from './types.js';

export function builtinRulesDir(): string {
  return resourcePath('server', 'rules');
}

/** Loads the built-in rules followed by each extra folder (later ids replace earlier ones). */
export function loadRules(extraFolders: string[] = [], includeBuiltin = true): LoadedRules {
  ensureLanguages();
  const out: LoadedRules = { rules: [], taint: new Map(), problems: [], folders: [] };
  const byId = new Map<string, Rule>();
  const folders = [...(includeBuiltin ? [builtinRulesDir()] : []), ...extraFolders];
  for (const folder of folders) {
    out.folders.push(folder);
    let files: string[];
    try {
      files = listYaml(folder);
    } catch (e) {
      out.problems.push(`${folder}: cannot read the rule folder (${(e as Error).message}); its rules are skipped.`);
      continue;
    }
    for (const file of files) loadFile(file, byId, out);
  }
  out.rules = [...byId.values()];
  return out;
}

function listYaml(dir: string): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...listYaml(p));
    else if (/\.ya?ml$/i.test(e.name) && statSync(p).isFile()) found.push(p);
  }
  return found;
}

type Raw = Record<string, unknown>;

function loadFile(file: string, byId: Map<string, Rule>, out: LoadedRules): void {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    out.problems.push(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]}); file skipped.`);
    return;
  }
  if (!doc || typeof doc !== 'object') {
    out.problems.push(`${file}: expected a mapping with "rules:" and/or "taint:"; file skipped.`);
    return;
  }
  const d = doc as Raw;
  const defaultSet = typeof d.set === 'string' ? d.set : file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  if (d.taint !== undefined) {
    try {
      mergeTaint(d.taint as Raw, out.taint);
    } catch (e) {
      out.problems.push(`${file}: taint section: ${(e as Error).message}; section skipped.`);
    }
  }
  const list = Array.isArray(d.rules) ? d.rules : d.id !== undefined ? [d] : [];
  if (d.rules !== undefined && !Array.isArray(d.rules)) out.problems.push(`${file}: "rules" must be a list; rules skipped.`);
  for (const raw of list) {
    const id = typeof (raw as Raw)?.id === 'string' ? ((raw as Raw).id as string) : '(no id)';
    try {
      const rule = buildRule(raw as Raw, file, defaultSet);
      byId.set(rule.id, rule);
    } catch (e) {
      out.problems.push(`${file}: rule ${id}: ${(e as Error).message}; rule skipped.`);
    }
  }
}

function str(r: Raw, key: string): string {
  const v = r[key];
  if (typeof v !== 'string' || !v.trim()) throw new Error(`"${key}" must be a non-empty string`);
  return v.trim();
}

function languagesOf(r: Raw): LanguageId[] {
  const v = r.languages ?? (r.language !== undefined ? [r.language] : undefined);
  if (!Array.isArray(v) || v.length === 0) throw new Error(`"languages" must list some of: ${LANGUAGES.join(', ')}`);
  for (const l of v) if (!(LANGUAGES as readonly unknown[]).includes(l)) throw new Error(`unknown language "${String(l)}" (known: ${LANGUAGES.join(', ')})`);
  return v as LanguageId[];
}

function buildRule(r: Raw, file: string, defaultSet: string): Rule {
  if (!r || typeof r !== 'object') throw new Error('a rule must be a mapping');
  const id = str(r, 'id');
  if (!/^[A-Za-z0-9._/-]+$/.test(id)) throw new Error('"id" may only hold letters, digits and . _ / -');
  const languages = languagesOf(r);
  const cweRaw = r.cwe;
  const cweNum = typeof cweRaw === 'number' ? cweRaw : typeof cweRaw === 'string' ? Number(/^(?:CWE-)?(\d+)$/i.exec(cweRaw)?.[1]) : NaN;
  if (!Number.isInteger(cweNum)) throw new Error('"cwe" must be a CWE number such as 89 or "CWE-89"');
  const severity = str(r, 'severity') as Severity;
  if (!SEVERITIES.includes(severity)) throw new Error(`"severity" must be one of ${SEVERITIES.join(', ')}`);
  const base = { id, set: typeof r.set === 'string' ? r.set : defaultSet, languages, cwe: `CWE-${cweNum}`, severity, message: str(r, 'message'), file };

  if (r.sinks !== undefined) {
    if (!Array.isArray(r.sinks) || r.sinks.length === 0) throw new Error('"sinks" must be a non-empty list');
    const matchers = new Map<LanguageId, import('@ast-grep/napi').NapiConfig>();
    const sinks = new Map<LanguageId, Sink[]>();
    for (const lang of languages) {
      const list: Sink[] = (r.sinks as Raw[]).map((s, i) => {
        const ruleObj = typeof s === 'string' ? { pattern: s } : s.rule ?? (s.pattern !== undefined ? { pattern: s.pattern } : undefined);
        if (!ruleObj) throw new Error(`sink ${i + 1} needs "pattern" or "rule"`);
        const args = typeof s === 'string' || s.args === undefined ? [0] : s.args === 'all' ? 'all' : s.args;
        if (args !== 'all' && (!Array.isArray(args) || !args.every((a) => Number.isInteger(a) && a >= 0)))
          throw new Error(`sink ${i + 1}: "args" must be a list of argument positions or "all"`);
        const matcher = compileMatcher(lang, { rule: ruleObj as object });
        checkMatcher(lang, matcher, `sink ${i + 1}`);
        return { matcher, args: args as number[] | 'all' };
      });
      sinks.set(lang, list);
      matchers.set(lang, { rule: { any: list.map((s) => s.matcher.rule) } } as import('@ast-grep/napi').NapiConfig);
    }
    const rule: TaintRule = { kind: 'taint', ...base, matchers, sinks };
    return rule;
  }
  if (r.rule === undefined || typeof r.rule !== 'object') throw new Error('needs "rule" (an ast-grep rule) or "sinks" (a taint rule)');
  const matchers = new Map<LanguageId, import('@ast-grep/napi').NapiConfig>();
  for (const lang of languages) {
    const m = compileMatcher(lang, { rule: r.rule as object, constraints: r.constraints as object | undefined, utils: r.utils as object | undefined });
    checkMatcher(lang, m, 'rule');
    matchers.set(lang, m);
  }
  const rule: PatternRule = { kind: 'pattern', ...base, matchers };
  if (r.fix !== undefined) {
    if (typeof r.fix !== 'string') throw new Error('"fix" must be a string');
    rule.fix = r.fix;
    if (typeof r.fixTitle === 'string') rule.fixTitle = r.fixTitle;
  }
  return rule;
}

function regexList(v: unknown, what: string): RegExp[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`"${what}" must be a list of regular expressions`);
  return v.map((s) => {
    try {
      return new RegExp(String(s));
    } catch (e) {
      throw new Error(`"${what}": ${(e as Error).message}`);
    }
  });
}

function mergeTaint(t: Raw, into: Map<LanguageId, TaintSpec>): void {
  const languages = languagesOf(t);
  const add: TaintSpec = {
    sources: regexList(t.sources, 'sources'),
    paramSources: regexList(t.paramSources, 'paramSources'),
    guards: regexList(t.guards, 'guards'),
    negativeGuards: regexList(t.negativeGuards, 'negativeGuards'),
    mutators: regexList(t.mutators, 'mutators'),
    sanitizers: ((t.sanitizers as Raw[] | undefined) ?? []).map((s) => ({
      callee: regexList([typeof s === 'string' ? s : s.callee], 'sanitizers')[0]!,
      cwes: typeof s === 'string' || s.cwes === undefined ? [] : (s.cwes as unknown[]).map((c) => `CWE-${String(c).replace(/^CWE-/i, '')}`),
    })),
    outParams: ((t.outParams as Raw[] | undefined) ?? []).map((o) => ({
      callee: regexList([o.callee], 'outParams')[0]!,
      target: Number(o.target ?? 0),
      source: o.source === true,
    })),
  };
  for (const l of languages) {
    const cur = into.get(l) ?? emptyTaintSpec();
    for (const k of Object.keys(add) as (keyof TaintSpec)[]) (cur[k] as unknown[]).push(...(add[k] as unknown[]));
    into.set(l, cur);
  }
}
