// The static analyser: one parse per file, one tree walk (all rules of the language folded into a single
// ast-grep `any` matcher), then per match the rules that really match it, taint checks for sinks, secrets,
// suppressions and fingerprints. Files that do not parse still get analysed (tree-sitter recovers).
import { parse, type NapiConfig, type SgNode } from '@ast-grep/napi';
import { severityRank, type Finding, type Severity } from '../../../shared/src/protocol/analysis.js';
import { SYNTAX, astGrepLang, ensureLanguages, resolveLanguage, type LanguageId } from './languages.js';
import { fieldOf, kindOf, nodeRange, shorten } from './ranges.js';
import { passes, precheckOf, type Precheck } from './rules/precheck.js';
import type { LoadedRules, Rule, Sink, TaintRule } from './rules/types.js';
import { SECRETS_SET, findSecrets, secretFinding } from './secrets.js';
import { Fingerprinter, applySuppressions } from './suppress.js';
import { TaintTracker, calleeText } from './taint.js';

export interface AnalyzeOptions {
  /** workspace-relative path used in findings and fingerprints (default: the path or language given) */
  file?: string;
  minSeverity?: Severity;
  /** rule sets to run; empty or absent: all */
  ruleSets?: string[];
  /** workspace suppressions: fingerprint → reason */
  suppressions?: Map<string, string>;
  /** keep suppressed findings (marked) instead of dropping them; SARIF carries them */
  includeSuppressed?: boolean;
  /** called with the zero-based line of the first syntax error, when the file does not parse cleanly */
  onSyntaxError?: (line: number) => void;
}

/** Candidates of one entry from which a dedicated tree walk is cheaper than confirming each node. */
const BATCH_AT = 12;

interface PlanEntry {
  rule: Rule;
  /** set for taint rules: which sink this entry is */
  sink?: Sink;
  matcher: NapiConfig;
  pc: Precheck;
}

interface LangPlan {
  prefilter: NapiConfig;
  rules: Rule[];
  /** one per pattern rule and per taint sink, with its cheap precheck */
  entries: PlanEntry[];
}

export class Analyzer {
  private readonly plans = new Map<LanguageId, LangPlan | null>();

  constructor(readonly rules: LoadedRules) {
    ensureLanguages();
  }

  /** Every rule the analyser knows (pattern, taint) plus the secrets rule family, for SARIF's rule list. */
  ruleList(): Rule[] {
    return this.rules.rules;
  }

  async analyze(text: string, languageOrPath: string, opts: AnalyzeOptions = {}): Promise<Finding[]> {
    const file = opts.file ?? languageOrPath;
    const findings = this.analyzeSync(text, languageOrPath, { ...opts, includeSuppressed: true });
    if (this.setEnabled(SECRETS_SET, opts) && severityRank('high') >= severityRank(opts.minSeverity ?? 'info')) {
      const fp = new Fingerprinter(file);
      for (const s of await findSecrets(text, file)) findings.push(secretFinding(s, file, fp.of(s.ruleId, s.text, '')));
      applySuppressions(text, findings, opts.suppressions);
    }
    return opts.includeSuppressed ? findings : findings.filter((f) => !f.suppressed);
  }

