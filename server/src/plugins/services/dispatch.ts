// Running models for plugins through model dispatch (cache, queue, retries, history): the deployed version
// of a library prompt rendered with variables, or a raw prompt. Streaming and cancellable.
import type { JsonObject } from '../../../../shared/src/model/index.js';
import type { ModelConfig } from '../../config/schema.js';
import type { DaemonContext } from '../../context.js';
import type { DispatchServices } from '../../dispatch/services.js';
import type { ChatMessage } from '../../dispatch/types.js';
import { executePrompt } from '../../dispatch/execute.js';
import { UserError } from '../../util/errors.js';

/** `details.reason` of the error pickModel throws when no model fits (callers may try another plugin) */
export const NO_MODEL = 'no_model';

export interface RunOptions {
  model?: string | undefined;
  signal?: AbortSignal | undefined;
  onToken?: ((text: string) => void) | undefined;
}

export interface RunResult {
  output: string;
  model: string;
  executionId: number | null;
  fromCache: boolean;
}

/** The dispatch services of the running daemon, or a clear error when that capability is absent. */
export function dispatchOf(ctx: DaemonContext): DispatchServices {
  const d = ctx.services.dispatch as DispatchServices | undefined;
  if (!d) throw new UserError('upstream_unavailable', 'Model dispatch is not running in this daemon, so plugins cannot call models.');
  return d;
}

/** Only values the version declares or uses are passed: the renderer refuses unknown variables. */
export function pickVariables(version: { variables: { name: string }[]; systemPrompt: string; userPromptTemplate: string }, values: JsonObject): JsonObject {
  const wanted = new Set(version.variables.map((v) => v.name));
  for (const m of `${version.systemPrompt}\n${version.userPromptTemplate}`.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) wanted.add(m[1]!);
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => wanted.has(k) && v !== undefined && v !== null));
}

/**
 * Runs a library prompt by name the way POST /api/prompts/{id}/execute does (executePrompt: a running A/B
 * experiment's arm or the deployed version, the prompt's cache policy, one history row), passing only the
 * variables the deployed version declares or uses.
 */
export async function runLibraryPrompt(ctx: DaemonContext, name: string, variables: JsonObject, opts: RunOptions = {}): Promise<RunResult> {
  const d = dispatchOf(ctx);
  const prompt = await ctx.repos.prompts.getByName(name);
  if (!prompt) {
    throw new UserError('not_found', `The prompt library has no prompt named "${name}".`, { hint: 'Load the starter library (codetune prompts import) or create a prompt with that name.' });
  }
  const version = (await ctx.repos.prompts.getDeployedVersion(prompt.id)) ?? (await ctx.repos.prompts.listVersions(prompt.id)).at(-1);
  if (!version) throw new UserError('conflict', `The prompt "${name}" has no version to run.`, { hint: 'Create and deploy a version in the prompt library.' });
  const r = await executePrompt(ctx.repos, d.dispatcher, {
    promptId: prompt.id,
    variables: pickVariables(version, variables),
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onEvent: (e) => {
      if (e.type === 'delta') opts.onToken?.(e.text);
    },
  });
  return { output: r.output, model: r.modelUsed, executionId: r.executionId, fromCache: r.fromCache };
}

export async function runRawPrompt(
  ctx: DaemonContext,
  prompt: string,
  opts: RunOptions & { system?: string | undefined; maxTokens?: number | undefined; temperature?: number | undefined; stop?: string[] | undefined },
): Promise<RunResult> {
  const d = dispatchOf(ctx);
  const messages: ChatMessage[] = [...(opts.system ? [{ role: 'system' as const, content: opts.system }] : []), { role: 'user', content: prompt }];
  const r = await d.dispatcher.dispatch({
    model: opts.model ?? null,
    messages,
    text: opts.system ? `${opts.system}\n\n${prompt}` : prompt,
    params: {
      ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}),
      ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      ...(opts.stop ? { stop: opts.stop } : {}),
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    onEvent: (e) => {
      if (e.type === 'delta') opts.onToken?.(e.text);
    },
  });
  return { output: r.output, model: r.modelUsed, executionId: r.executionId, fromCache: r.fromCache };
}

/**
 * The model a built-in runs on: its `model` setting, else the first configured model whose id or model name
 * matches `pattern` (e.g. /whiterabbitneo/i), else — when `fallbackToDefault` — the default model.
 */
export function pickModel(ctx: DaemonContext, setting: unknown, match: (m: ModelConfig) => boolean, what: string, fallbackToDefault = false): string | undefined {
  if (typeof setting === 'string' && setting) return setting;
  const d = dispatchOf(ctx);
  const found = d.models.all().find(match);
  if (found) return found.id;
  if (fallbackToDefault) return undefined;
  throw new UserError('bad_request', `No ${what} model is configured.`, {
    hint: `Add one to "models" in the config file (or codetune.models), or set this plugin's "model" setting to a configured model id.`,
    details: { reason: NO_MODEL },
  });
}
