// The one path every model request takes (DESIGN.md "Model dispatch"): cache lookup → single-flight →
// per-model queue → provider (with timeouts, retries, breaker, loading wait) → optional fallback models →
// stream back → one execution_history row (success or failure) → fill the cache.
import type { JsonObject } from '../../../shared/src/model/index.js';
import type { ModelConfig } from '../config/schema.js';
import type { ExecutionRow } from '../db/schema/rowtypes.js';
import type { Logger } from '../logger.js';
import { UserError, errorMessage, isUserError } from '../util/errors.js';
import { cacheable, type CachePolicy } from './cache/policy.js';
import type { CacheService } from './cache/service.js';
import { cacheKey, keyString } from './cachekey.js';
import { DEFAULTS, ModelLanes, TimeoutReason, asProviderError, callModel, type DispatchEvent, type ModelCallResult } from './call.js';
import { costMicros, estimateTokens } from './cost.js';
import { ProviderError, toUserError } from './errors.js';
import type { HistoryService } from './history.js';
import { containsSecret, scrubKnown } from './redact.js';
import { KeyStore, requiresKey } from './keys.js';
import type { ModelRegistry } from './models.js';
import { SingleFlight } from './singleflight.js';
import { modelKind, type ChatMessage, type GenParams } from './types.js';

export type { DispatchEvent };

export interface DispatchRequest {
  /** model id; default model when absent */
  model?: string | null;
  messages: ChatMessage[];
  /** the flattened prompt (completion models get it; history stores it) */
  text: string;
  params: GenParams;
  promptId?: number | null;
  versionId?: number | null;
  experimentId?: number | null;
  inputVariables?: JsonObject;
  cachePolicy?: CachePolicy;
  cacheTtlSeconds?: number | null;
  bypassCache?: boolean;
  userId?: string | null;
  sessionId?: string | null;
  /** ask the upstream server for a stream (default true; false for servers without SSE) */
  upstreamStream?: boolean;
  signal?: AbortSignal;
  onEvent?: (e: DispatchEvent) => void;
}

export interface DispatchResult {
  executionId: number;
  output: string;
  fromCache: boolean;
  modelUsed: string;
  provider: string;
  tokensInput: number;
  tokensOutput: number;
  tokensUsed: number;
  tokensEstimated: boolean;
  executionTimeMs: number;
  queueTimeMs: number;
  firstTokenMs: number | null;
  /** null = unknown (no price configured) */
  costMicros: number | null;
}

/** what a flight yields: a cached answer, or the model's */
type Outcome = { kind: 'cache'; response: string; tokensUsed: number; firstTokenMs: number } | { kind: 'model'; r: ModelCallResult };

export class Dispatcher {
  readonly lanes = new ModelLanes();
  private readonly flights = new SingleFlight<Outcome>();

  constructor(
    readonly models: ModelRegistry,
    readonly keys: KeyStore,
    readonly cache: CacheService,
    readonly history: HistoryService,
    private readonly log: Logger,
  ) {}

  async dispatch(req: DispatchRequest): Promise<DispatchResult> {
    const t0 = performance.now();
    const primary = this.models.resolve(req.model);
    const onEvent = req.onEvent ?? (() => undefined);
    const userSignal = req.signal ?? new AbortController().signal;
    const totalMs = primary.limits?.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
    // the request's own signal: the caller's cancellation or the total timeout
    const ac = new AbortController();
    const onUser = () => ac.abort(userSignal.reason ?? new Error('cancelled'));
    if (userSignal.aborted) onUser();
    userSignal.addEventListener('abort', onUser, { once: true });
    const totalTimer = setTimeout(() => ac.abort(new TimeoutReason('total', totalMs)), totalMs);
    const base = {
      promptId: req.promptId ?? null,
      versionId: req.versionId ?? null,
      experimentId: req.experimentId ?? null,
      inputVariables: req.inputVariables ?? {},
      renderedPrompt: req.text,
      sessionId: req.sessionId ?? null,
      userId: req.userId ?? null,
    };
    const key = cacheKey(primary.id, modelKind(primary), req.messages, req.text, req.params);
    const useCache = cacheable(req.cachePolicy ?? 'deterministic', req.params);
    const ms = () => Math.round(performance.now() - t0);

    try {
      // The flight is joined before the cache lookup, synchronously, so requests that arrive together
      // coalesce whatever the database's latency; the leader looks the cache up, calls the model and fills
      // the cache before the flight ends, so a request arriving after it finds the entry.
      const run = async (signal: AbortSignal, emit: (t: string) => void): Promise<Outcome> => {
        if (useCache && !req.bypassCache) {
          const hit = await this.cache.get(key, base.promptId);
          if (hit) {
            emit(hit.response);
            return { kind: 'cache', response: hit.response, tokensUsed: hit.tokensUsed, firstTokenMs: ms() };
          }
        }
        const r = await this.callChain(primary, req, signal, emit, onEvent);
        // an answer holding a secret is not cached: the cache keeps answers verbatim, and secrets never
        // reach the database (history stores them redacted)
        if (useCache && r.model.id === primary.id && !(await containsSecret(r.text, this.keys.knownValues(this.models.all())))) {
          const usage = r.usage ?? { input: estimateTokens(req.text), output: estimateTokens(r.text) };
          await this.cache
            .put(key, { response: r.text, tokensUsed: usage.input + usage.output, promptId: base.promptId, ttlSeconds: req.cacheTtlSeconds ?? null })
            .catch((e: unknown) => this.log.warn({ err: errorMessage(e), model: primary.id }, 'cache write failed'));
        }
        return { kind: 'model', r };
      };
      const sub = { onDelta: (text: string) => onEvent({ type: 'delta', text }) };
      // coalescing is for answers that are "the" answer: the same rule as caching; a bypassing request
      // only joins other bypassing ones (it wants a fresh answer, not a cached one)
      const flightKey = `${keyString(key)}${req.bypassCache ? '\u0000fresh' : ''}`;
      const { value: out, leader } = useCache ? await this.flights.join(flightKey, sub, ac.signal, run) : { value: await run(ac.signal, sub.onDelta), leader: true };

      if (out.kind === 'cache') {
        const input = estimateTokens(req.text);
        return await this.finish(
          { ...base, modelUsed: primary.id, provider: primary.provider, output: out.response, fromCache: true, queueTimeMs: 0, firstTokenMs: out.firstTokenMs },
          { input, output: Math.max(0, out.tokensUsed - input) },
          true,
          0,
          ms(),
        );
      }
      const r = out.r;
      const usage = r.usage ?? { input: estimateTokens(req.text), output: estimateTokens(r.text) };
      return await this.finish(
        {
          ...base,
          modelUsed: r.model.id,
          provider: r.model.provider,
          output: r.text,
          // a coalesced follower made no upstream call of its own: recorded like a cache hit, at no cost
          fromCache: !leader,
          queueTimeMs: leader ? r.queueMs : 0,
          firstTokenMs: r.firstTokenMs,
        },
        usage,
        !r.usage,
        leader ? costMicros(r.model, usage, r.busyMs) : 0,
        ms(),
      );
    } catch (raw) {
      if (!(raw instanceof ProviderError) && !isUserError(raw) && !ac.signal.aborted) {
        // not the model's fault (the database, a bug): an internal error, masked at the boundary
        this.log.error({ err: errorMessage(raw), model: primary.id }, 'dispatch failed after the model call');
        throw raw;
      }
      const err = this.userError(raw, ac.signal, primary);
      const row = await this.history
        .record({ ...base, modelUsed: primary.id, provider: primary.provider, success: false, errorMessage: err.message, executionTimeMs: ms(), output: '' })
        .catch((e: unknown) => {
          this.log.error({ err: errorMessage(e) }, 'could not record a failed execution');
          return undefined;
        });
      throw new UserError(err.code, err.message, { ...(err.hint ? { hint: err.hint } : {}), cause: raw, details: { execution_id: row?.id ?? null } });
    } finally {
      clearTimeout(totalTimer);
      userSignal.removeEventListener('abort', onUser);
    }
  }

