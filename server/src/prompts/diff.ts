// Field-by-field difference between two versions, with a unified line diff for the texts. Examples and
// variables are compared as canonical, pretty-printed JSON so the line diff is readable too.
import { createTwoFilesPatch, diffLines } from 'diff';
import type { VersionDiff } from '../../../shared/src/api/prompts.js';
import type { PromptVersionRow } from '../db/repositories/prompts/types.js';
import { canonicalJson } from './validate.js';

type Field = VersionDiff['fields'][number];

const TEXT_FIELDS = [
  ['system_prompt', 'systemPrompt'],
  ['user_prompt_template', 'userPromptTemplate'],
] as const;
const JSON_FIELDS = [
  ['few_shot_examples', 'fewShotExamples'],
  ['variables', 'variables'],
] as const;
const SCALAR_FIELDS = [
  ['model_type', 'modelType'],
  ['temperature', 'temperature'],
  ['max_tokens', 'maxTokens'],
] as const;

function pretty(v: unknown): string {
  return JSON.stringify(JSON.parse(canonicalJson(v)), null, 2) + '\n';
}

function lineDiff(field: string, a: string, b: string, from: number, to: number): Pick<Field, 'patch' | 'added_lines' | 'removed_lines'> {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(a, b)) {
    if (part.added) added += part.count ?? 0;
    else if (part.removed) removed += part.count ?? 0;
  }
  const patch = createTwoFilesPatch(`v${from}/${field}`, `v${to}/${field}`, a, b, undefined, undefined, { context: 3 });
  return { patch, added_lines: added, removed_lines: removed };
}

export function diffVersions(a: PromptVersionRow, b: PromptVersionRow): VersionDiff {
  const fields: Field[] = [];
  for (const [field, key] of TEXT_FIELDS) {
    const x = a[key];
    const y = b[key];
    fields.push(x === y ? { field, changed: false, from: x, to: y, added_lines: 0, removed_lines: 0 } : { field, changed: true, from: x, to: y, ...lineDiff(field, x, y, a.versionNumber, b.versionNumber) });
  }
  for (const [field, key] of JSON_FIELDS) {
    const x = pretty(a[key]);
    const y = pretty(b[key]);
    fields.push(
      x === y
        ? { field, changed: false, from: a[key], to: b[key], added_lines: 0, removed_lines: 0 }
        : { field, changed: true, from: a[key], to: b[key], ...lineDiff(field, x, y, a.versionNumber, b.versionNumber) },
    );
  }
  for (const [field, key] of SCALAR_FIELDS) {
    fields.push({ field, changed: a[key] !== b[key], from: a[key], to: b[key], added_lines: 0, removed_lines: 0 });
  }
  return { prompt_id: a.promptId, from: a.versionNumber, to: b.versionNumber, fields };
}
