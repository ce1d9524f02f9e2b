// The static analyser: one parse per file, one tree walk (all rules of the language folded into a single
// ast-grep `any` matcher), then per match the rules that really match it, taint checks for sinks, secrets,
// suppressions and fingerprints. Files that do not parse still get analysed (tree-sitter recovers).
import { parse, type NapiConfig, type SgNode } from '@ast-grep/napi';
import { severityRank, type Finding, type Severity } from '../../../shared/src/protocol/analysis.js';
import { SYNTAX, astGrepLang, ensureLanguages, resolveLanguage, type LanguageId } from './languages.js';
import { fieldOf, kindOf, nodeRange, shorten } from './ranges.js';
import type { LoadedRules, Rule, TaintRule } from './rules/types.js';
import { SECRETS_SET, findSecrets, secretFinding } from './secrets.js';
import { Fingerprinter, applySuppressions } from './suppress.js';
import { TaintTracker } from './taint.js';

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
}

interface LangPlan {
  prefilter: NapiConfig;
  rules: Rule[];
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
    const spec = this.rules.taint.get(lang);
    const tracker = new TaintTracker(root, lang, SYNTAX[lang], spec ?? { sources: [], paramSources: [], sanitizers: [], guards: [], negativeGuards: [], mutators: [], outParams: [] });
    const fp = new Fingerprinter(file);
    const min = severityRank(opts.minSeverity ?? 'info');
    const rules = plan.rules.filter((r) => severityRank(r.severity) >= min && this.setEnabled(r.set, opts));
    const findings: Finding[] = [];
    if (rules.length === 0) return findings;
    for (const node of root.findAll(plan.prefilter)) {
      for (const rule of rules) {
        const matcher = rule.matchers.get(lang)!;
        if (!node.matches(matcher)) continue;
        const scope = tracker.scopeOf(node);
        if (tracker.isDead(scope, node.range().start.index)) continue;
        const fnName = functionName(scope.node, lang);
        if (rule.kind === 'pattern') {
          const f = this.base(rule, node, file, fnName, fp);
          if (rule.fix !== undefined) {
            const text = expandFix(rule.fix, node);
            f.fix = { title: rule.fixTitle ?? `Replace with \`${shorten(text, 50)}\``, range: f.range, text };
          }
          findings.push(f);
        } else {
          const hit = this.taintAt(rule, lang, node, tracker);
          if (!hit) continue;
          const f = this.base(rule, node, file, fnName, fp);
          f.taintPath = [...hit.steps, { range: nodeRange(node), label: `sink: ${shorten(node.text(), 40)}` }];
          f.message = `${rule.message} (tainted by ${hit.steps[0]!.label.replace(/^source: /, '')})`;
          findings.push(f);
        }
      }
    }
    applySuppressions(text, findings, opts.suppressions);
    return opts.includeSuppressed ? findings : findings.filter((f) => !f.suppressed);
  }

  private taintAt(rule: TaintRule, lang: LanguageId, node: SgNode, tracker: TaintTracker) {
    for (const sink of rule.sinks.get(lang) ?? []) {
      const m = node.find(sink.matcher);
      if (!m || m.id() !== node.id()) continue;
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
        const hit = tracker.check(a, node, rule.cwe);
        if (hit) return hit;
      }
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
    // constraints are checked per match (node.matches with the full rule); the walk only needs the rule part
    const plan = rules.length ? { prefilter: { rule: { any: rules.map((r) => r.matchers.get(lang)!.rule) } } as NapiConfig, rules } : null;
    if (plan && rules.some((r) => r.matchers.get(lang)!.utils)) {
      plan.prefilter = { rule: { any: rules.map((r) => r.matchers.get(lang)!.rule) }, utils: Object.assign({}, ...rules.map((r) => r.matchers.get(lang)!.utils ?? {})) } as NapiConfig;
    }
    this.plans.set(lang, plan);
    return plan;
  }
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