  /** primary, then each fallback model in turn, unless the caller cancelled or text already went out */
  private async callChain(primary: ModelConfig, req: DispatchRequest, signal: AbortSignal, emit: (t: string) => void, onEvent: (e: DispatchEvent) => void): Promise<ModelCallResult> {
    const chain = [primary, ...(primary.fallback ?? []).map((id) => this.models.find(id)).filter((m): m is ModelConfig => !!m && m.id !== primary.id)];
    let emitted = false;
    let lastError: unknown;
    for (const [i, model] of chain.entries()) {
      if (i > 0) onEvent({ type: 'fallback', from: chain[i - 1]!.id, to: model.id, reason: errorMessage(lastError) });
      try {
        const apiKey = this.keys.get(model);
        if (!apiKey && requiresKey(model)) throw new ProviderError('auth', `no API key is set for ${model.provider}`);
        return await callModel(this.lanes, {
          model,
          messages: req.messages,
          text: req.text,
          params: req.params,
          stream: req.upstreamStream ?? true,
          apiKey,
          signal,
          emit: (t) => {
            emitted = true;
            emit(t);
          },
          onEvent,
        });
      } catch (e) {
        lastError = e;
        const cancelled = signal.aborted || (e instanceof ProviderError && e.kind === 'cancelled');
        if (cancelled || emitted || i === chain.length - 1) throw e;
        this.log.warn({ model: model.id, err: errorMessage(e) }, 'model failed; trying the next fallback');
      }
    }
    throw lastError;
  }

  private async finish(
    row: { promptId: number | null; versionId: number | null; experimentId: number | null; inputVariables: JsonObject; renderedPrompt: string; sessionId: string | null; userId: string | null; modelUsed: string; provider: string; output: string; fromCache: boolean; queueTimeMs: number; firstTokenMs: number | null },
    usage: { input: number; output: number },
    estimated: boolean,
    cost: number | null,
    executionTimeMs: number,
  ): Promise<DispatchResult> {
    const saved: ExecutionRow = await this.history.record({
      ...row,
      success: true,
      errorMessage: null,
      executionTimeMs,
      tokensInput: usage.input,
      tokensOutput: usage.output,
      tokensUsed: usage.input + usage.output,
      tokensEstimated: estimated,
      estimatedCostMicros: cost,
    });
    return {
      executionId: saved.id,
      output: row.output,
      fromCache: row.fromCache,
      modelUsed: row.modelUsed,
      provider: row.provider,
      tokensInput: usage.input,
      tokensOutput: usage.output,
      tokensUsed: usage.input + usage.output,
      tokensEstimated: estimated,
      executionTimeMs,
      queueTimeMs: row.queueTimeMs,
      firstTokenMs: row.firstTokenMs,
      costMicros: cost,
    };
  }

  private userError(raw: unknown, signal: AbortSignal, model: ModelConfig): UserError {
    let err: UserError;
    if (isUserError(raw)) err = raw;
    else {
      try {
        err = toUserError(asProviderError(raw, signal), model.id);
      } catch (u) {
        err = u as UserError;
      }
    }
    // an upstream message may quote the key it was sent (OpenAI's 401 does, partly masked)
    const known = this.keys.knownValues(this.models.all());
    return new UserError(err.code, scrubKnown(err.message, known), { ...(err.hint ? { hint: err.hint } : {}), cause: err });
  }
}
