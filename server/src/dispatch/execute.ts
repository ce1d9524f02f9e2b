// Executing a library prompt: pick the version (explicit, else the running experiment's variant for this
// user, else the deployed one), render it with the template engine, and send it through the dispatcher
// with the prompt's cache policy and TTL. Raw prompts (no library entry) skip the first two steps.
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../../shared/src/model/index.js';
import type { Repositories } from '../db/repositories/types.js';
import type { PromptVersionRow } from '../db/schema/rowtypes.js';
import { assignVariant } from '../prompts/experiments/assign.js';
import { renderPrompt } from '../prompts/template/index.js';
import { UserError } from '../util/errors.js';
import { parsePolicy } from './cache/policy.js';
import type { DispatchEvent, DispatchResult, Dispatcher } from './dispatcher.js';
import type { ChatMessage, GenParams } from './types.js';

export interface ExecuteInput {
  promptId: number;
  versionId?: number;
  variables?: Record<string, unknown>;
  model?: string;
  parameters?: GenParams;
  bypassCache?: boolean;
  userId?: string;
  sessionId?: string;
  signal?: AbortSignal;
  onEvent?: (e: DispatchEvent) => void;
}

export interface ExecuteOutcome extends DispatchResult {
  versionId: number | null;
}

async function pickVersion(repos: Repositories, promptId: number, input: ExecuteInput): Promise<{ version: PromptVersionRow; experimentId: number | null }> {
  const prompts = repos.prompts;
  if (input.versionId !== undefined) {
    const v = await prompts.getVersion(input.versionId);
    if (!v || v.promptId !== promptId) throw new UserError('not_found', `Prompt ${promptId} has no version ${input.versionId}.`, { hint: 'List its versions with GET /api/prompts/{id}/versions.' });
    return { version: v, experimentId: null };
  }
  const exp = await prompts.runningExperiment(promptId);
  if (exp && exp.variants.length) {
    // sticky per user (or session); anonymous callers get a random arm
    const who = input.userId ?? input.sessionId ?? randomUUID();
    const arm = assignVariant(exp.id, exp.variants, who);
    const v = await prompts.getVersion(arm.version_id);
    if (v && v.promptId === promptId) return { version: v, experimentId: exp.id };
  }
  const deployed = await prompts.getDeployedVersion(promptId);
  if (deployed) return { version: deployed, experimentId: null };
  const all = await prompts.listVersions(promptId);
  const last = all[all.length - 1];
  if (!last) throw new UserError('not_found', `Prompt ${promptId} has no version to run.`, { hint: 'Create a version first.' });
  return { version: last, experimentId: null };
}

export async function executePrompt(repos: Repositories, dispatcher: Dispatcher, input: ExecuteInput): Promise<ExecuteOutcome> {
  const prompt = await repos.prompts.get(input.promptId);
  if (!prompt) throw new UserError('not_found', `No prompt with id ${input.promptId}.`, { hint: 'List prompts with GET /api/prompts/.' });
  const { version, experimentId } = await pickVersion(repos, prompt.id, input);
  const modelType = version.modelType === 'completion' ? 'completion' : 'chat';
  const rendered = renderPrompt(
    { systemPrompt: version.systemPrompt, userPromptTemplate: version.userPromptTemplate, fewShotExamples: version.fewShotExamples, variables: version.variables, modelType },
    input.variables ?? {},
  );
  const params: GenParams = { temperature: version.temperature, max_tokens: version.maxTokens, ...input.parameters };
  const r = await dispatcher.dispatch({
    model: input.model ?? null,
    messages: rendered.messages,
    text: rendered.text,
    params,
    promptId: prompt.id,
    versionId: version.id,
    experimentId,
    inputVariables: rendered.variables as JsonObject,
    cachePolicy: parsePolicy(prompt.cachePolicy),
    cacheTtlSeconds: prompt.cacheTtlSeconds,
    bypassCache: input.bypassCache ?? false,
    userId: input.userId ?? null,
    sessionId: input.sessionId ?? null,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.onEvent ? { onEvent: input.onEvent } : {}),
  });
  return { ...r, versionId: version.id };
}

export interface RawInput {
  messages?: ChatMessage[];
  text?: string;
}

/** A raw prompt: chat messages, or one text (sent as a user message to chat models). */
export function rawPrompt(raw: RawInput): { messages: ChatMessage[]; text: string } {
  const messages = raw.messages?.length ? raw.messages : raw.text ? [{ role: 'user' as const, content: raw.text }] : [];
  if (!messages.length) throw new UserError('bad_request', 'The raw prompt is empty.', { hint: 'Send raw.messages or raw.text.' });
  const text = raw.text ?? messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
  return { messages, text };
}
