// The prompt file: one YAML document per prompt with its metadata and every version, written so a team
// can keep prompts in git and review them (templates as literal blocks, fixed key order, no run-time
// statistics). Parsing reports every problem with the file's line number.
import { LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { FewShotExample, VariableSpec } from '../../../../shared/src/model/index.js';
import type { PromptMetadata, PromptRow, PromptVersionRow, VersionContent } from '../../db/repositories/prompts/types.js';
import { isUserError } from '../../util/errors.js';
import { checkContent, checkMetadata } from '../validate.js';

export const PROMPT_FILE_SUFFIX = '.prompt.yaml';
const HEADER = '# CodeTune prompt. Edit and run `codetune prompts import DIR`: a content change becomes a new version.\n';

export interface FileVersion {
  version: number;
  deployed: boolean;
  createdAt: Date | null;
  createdBy: string;
  changeNotes: string;
  content: VersionContent;
}

export interface PromptFile {
  meta: PromptMetadata & { createdBy: string };
  versions: FileVersion[];
}

export interface FileProblem {
  file: string;
  line: number;
  message: string;
}

/** File name for a prompt name: characters that some file systems refuse become '_'. */
export function fileNameFor(name: string): string {
  return name.replace(/[<>:"|?*\u0000-\u001f/\\]/g, '_') + PROMPT_FILE_SUFFIX;
}

function variableOut(v: VariableSpec): Record<string, unknown> {
  return {
    name: v.name,
    type: v.type,
    required: v.required,
    ...(v.default !== undefined ? { default: v.default } : {}),
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.values !== undefined ? { values: v.values } : {}),
  };
}

/** Deterministic YAML for a prompt and its versions (oldest first). */
export function serializePrompt(p: PromptRow, versions: readonly PromptVersionRow[]): string {
  const doc = {
    name: p.name,
    description: p.description,
    category: p.category,
    use_case: p.useCase,
    tags: p.tags,
    is_active: p.isActive,
    created_by: p.createdBy,
    cache_policy: p.cachePolicy,
    ...(p.cacheTtlSeconds !== null ? { cache_ttl_seconds: p.cacheTtlSeconds } : {}),
    versions: versions.map((v) => ({
      version: v.versionNumber,
      deployed: v.isDeployed,
      created_at: v.createdAt.toISOString(),
      created_by: v.createdBy,
      change_notes: v.changeNotes,
      model_type: v.modelType,
      temperature: v.temperature,
      max_tokens: v.maxTokens,
      variables: v.variables.map(variableOut),
      system_prompt: v.systemPrompt,
      user_prompt_template: v.userPromptTemplate,
      few_shot_examples: v.fewShotExamples.map((e) => ({ input: e.input, output: e.output })),
    })),
  };
  return HEADER + stringify(doc, { blockQuote: 'literal', lineWidth: 0, indentSeq: true, aliasDuplicateObjects: false });
}

type Path = (string | number)[];

class Problems {
  readonly list: FileProblem[] = [];
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}
  /** line of the deepest node of `path` that exists */
  lineOf(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }
  add(path: Path, message: string): void {
    this.list.push({ file: this.file, line: this.lineOf(path), message });
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks one file; either the prompt or every problem found, each with its line. */
export function parsePromptFile(file: string, text: string): { prompt: PromptFile } | { problems: FileProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? 1, message: e.message.split('\n')[0] ?? e.message })) };
  }
  const pr = new Problems(file, doc, lines);
  const raw: unknown = doc.toJS();
  if (!isObj(raw)) return { problems: [{ file, line: 1, message: 'expected a mapping with name, category and versions' }] };

  const str = (o: Record<string, unknown>, key: string, path: Path, fallback?: string): string => {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string') {
      pr.add([...path, key], `${key} must be text`);
      return fallback ?? '';
    }
    return v;
  };
  const meta = {
    name: str(raw, 'name', []),
    description: str(raw, 'description', [], ''),
    category: str(raw, 'category', []) as PromptMetadata['category'],
    useCase: str(raw, 'use_case', [], ''),
    tags: Array.isArray(raw.tags) ? (raw.tags as string[]) : raw.tags === undefined ? [] : (pr.add(['tags'], 'tags must be a list'), []),
    isActive: raw.is_active === undefined ? true : raw.is_active === true,
    createdBy: str(raw, 'created_by', [], ''),
    cachePolicy: str(raw, 'cache_policy', [], 'deterministic'),
    cacheTtlSeconds: typeof raw.cache_ttl_seconds === 'number' ? raw.cache_ttl_seconds : null,
  };
  try {
    Object.assign(meta, checkMetadata(meta));
  } catch (e) {
    if (!isUserError(e)) throw e;
    pr.add([String((e.details as { field?: string } | undefined)?.field ?? 'name')], e.message);
  }

  const versions: FileVersion[] = [];
  if (!Array.isArray(raw.versions) || raw.versions.length === 0) pr.add(['versions'], 'versions must be a non-empty list');
  else {
    let deployed = 0;
    raw.versions.forEach((v: unknown, i: number) => {
      const path: Path = ['versions', i];
      if (!isObj(v)) return pr.add(path, `versions[${i}] must be a mapping`);
      if (v.version !== i + 1) pr.add([...path, 'version'], `versions[${i}] must have version: ${i + 1} (versions are numbered 1, 2, 3… in order)`);
      if (v.deployed === true) deployed++;
      const createdAt = typeof v.created_at === 'string' ? new Date(v.created_at) : null;
      if (createdAt && Number.isNaN(createdAt.getTime())) pr.add([...path, 'created_at'], `created_at '${String(v.created_at)}' is not an ISO date`);
      const content: VersionContent = {
        systemPrompt: str(v, 'system_prompt', path, ''),
        userPromptTemplate: str(v, 'user_prompt_template', path),
        fewShotExamples: (v.few_shot_examples ?? []) as FewShotExample[],
        variables: (v.variables ?? []) as VariableSpec[],
        modelType: str(v, 'model_type', path, 'chat') as VersionContent['modelType'],
        temperature: v.temperature === undefined ? 0.2 : (v.temperature as number),
        maxTokens: v.max_tokens === undefined ? 1024 : (v.max_tokens as number),
      };
      if (!Array.isArray(content.variables)) pr.add([...path, 'variables'], 'variables must be a list');
      if (!Array.isArray(content.fewShotExamples)) pr.add([...path, 'few_shot_examples'], 'few_shot_examples must be a list');
      try {
        const checked = checkContent(content);
        versions.push({ version: i + 1, deployed: v.deployed === true, createdAt: createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : null, createdBy: str(v, 'created_by', path, ''), changeNotes: str(v, 'change_notes', path, ''), content: checked });
      } catch (e) {
        if (!isUserError(e)) throw e;
        const d = e.details as { field?: string; issues?: { variable: string }[] } | undefined;
        const field = d?.field ?? (d?.issues ? 'variables' : undefined);
        pr.add(field ? [...path, field] : path, e.message);
      }
    });
    if (deployed > 1) pr.add(['versions'], `${deployed} versions are marked deployed; at most one may be`);
  }
  return pr.list.length ? { problems: pr.list } : { prompt: { meta, versions } };
}