  /** The rule-based part alone (no secrets), synchronous: what the bench and the editor hot path measure. */
  analyzeSync(text: string, languageOrPath: string, opts: AnalyzeOptions = {}): Finding[] {
    const lang = resolveLanguage(languageOrPath);
    if (!lang) return [];
    const plan = this.plan(lang);
    if (!plan) return [];
    const file = opts.file ?? languageOrPath;
    const root = parse(astGrepLang(lang), text).root();
    if (opts.onSyntaxError) {
      // tree-sitter recovers from errors, so the rest of the file is still analysed; the caller says so
      const err = root.find({ rule: { kind: 'ERROR' } });
      if (err) opts.onSyntaxError(err.range().start.line);
    }
    const spec = this.rules.taint.get(lang);
    const tracker = new TaintTracker(root, lang, SYNTAX[lang], spec ?? { sources: [], paramSources: [], sanitizers: [], guards: [], negativeGuards: [], mutators: [], outParams: [] });
    const fp = new Fingerprinter(file);
    const min = severityRank(opts.minSeverity ?? 'info');
    const rules = plan.rules.filter((r) => severityRank(r.severity) >= min && this.setEnabled(r.set, opts));
    const findings: Finding[] = [];
    if (rules.length === 0) return findings;
    const enabled = new Set(rules.map((r) => r.id));
    const entries = plan.entries.filter((e) => enabled.has(e.rule.id));
    // pass 1: candidates that survive the cheap checks, per node
    const work: { node: SgNode; text: string; cands: PlanEntry[] }[] = [];
    const perEntry = new Map<PlanEntry, number>();
    for (const node of root.findAll(plan.prefilter)) {
      const text = node.text();
      const kind = kindOf(node);
      let callee: string | undefined;
      const cands = entries.filter((e) => {
        if (!passes(e.pc, kind, text)) return false;
        if (!e.pc.callee) return true;
        callee ??= calleeText(node, text);
        return e.pc.callee.test(callee);
      });
      if (!cands.length) continue;
      work.push({ node, text, cands });
      for (const c of cands) if (!c.pc.exact) perEntry.set(c, (perEntry.get(c) ?? 0) + 1);
    }
    // an entry with many candidates is confirmed by one walk of its own instead of one compile per node
    const batched = new Map<PlanEntry, Map<number, SgNode>>();
    for (const [e, n] of perEntry) if (n >= BATCH_AT) batched.set(e, new Map(root.findAll(e.matcher).map((m) => [m.id(), m])));
    // pass 2: confirm and report
    for (const { node, text, cands } of work) {
      const done = new Set<string>();
      for (const c of cands) {
        if (done.has(c.rule.id)) continue;
        const b = batched.get(c);
        const m = c.pc.exact ? node : b ? b.get(node.id()) : node.find(c.matcher);
        if (!m || m.id() !== node.id()) continue;
        if (c.rule.kind === 'pattern') {
          if (tracker.isDead(node)) break;
          const f = this.base(c.rule, node, file, functionName(tracker.scopeOf(node).node, lang), fp);
          if (c.rule.fix !== undefined) {
            const fixText = expandFix(c.rule.fix, m);
            f.fix = { title: c.rule.fixTitle ?? `Replace with \`${shorten(fixText, 50)}\``, range: f.range, text: fixText };
          }
          findings.push(f);
          done.add(c.rule.id);
        } else {
          const hit = this.taintAt(c.rule, c.sink!, lang, m, tracker);
          if (!hit || tracker.isDead(node)) continue;
          const f = this.base(c.rule, node, file, functionName(tracker.scopeOf(node).node, lang), fp);
          f.taintPath = [...hit.steps, { range: nodeRange(node), label: `sink: ${shorten(text, 40)}` }];
          f.message = `${c.rule.message} (tainted by ${hit.steps[0]!.label.replace(/^source: /, '')})`;
          findings.push(f);
          done.add(c.rule.id);
        }
      }
    }
    applySuppressions(text, findings, opts.suppressions);
    return opts.includeSuppressed ? findings : findings.filter((f) => !f.suppressed);
  }

  private taintAt(rule: TaintRule, sink: Sink, lang: LanguageId, m: SgNode, tracker: TaintTracker) {
    let args = m.getMultipleMatches('ARGS').filter((a) => a.isNamed() && kindOf(a) !== 'comment');
    if (args.length === 0) {
      const one = m.getMatch('ARG');
      // a rule without metavariables: the call's arguments, or the whole node (echo, backticks, include)
      const argList = one ? null : fieldOf(m, 'arguments');
      args = one ? [one] : argList ? argList.namedChildren().filter((a) => kindOf(a) !== 'comment') : [m];
      // an assignment as a whole (`$_SESSION['k'] = v`): only the assigned value matters
      if (!one && !argList && SYNTAX[lang].definitions.includes(kindOf(m))) args = m.namedChildren().slice(-1);
    }
    // call arguments may be wrapped (C#/PHP `argument` nodes); the value is inside
    const picked = sink.args === 'all' ? args : sink.args.map((i) => args[i]).filter((a): a is SgNode => !!a);
    for (const a of picked) {
      const hit = tracker.check(a, m, rule.cwe);
      if (hit) return hit;
    }
    return null;
  }

