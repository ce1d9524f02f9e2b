// Variable declarations and values: checks a version's VariableSpec list, then checks and completes the
// values given at render time. Every problem names the variable; all problems are reported at once so a
// form can mark every field in one round trip.
import type { JsonValue, VariableSpec } from '../../../../shared/src/model/index.js';
import { VARIABLE_TYPES } from '../../../../shared/src/model/index.js';
import { UserError } from '../../util/errors.js';
import { isValidVariableName } from './parse.js';

/** Variables the editor supplies on every command; a template may use them without declaring them. */
export const BUILTIN_VARIABLES: readonly VariableSpec[] = [
  { name: 'code', type: 'code', required: true, description: 'the selected code (or the whole file when nothing is selected)' },
  { name: 'language', type: 'string', required: false, default: '', description: "the document's language id, e.g. typescript" },
  { name: 'file_path', type: 'string', required: false, default: '', description: 'workspace-relative path of the document' },
  { name: 'diagnostics', type: 'string', required: false, default: '', description: 'diagnostics of the selection, one per line' },
];
const BUILTIN_BY_NAME = new Map(BUILTIN_VARIABLES.map((v) => [v.name, v]));

export function isBuiltinVariable(name: string): boolean {
  return BUILTIN_BY_NAME.has(name);
}

export interface VariableIssue {
  variable: string;
  problem: 'missing' | 'unknown' | 'wrong_type' | 'undeclared' | 'invalid_spec';
  message: string;
}

function fail(issues: VariableIssue[], what: string): never {
  const shown = issues.slice(0, 5).map((i) => i.message);
  if (issues.length > 5) shown.push(`and ${issues.length - 5} more`);
  throw new UserError('validation_failed', `${what}: ${shown.join('; ')}.`, {
    hint: 'Fix the variables named above and try again.',
    details: { issues },
  });
}

/** Why `value` does not fit `spec`, or null when it does. */
export function typeProblem(spec: VariableSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'string':
    case 'code':
      return typeof value === 'string' ? null : `expects text, got ${describe(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `expects a finite number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expects true or false, got ${describe(value)}`;
    case 'enum':
      if (typeof value !== 'string') return `expects one of ${(spec.values ?? []).join(', ')}, got ${describe(value)}`;
      return spec.values?.includes(value) ? null : `expects one of ${(spec.values ?? []).join(', ')}, got '${truncate(value)}'`;
    case 'json':
      return isJson(value, 0) ? null : 'expects a JSON value (no undefined, functions, NaN or nesting deeper than 64)';
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `text '${truncate(v)}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function isJson(v: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every((x) => isJson(x, depth + 1));
}

/** Checks a declaration list: names, types, enum values, defaults, duplicates. */
export function specIssues(specs: readonly VariableSpec[]): VariableIssue[] {
  const issues: VariableIssue[] = [];
  const seen = new Set<string>();
  for (const s of specs) {
    const name = String(s?.name ?? '');
    const bad = (message: string) => issues.push({ variable: name, problem: 'invalid_spec', message: `variable '${name}' ${message}` });
    if (!isValidVariableName(name)) {
      bad('has an invalid name (letters, digits and _, starting with a letter or _)');
      continue;
    }
    if (seen.has(name)) bad('is declared twice');
    seen.add(name);
    if (!(VARIABLE_TYPES as readonly string[]).includes(s.type)) {
      bad(`has unknown type '${String(s.type)}' (one of ${VARIABLE_TYPES.join(', ')})`);
      continue;
    }
    if (s.type === 'enum' && (!Array.isArray(s.values) || s.values.length === 0 || !s.values.every((x) => typeof x === 'string'))) {
      bad('is an enum without a list of allowed text values');
      continue;
    }
    if (s.default !== undefined) {
      const p = typeProblem(s, s.default);
      if (p) bad(`has a default that does not fit: ${p}`);
    }
  }
  return issues;
}

/** Declarations in effect: the declared ones, plus built-ins the list does not redeclare. */
export function effectiveSpecs(specs: readonly VariableSpec[]): Map<string, VariableSpec> {
  const m = new Map<string, VariableSpec>();
  for (const b of BUILTIN_VARIABLES) m.set(b.name, b);
  for (const s of specs) m.set(s.name, s);
  return m;
}

/**
 * Checks that every name a template uses is declared (or built in). Run when a version is saved, so an
 * unusable version never exists.
 */
export function checkDeclared(used: readonly string[], specs: readonly VariableSpec[]): void {
  const issues = specIssues(specs);
  const declared = effectiveSpecs(specs);
  for (const name of used) {
    if (!declared.has(name)) {
      issues.push({ variable: name, problem: 'undeclared', message: `template uses {{${name}}} but no variable '${name}' is declared` });
    }
  }
  if (issues.length) fail(issues, 'Invalid variables');
}

/**
 * Validates `values` against the declarations and applies defaults. Required variables count as required
 * only when a template uses them or they are declared (a built-in the template ignores may be absent).
 * `undefined` means absent; `null` is a value (valid only for json).
 */
export function resolveValues(specs: readonly VariableSpec[], used: readonly string[], values: Record<string, unknown>): Record<string, JsonValue> {
  const declared = effectiveSpecs(specs);
  const explicitly = new Set(specs.map((s) => s.name));
  const usedSet = new Set(used);
  const issues: VariableIssue[] = [];
  const out: Record<string, JsonValue> = {};
  for (const name of Object.keys(values).sort()) {
    const v = values[name];
    if (v === undefined) continue;
    const spec = declared.get(name);
    if (!spec) {
      issues.push({ variable: name, problem: 'unknown', message: `unknown variable '${name}' (declared: ${[...explicitly].sort().join(', ') || 'none'})` });
      continue;
    }
    const p = typeProblem(spec, v);
    if (p) issues.push({ variable: name, problem: 'wrong_type', message: `variable '${name}' ${p}` });
    else out[name] = v as JsonValue;
  }
  for (const [name, spec] of [...declared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name in out || issues.some((i) => i.variable === name)) continue;
    if (!explicitly.has(name) && !usedSet.has(name)) continue;
    if (spec.default !== undefined) out[name] = spec.default;
    else if (spec.required) issues.push({ variable: name, problem: 'missing', message: `missing required variable '${name}'` });
  }
  if (issues.length) fail(issues, 'Cannot render the prompt');
  const sorted: Record<string, JsonValue> = {};
  for (const k of Object.keys(out).sort()) sorted[k] = out[k] as JsonValue;
  return sorted;
}

/** Text substituted for a value: strings as they are, json pretty-printed, numbers and booleans as written. */
export function valueText(v: JsonValue | undefined): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v, null, 2);
}
