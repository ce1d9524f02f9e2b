// The prompt library's service: what HTTP routes, LSP handlers, the CLI and model dispatch call. It checks
// input, turns rows into API shapes, and announces every change (codetune/prompts/didChange).
import type {
  DeleteResult,
  DeployBody,
  PromptCreate,
  PromptDetails,
  PromptList,
  PromptListQuery,
  PromptUpdate,
  PromptVersion,
  RenderPreview,
  RenderPreviewBody,
  RollbackBody,
  VersionCreate,
  VersionDiff,
} from '../../../shared/src/api/prompts.js';
import type { ModelType, PromptCategory } from '../../../shared/src/model/index.js';
import type { PromptChange, PromptChangeKind } from '../../../shared/src/protocol/prompts.js';
import type { ExecutionRow, NewExecutionRow, NewVersion, PromptMetadata, PromptRow, PromptVersionRow, VersionContent } from '../db/repositories/prompts/types.js';
import type { Repositories } from '../db/repositories/types.js';
import { UserError } from '../util/errors.js';
import { diffVersions } from './diff.js';
import { promptDto, versionDto } from './dto.js';
import { renderPrompt, type Rendered } from './template/index.js';
import { checkCategory, checkContent, checkMetadata, checkName, contentOf, sameContent } from './validate.js';

export type { PromptChange, PromptChangeKind };

type ContentInput = Partial<Pick<PromptCreate, 'system_prompt' | 'user_prompt_template' | 'few_shot_examples' | 'variables' | 'model_type' | 'temperature' | 'max_tokens'>>;

/** API content fields over a base content (the prompt's current one, or defaults for a new prompt). */
function mergeContent(base: VersionContent, b: ContentInput): VersionContent {
  return {
    systemPrompt: b.system_prompt ?? base.systemPrompt,
    userPromptTemplate: b.user_prompt_template ?? base.userPromptTemplate,
    fewShotExamples: b.few_shot_examples ?? base.fewShotExamples,
    variables: (b.variables as VersionContent['variables'] | undefined) ?? base.variables,
    modelType: (b.model_type as ModelType | undefined) ?? base.modelType,
    temperature: b.temperature ?? base.temperature,
    maxTokens: b.max_tokens ?? base.maxTokens,
  };
}

const DEFAULT_CONTENT: VersionContent = { systemPrompt: '', userPromptTemplate: '', fewShotExamples: [], variables: [], modelType: 'chat', temperature: 0.2, maxTokens: 1024 };

function metadataPatch(b: PromptUpdate): Partial<PromptMetadata> {
  const m: Partial<PromptMetadata> = {};
  if (b.name !== undefined) m.name = b.name;
  if (b.description !== undefined) m.description = b.description;
  if (b.category !== undefined) m.category = b.category as PromptCategory;
  if (b.use_case !== undefined) m.useCase = b.use_case;
  if (b.tags !== undefined) m.tags = b.tags;
  if (b.is_active !== undefined) m.isActive = b.is_active;
  if (b.cache_policy !== undefined) m.cachePolicy = b.cache_policy;
  if (b.cache_ttl_seconds !== undefined) m.cacheTtlSeconds = b.cache_ttl_seconds;
  return m;
}

function hasContent(b: ContentInput): boolean {
  return ['system_prompt', 'user_prompt_template', 'few_shot_examples', 'variables', 'model_type', 'temperature', 'max_tokens'].some((k) => (b as Record<string, unknown>)[k] !== undefined);
}

export class PromptService {
  private readonly listeners = new Set<(c: PromptChange) => void>();

  constructor(readonly repos: Repositories) {}

