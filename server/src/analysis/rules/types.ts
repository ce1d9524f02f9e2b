// What a rule file holds once loaded and checked. Rule files are YAML (server/rules/ and the user's
// folders); see server/rules/README.md for the format.
import type { NapiConfig } from '@ast-grep/napi';
import type { Severity } from '../../../../shared/src/protocol/analysis.js';
import type { LanguageId } from '../languages.js';

/** What every rule carries, whatever decides where it fires. */
interface RuleBase {
  id: string;
  /** rule set name (enabledRuleSets) */
  set: string;
  languages: LanguageId[];
  /** e.g. "CWE-89" */
  cwe: string;
  severity: Severity;
  message: string;
  /** the file it was loaded from */
  file: string;
}

/** A pattern rule: an ast-grep rule that is a finding wherever it matches. */
export interface PatternRule extends RuleBase {
  kind: 'pattern';
  /** compiled per language (PHP, C and Go patterns are wrapped in a context) */
  matchers: Map<LanguageId, NapiConfig>;
  /** replacement of the matched node; `$NAME` is replaced by the text of that metavariable */
  fix?: string;
  fixTitle?: string;
}

/** A taint rule: a finding where a tainted value reaches one of the sink arguments. */
export interface TaintRule extends RuleBase {
  kind: 'taint';
  /** one matcher per language over every sink (one tree walk), then the sink it was */
  matchers: Map<LanguageId, NapiConfig>;
  sinks: Map<LanguageId, Sink[]>;
  fix?: undefined;
  fixTitle?: undefined;
}

export interface Sink {
  matcher: NapiConfig;
  /** positions in `$$$ARGS` (or the `$ARG` node) that must not carry taint; 'all' for every argument */
  args: number[] | 'all';
}

export type Rule = PatternRule | TaintRule;

export interface Sanitizer {
  /** matched against the callee text of a call (e.g. `parseInt`, `html.escape`) */
  callee: RegExp;
  /** CWEs this sanitizer makes safe ("CWE-79"); empty: every CWE (type conversions) */
  cwes: string[];
}

/** Where tainted data comes from, how it moves and what stops it, for one language (merged over files). */
export interface TaintSpec {
  /** matched against the text of an expression (member access, call, subscript, variable) */
  sources: RegExp[];
  /** matched against the text of a parameter declaration (annotations such as @RequestParam) */
  paramSources: RegExp[];
  sanitizers: Sanitizer[];
  /** conditions that prove a variable safe inside the if's body; group `v` is the variable */
  guards: RegExp[];
  /** conditions that prove a variable unsafe (exiting the function when true makes it safe afterwards) */
  negativeGuards: RegExp[];
  /** calls that put their arguments into the receiver (`list.append(x)`, `sb.append(x)`); group `v` = receiver */
  mutators: RegExp[];
  /** calls that write into one of their arguments (`strcpy(dst, src)`, `fgets(buf, n, f)`) */
  outParams: { callee: RegExp; target: number; source: boolean }[];
}

export interface LoadedRules {
  rules: Rule[];
  taint: Map<LanguageId, TaintSpec>;
  /** one line per rule or file that was skipped: file, rule id, why */
  problems: string[];
  /** the folders they came from, in order */
  folders: string[];
}

export function emptyTaintSpec(): TaintSpec {
  return { sources: [], paramSources: [], sanitizers: [], guards: [], negativeGuards: [], mutators: [], outParams: [] };
}