  private base(rule: Rule, node: SgNode, file: string, fnName: string, fp: Fingerprinter): Finding {
    return {
      ruleId: rule.id,
      cwe: rule.cwe,
      severity: rule.severity,
      message: rule.message,
      file,
      range: nodeRange(node),
      source: 'static',
      fingerprint: fp.of(rule.id, node.text(), fnName),
      functionName: fnName,
    };
  }

  private setEnabled(set: string, opts: AnalyzeOptions): boolean {
    return !opts.ruleSets || opts.ruleSets.length === 0 || opts.ruleSets.includes(set);
  }

  private plan(lang: LanguageId): LangPlan | null {
    if (this.plans.has(lang)) return this.plans.get(lang)!;
    const rules = this.rules.rules.filter((r) => r.languages.includes(lang));
    let plan: LangPlan | null = null;
    if (rules.length) {
      const entries: PlanEntry[] = [];
      for (const r of rules) {
        if (r.kind === 'pattern') entries.push({ rule: r, matcher: r.matchers.get(lang)!, pc: precheckOf(lang, r.matchers.get(lang)!) });
        else for (const s of r.sinks.get(lang) ?? []) entries.push({ rule: r, sink: s, matcher: s.matcher, pc: precheckOf(lang, s.matcher) });
      }
      plan = { prefilter: cheapPrefilter(entries, rules, lang), rules, entries };
    }
    this.plans.set(lang, plan);
    return plan;
  }
}

/**
 * One walk finds every node that might match: per node kind, one regex joining the entries' signatures;
 * entries with no cheap condition join with their exact rule. Each candidate is then confirmed per entry.
 */
function cheapPrefilter(entries: PlanEntry[], rules: Rule[], lang: LanguageId): NapiConfig {
  const byKind = new Map<string, string[] | null>();
  const exact: unknown[] = [];
  for (const e of entries) {
    if (!e.pc.kinds) {
      exact.push(e.matcher.rule);
      continue;
    }
    for (const k of e.pc.kinds) {
      const cur = byKind.get(k);
      if (cur === null) continue;
      byKind.set(k, e.pc.signature ? [...(cur ?? []), e.pc.signature] : null);
    }
  }
  const any: unknown[] = [...exact];
  for (const [kind, sigs] of byKind) any.push(sigs ? { kind, regex: sigs.map((x) => `(?:${x})`).join('|') } : { kind });
  const utils = Object.assign({}, ...rules.map((r) => r.matchers.get(lang)!.utils ?? {}));
  return { rule: { any }, ...(Object.keys(utils).length ? { utils } : {}) } as NapiConfig;
}

function expandFix(fix: string, node: SgNode): string {
  return fix.replace(/\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)/g, (all, multi: string | undefined, single: string | undefined) => {
    if (multi) {
      const nodes = node.getMultipleMatches(multi);
      if (nodes.length === 0) return '';
      const src = node.getRoot().root().text();
      return src.slice(nodes[0]!.range().start.index, nodes[nodes.length - 1]!.range().end.index);
    }
    return node.getMatch(single!)?.text() ?? all;
  });
}

/** Name of a function node ('' for the file or anonymous functions). */
export function functionName(fn: SgNode, lang: LanguageId): string {
  if (!SYNTAX[lang].functions.includes(kindOf(fn))) return '';
  const name = fieldOf(fn, 'name');
  if (name) return name.text();
  const decl = fieldOf(fn, 'declarator');
  if (decl) return decl.text().split('(')[0]!.trim();
  const parent = fn.parent();
  const pname = parent ? fieldOf(parent, 'name') : null;
  return pname ? pname.text() : '';
}