  /** subscribe to changes; returns the unsubscribe function */
  onDidChange(fn: (c: PromptChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(c: PromptChange): void {
    for (const fn of this.listeners) fn(c);
  }

  /** a prompt by id or by name; UserError not_found otherwise */
  async resolve(idOrName: number | string): Promise<PromptRow> {
    const asId = typeof idOrName === 'number' ? idOrName : /^\d+$/.test(idOrName) ? Number(idOrName) : undefined;
    const row = asId !== undefined ? await this.repos.prompts.get(asId) : await this.repos.prompts.getByName(String(idOrName));
    const byName = row ?? (typeof idOrName === 'string' && asId !== undefined ? await this.repos.prompts.getByName(idOrName) : undefined);
    if (!byName) {
      throw new UserError('not_found', `No prompt ${typeof idOrName === 'number' ? `with id ${idOrName}` : `named or numbered '${idOrName}'`}.`, {
        hint: 'List prompts with GET /api/prompts or `codetune prompts export`.',
      });
    }
    return byName;
  }

  async details(idOrName: number | string, created?: PromptVersionRow | null): Promise<PromptDetails> {
    const p = await this.resolve(idOrName);
    const [deployed, versions] = await Promise.all([this.repos.prompts.getDeployedVersion(p.id), this.repos.prompts.listVersions(p.id)]);
    return {
      prompt: promptDto(p),
      deployed_version: deployed ? versionDto(deployed) : null,
      latest_version_number: versions.at(-1)?.versionNumber ?? 0,
      ...(created !== undefined ? { created_version: created ? versionDto(created) : null } : {}),
    };
  }

  async create(b: PromptCreate): Promise<PromptDetails> {
    const meta = checkMetadata({
      name: checkName(b.name),
      description: b.description ?? '',
      category: checkCategory(b.category),
      useCase: b.use_case ?? '',
      tags: b.tags ?? [],
      isActive: b.is_active ?? true,
      cachePolicy: b.cache_policy ?? 'deterministic',
      cacheTtlSeconds: b.cache_ttl_seconds ?? null,
    }) as PromptMetadata;
    const content = checkContent(mergeContent(DEFAULT_CONTENT, b));
    const { prompt, version } = await this.repos.prompts.create({ ...meta, createdBy: b.created_by ?? '', content, changeNotes: b.change_notes ?? 'Created' });
    this.emit({ prompt_id: prompt.id, name: prompt.name, kind: 'created', version_id: version.id });
    return this.details(prompt.id, version);
  }

  async list(q: PromptListQuery): Promise<PromptList> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    if (q.category !== undefined) checkCategory(q.category);
    const page = await this.repos.prompts.list({
      limit,
      offset,
      ...(q.q !== undefined ? { q: q.q } : {}),
      ...(q.category !== undefined ? { category: q.category } : {}),
      ...(q.use_case !== undefined ? { useCase: q.use_case } : {}),
      ...(q.tag !== undefined ? { tags: q.tag } : {}),
      ...(q.model_type !== undefined ? { modelType: q.model_type } : {}),
      ...(q.active !== undefined ? { active: q.active } : {}),
      ...(q.sort !== undefined ? { sort: q.sort } : {}),
    });
    return { items: page.items.map(promptDto), total: page.total, limit, offset };
  }

  /** Metadata edits change the row; content edits make a new version (unless the content is unchanged). */
  async update(idOrName: number | string, b: PromptUpdate): Promise<PromptDetails> {
    const p = await this.resolve(idOrName);
    const meta = checkMetadata(metadataPatch(b));
    let version: NewVersion | undefined;
    if (hasContent(b)) {
      const content = checkContent(mergeContent(contentOf(p), b));
      if (!sameContent(content, contentOf(p))) {
        version = { content, createdBy: b.created_by ?? '', changeNotes: b.change_notes ?? '', deploy: b.deploy ?? false };
      }
    }
    const result = await this.repos.prompts.update(p.id, meta, version);
    if (!result) throw new UserError('not_found', `Prompt ${p.id} was deleted while it was being updated.`);
    const created = result.version;
    this.emit({ prompt_id: p.id, name: meta.name ?? p.name, kind: created ? 'version_created' : 'updated', ...(created ? { version_id: created.id } : {}) });
    return this.details(p.id, created);
  }

  async remove(idOrName: number | string, hard: boolean): Promise<DeleteResult> {
    const p = await this.resolve(idOrName);
    if (hard) await this.repos.prompts.hardDelete(p.id);
    else await this.repos.prompts.update(p.id, { isActive: false });
    this.emit({ prompt_id: p.id, name: p.name, kind: 'deleted' });
    return { id: p.id, deleted: hard ? 'hard' : 'soft' };
  }

  async createVersion(idOrName: number | string, b: VersionCreate): Promise<PromptVersion> {
    const p = await this.resolve(idOrName);
    const content = checkContent(mergeContent(contentOf(p), b));
    const v = await this.repos.prompts.createVersion(p.id, { content, createdBy: b.created_by ?? '', changeNotes: b.change_notes ?? '', deploy: b.deploy ?? false });
    if (!v) throw new UserError('not_found', `Prompt ${p.id} was deleted while the version was being created.`);
    this.emit({ prompt_id: p.id, name: p.name, kind: 'version_created', version_id: v.id });
    return versionDto(v);
  }

  async listVersions(idOrName: number | string): Promise<PromptVersion[]> {
    const p = await this.resolve(idOrName);
    return (await this.repos.prompts.listVersions(p.id)).map(versionDto);
  }

  async versionByNumber(idOrName: number | string, n: number): Promise<PromptVersionRow> {
    const p = await this.resolve(idOrName);
    const v = await this.repos.prompts.getVersionByNumber(p.id, n);
    if (!v) throw new UserError('not_found', `Prompt '${p.name}' has no version ${n}.`, { hint: `List its versions with GET /api/prompts/${p.id}/versions.` });
    return v;
  }

  /** a version by id; UserError not_found otherwise */
  async getVersion(id: number): Promise<PromptVersionRow> {
    const v = await this.repos.prompts.getVersion(id);
    if (!v) throw new UserError('not_found', `No prompt version with id ${id}.`);
    return v;
  }

  /** the version commands run; not_found when the prompt does not exist or has no deployed version */
  async getDeployedVersion(promptIdOrName: number | string): Promise<PromptVersionRow> {
    const p = await this.resolve(promptIdOrName);
    if (!p.isActive) {
      throw new UserError('conflict', `Prompt '${p.name}' is deactivated.`, { hint: `Reactivate it with PUT /api/prompts/${p.id} {"is_active": true}.` });
    }
    const v = await this.repos.prompts.getDeployedVersion(p.id);
    if (!v) throw new UserError('not_found', `Prompt '${p.name}' has no deployed version.`, { hint: `Deploy one with POST /api/prompts/${p.id}/deploy.` });
    return v;
  }

  async deploy(idOrName: number | string, b: DeployBody): Promise<PromptVersion> {
    const p = await this.resolve(idOrName);
    if ((b.version_id === undefined) === (b.version_number === undefined)) {
      throw new UserError('validation_failed', 'Give exactly one of version_id or version_number to deploy.');
    }
    const target = b.version_id !== undefined ? await this.repos.prompts.getVersion(b.version_id) : await this.repos.prompts.getVersionByNumber(p.id, b.version_number!);
    if (!target || target.promptId !== p.id) {
      throw new UserError('not_found', `Prompt '${p.name}' has no version ${b.version_id !== undefined ? `with id ${b.version_id}` : b.version_number}.`);
    }
    return this.deployRow(p, target.id);
  }

  /** deploys the given version number, or the newest version older than the deployed one */
  async rollback(idOrName: number | string, b: RollbackBody): Promise<PromptVersion> {
    const p = await this.resolve(idOrName);
    if (b.version_number !== undefined) return this.deploy(p.id, { version_number: b.version_number });
    const versions = await this.repos.prompts.listVersions(p.id);
    const current = versions.find((v) => v.isDeployed);
    const previous = versions.filter((v) => current === undefined || v.versionNumber < current.versionNumber).at(-1);
    if (!previous || previous === current) {
      throw new UserError('conflict', `Prompt '${p.name}' has no version older than the deployed version ${current?.versionNumber ?? '(none)'} to roll back to.`);
    }
    return this.deployRow(p, previous.id);
  }

  private async deployRow(p: PromptRow, versionId: number): Promise<PromptVersion> {
    const v = await this.repos.prompts.deploy(p.id, versionId);
    if (!v) throw new UserError('not_found', `Prompt '${p.name}' has no version with id ${versionId}.`);
    this.emit({ prompt_id: p.id, name: p.name, kind: 'deployed', version_id: v.id });
    return versionDto(v);
  }

  async diff(idOrName: number | string, from: number, to: number): Promise<VersionDiff> {
    const [a, b] = await Promise.all([this.versionByNumber(idOrName, from), this.versionByNumber(idOrName, to)]);
    return diffVersions(a, b);
  }

  /** renders a stored version (pure; throws validation_failed naming the variable) */
  renderVersion(v: PromptVersionRow, values: Record<string, unknown>): Rendered {
    return renderPrompt(
      { systemPrompt: v.systemPrompt, userPromptTemplate: v.userPromptTemplate, fewShotExamples: v.fewShotExamples, variables: v.variables, modelType: v.modelType as ModelType },
      values,
    );
  }

  async render(versionId: number, values: Record<string, unknown>): Promise<Rendered> {
    return this.renderVersion(await this.getVersion(versionId), values);
  }

  /** the exact text a model would receive: a stored version (default: deployed) or an unsaved draft */
  async preview(idOrName: number | string, b: RenderPreviewBody): Promise<RenderPreview> {
    const p = await this.resolve(idOrName);
    let versionId: number | null = null;
    let base: VersionContent;
    if (b.version_id !== undefined) {
      const v = await this.getVersion(b.version_id);
      if (v.promptId !== p.id) throw new UserError('not_found', `Prompt '${p.name}' has no version with id ${b.version_id}.`);
      versionId = v.id;
      base = contentOf(v);
    } else {
      const v = await this.repos.prompts.getDeployedVersion(p.id);
      versionId = v?.id ?? null;
      base = contentOf(v ?? p);
    }
    const content = b.draft ? checkContent(mergeContent(base, b.draft)) : base;
    if (b.draft) versionId = null;
    const r = renderPrompt({ ...content }, b.variables);
    return { version_id: versionId, model_type: content.modelType, messages: r.messages, text: r.text, variables: r.variables };
  }

  /** history row + version and prompt counters, in one transaction */
  async recordExecution(row: NewExecutionRow): Promise<ExecutionRow> {
    return this.repos.prompts.recordExecution(row);
  }

  /** shorthand for dispatch: record an execution of a version with its outcome and latency */
  async recordExecutionStats(versionId: number, success: boolean, ms: number, extra: Partial<NewExecutionRow> = {}): Promise<ExecutionRow> {
    const v = await this.getVersion(versionId);
    return this.repos.prompts.recordExecution({ modelUsed: '', ...extra, promptId: v.promptId, versionId, success, executionTimeMs: Math.round(ms) });
  }
}
