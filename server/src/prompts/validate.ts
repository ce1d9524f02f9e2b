// Checks of prompt input that the database cannot express: enumerated fields, names, tags, and that the
// templates parse and declare what they use. Each error names the field and says what is allowed.
import { CACHE_POLICIES, MODEL_TYPES, PROMPT_CATEGORIES, type ModelType, type PromptCategory } from '../../../shared/src/model/index.js';
import type { PromptMetadata, VersionContent } from '../db/repositories/prompts/types.js';
import { UserError } from '../util/errors.js';
import { checkTemplates } from './template/index.js';

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError('validation_failed', `Invalid ${field} '${String(value)}': expected one of ${allowed.join(', ')}.`, { details: { field } });
}

export function checkCategory(v: unknown): PromptCategory {
  return oneOf('category', v, PROMPT_CATEGORIES);
}

export function checkModelType(v: unknown): ModelType {
  return oneOf('model_type', v, MODEL_TYPES);
}

export function checkName(v: unknown): string {
  const name = typeof v === 'string' ? v.trim() : '';
  if (!name || name.length > 200 || /[\u0000-\u001f/\\]/.test(name)) {
    throw new UserError('validation_failed', `Invalid name '${String(v)}': a prompt name is 1 to 200 characters without control characters, '/' or '\\'.`, {
      hint: 'Names like security-audit or "Explain code" work; the name is also the file name on export.',
      details: { field: 'name' },
    });
  }
  return name;
}

export function checkTags(v: unknown): string[] {
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string' && t.trim() !== '' && t.length <= 100)) {
    throw new UserError('validation_failed', 'Invalid tags: expected a list of non-empty texts of at most 100 characters.', { details: { field: 'tags' } });
  }
  // stored sorted and unique so filters and exports do not depend on input order
  return [...new Set(v.map((t: string) => t.trim()))].sort();
}

/** Validates metadata fields that are present. */
export function checkMetadata(m: Partial<PromptMetadata>): Partial<PromptMetadata> {
  const out: Partial<PromptMetadata> = { ...m };
  if (m.name !== undefined) out.name = checkName(m.name);
  if (m.category !== undefined) out.category = checkCategory(m.category);
  if (m.tags !== undefined) out.tags = checkTags(m.tags);
  if (m.cachePolicy !== undefined) out.cachePolicy = oneOf('cache_policy', m.cachePolicy, CACHE_POLICIES);
  return out;
}

/** Validates a version's content: model settings, then templates against declared variables. */
export function checkContent(c: VersionContent): VersionContent {
  checkModelType(c.modelType);
  if (typeof c.temperature !== 'number' || !(c.temperature >= 0 && c.temperature <= 2)) {
    throw new UserError('validation_failed', `Invalid temperature ${String(c.temperature)}: expected a number from 0 to 2.`, { details: { field: 'temperature' } });
  }
  if (!Number.isInteger(c.maxTokens) || c.maxTokens < 1) {
    throw new UserError('validation_failed', `Invalid max_tokens ${String(c.maxTokens)}: expected a positive integer.`, { details: { field: 'max_tokens' } });
  }
  const normalized: VersionContent = {
    ...c,
    // fixed key order and no stray keys: stored JSON then compares and exports the same on both dialects
    variables: (c.variables ?? []).map((v) => ({
      name: v.name,
      type: v.type,
      required: v.required === true,
      ...(v.default !== undefined ? { default: v.default } : {}),
      ...(v.description !== undefined ? { description: v.description } : {}),
      ...(v.values !== undefined ? { values: v.values } : {}),
    })),
    fewShotExamples: (c.fewShotExamples ?? []).map((e) => ({ input: e?.input, output: e?.output })),
  };
  checkTemplates(normalized);
  return normalized;
}

/** JSON with object keys sorted, so values read back from jsonb (which reorders keys) compare equal. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/** True when two contents are the same (a PUT that repeats the content makes no version). */
export function sameContent(a: VersionContent, b: VersionContent): boolean {
  return (
    a.systemPrompt === b.systemPrompt &&
    a.userPromptTemplate === b.userPromptTemplate &&
    a.modelType === b.modelType &&
    a.temperature === b.temperature &&
    a.maxTokens === b.maxTokens &&
    canonicalJson(a.fewShotExamples) === canonicalJson(b.fewShotExamples) &&
    canonicalJson(a.variables) === canonicalJson(b.variables)
  );
}

/** A row holding content (a prompt or a version), whose model_type column is plain text. */
export type ContentRow = Omit<VersionContent, 'modelType'> & { modelType: string };

/** The content fields of a prompt or version row. */
export function contentOf(r: ContentRow): VersionContent {
  return {
    systemPrompt: r.systemPrompt,
    userPromptTemplate: r.userPromptTemplate,
    fewShotExamples: r.fewShotExamples,
    variables: r.variables,
    modelType: r.modelType as ModelType,
    temperature: r.temperature,
    maxTokens: r.maxTokens,
  };
}
