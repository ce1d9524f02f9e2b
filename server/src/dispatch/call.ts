// One model, called until it answers or gives up: through its queue, under its circuit breaker, with the
// connect / first-token timeouts, retries of transient failures (exponential backoff, full jitter,
// Retry-After), and a bounded wait while a Space is loading (503 + estimated_time).
import type { ModelConfig } from '../config/schema.js';
import { UserError } from '../util/errors.js';
import { CircuitBreaker } from './breaker.js';
import { estimateTokens } from './cost.js';
import { ProviderError } from './errors.js';
import { providerFor } from './providers/index.js';
import { ProviderQueue } from './queue.js';
import { backoffMs, sleep } from './retry.js';
import type { ChatMessage, GenParams, Usage } from './types.js';

export const DEFAULTS = {
  connectTimeoutMs: 10_000,
  firstTokenTimeoutMs: 60_000,
  totalTimeoutMs: 300_000,
  maxRetries: 2,
  loadingWaitMs: 300_000,
} as const;

export type DispatchEvent =
  | { type: 'queued'; model: string; position: number }
  | { type: 'started'; model: string }
  | { type: 'loading'; model: string; estimatedSeconds: number | null; waitedMs: number; limitMs: number }
  | { type: 'retry'; model: string; attempt: number; delayMs: number; reason: string }
  | { type: 'fallback'; from: string; to: string; reason: string }
  | { type: 'delta'; text: string };

/** why our own controller aborted a call (so it is reported as a timeout, not a cancellation) */
export class TimeoutReason extends Error {
  constructor(readonly which: 'first token' | 'total', readonly ms: number) {
    super(`no ${which === 'first token' ? 'first token' : 'complete answer'} within ${ms} ms (${which} timeout)`);
  }
}

export interface ModelCallResult {
  model: ModelConfig;
  text: string;
  usage: Usage | undefined;
  queueMs: number;
  /** from the start of the successful attempt's call to its first piece of text */
  firstTokenMs: number | null;
  /** time the model was busy with the successful attempt (GPU-hour pricing) */
  busyMs: number;
}

export interface ModelCallInput {
  model: ModelConfig;
  messages: ChatMessage[];
  text: string;
  params: GenParams;
  stream: boolean;
  apiKey: string | undefined;
  signal: AbortSignal;
  emit(text: string): void;
  onEvent(e: DispatchEvent): void;
}

/** Per-model queue and breaker; kept by the Dispatcher for the daemon's life. */
export class ModelLanes {
  private readonly queues = new Map<string, ProviderQueue>();
  private readonly breakers = new Map<string, CircuitBreaker>();

  queue(m: ModelConfig): ProviderQueue {
    let q = this.queues.get(m.id);
    if (!q) this.queues.set(m.id, (q = new ProviderQueue(m.limits)));
    return q;
  }

  breaker(m: ModelConfig): CircuitBreaker {
    let b = this.breakers.get(m.id);
    if (!b) this.breakers.set(m.id, (b = new CircuitBreaker()));
    return b;
  }

  /** forget lanes of models whose limits changed (codetune/models/configure) */
  reset(ids: Iterable<string>): void {
    for (const id of ids) {
      this.queues.delete(id);
      this.breakers.delete(id);
    }
  }
}

export async function callModel(lanes: ModelLanes, input: ModelCallInput): Promise<ModelCallResult> {
  const { model } = input;
  const limits = { ...DEFAULTS, ...model.limits };
  const breaker = lanes.breaker(model);
  const queue = lanes.queue(model);
  const estimate = estimateTokens(input.text) + (input.params.max_tokens ?? 512);
  let queueMs = 0;
  let attempt = 0;
  let loadingSince: number | undefined;
  let emitted = false;

  for (;;) {
    if (!breaker.allow()) {
      throw new ProviderError('circuit_open', `the circuit is open after repeated failures; next try in ${Math.ceil(breaker.retryInMs() / 1000)} s`);
    }
    const queuedAt = performance.now();
    let started = 0;
    let first: number | null = null;
    try {
      const r = await queue.run(
        async (report) => {
          started = performance.now();
          queueMs += started - queuedAt;
          input.onEvent({ type: 'started', model: model.id });
          const ac = new AbortController();
          const onOuter = () => ac.abort(input.signal.reason);
          if (input.signal.aborted) onOuter();
          input.signal.addEventListener('abort', onOuter, { once: true });
          const ftTimer = setTimeout(() => ac.abort(new TimeoutReason('first token', limits.firstTokenTimeoutMs)), limits.firstTokenTimeoutMs);
          try {
            const res = await providerFor(model).generate({
              model,
              messages: input.messages,
              text: input.text,
              params: input.params,
              stream: input.stream,
              apiKey: input.apiKey,
              signal: ac.signal,
              connectTimeoutMs: limits.connectTimeoutMs,
              onDelta: (t) => {
                if (first === null) {
                  first = performance.now() - started;
                  clearTimeout(ftTimer);
                }
                emitted = true;
                input.emit(t);
              },
            });
            if (res.usage) report(res.usage.input + res.usage.output);
            return res;
          } catch (e) {
            const reason: unknown = ac.signal.reason;
            if (ac.signal.aborted && reason instanceof TimeoutReason) throw new ProviderError('timeout', reason.message, { cause: e });
            throw e;
          } finally {
            clearTimeout(ftTimer);
            input.signal.removeEventListener('abort', onOuter);
          }
        },
        { signal: input.signal, estimateTokens: estimate, onPosition: (position) => input.onEvent({ type: 'queued', model: model.id, position }) },
      );
      breaker.success();
      return { model, text: r.text, usage: r.usage, queueMs: Math.round(queueMs), firstTokenMs: first === null ? null : Math.round(first), busyMs: Math.round(performance.now() - started) };
    } catch (raw) {
      const e = asProviderError(raw, input.signal);
      if (e.kind === 'network' || e.kind === 'server' || e.kind === 'timeout') breaker.failure();
      else breaker.release();

      if (e.kind === 'loading') {
        loadingSince ??= Date.now();
        const waited = Date.now() - loadingSince;
        const left = limits.loadingWaitMs - waited;
        const est = e.estimatedTimeS ?? null;
        if (left <= 0) {
          throw new UserError(
            'upstream_unavailable',
            `The Space behind model ${model.id} is starting${est !== null ? `; it says it needs about ${Math.ceil(est)} s more` : ''} (waited ${Math.round(waited / 1000)} s).`,
            { hint: `Try again${est !== null ? ` in about ${Math.ceil(est)} s` : ' in a minute'}, warm it with POST /api/models/load, or raise limits.loadingWaitMs.` },
          );
        }
        const wait = Math.min(left, Math.max(500, (est ?? 5) * 1000));
        await waitWithProgress(wait, input.signal, (w) => input.onEvent({ type: 'loading', model: model.id, estimatedSeconds: est, waitedMs: waited + w, limitMs: limits.loadingWaitMs }));
        continue;
      }
      if (e.transient && !emitted && attempt < limits.maxRetries) {
        const delay = backoffMs(attempt, e.retryAfterMs);
        attempt++;
        input.onEvent({ type: 'retry', model: model.id, attempt, delayMs: delay, reason: e.message });
        await sleep(delay, input.signal).catch((x: unknown) => {
          throw asProviderError(x, input.signal);
        });
        continue;
      }
      throw e;
    }
  }
}

/** sleeps `ms`, reporting progress about every second */
async function waitWithProgress(ms: number, signal: AbortSignal, progress: (waitedMs: number) => void): Promise<void> {
  const start = Date.now();
  progress(0);
  while (Date.now() - start < ms) {
    try {
      await sleep(Math.min(1000, ms - (Date.now() - start)), signal);
    } catch (x) {
      throw asProviderError(x, signal);
    }
    progress(Date.now() - start);
  }
}

export function asProviderError(e: unknown, signal: AbortSignal): ProviderError {
  if (e instanceof ProviderError) {
    // a provider sees our total-timeout abort as a plain cancellation; say what it was
    if (e.kind === 'cancelled' && signal.reason instanceof TimeoutReason) return new ProviderError('timeout', signal.reason.message, { cause: e });
    return e;
  }
  if (signal.aborted) {
    const r: unknown = signal.reason;
    return r instanceof TimeoutReason ? new ProviderError('timeout', r.message, { cause: e }) : new ProviderError('cancelled', 'cancelled', { cause: e });
  }
  if (e instanceof UserError) throw e;
  return new ProviderError('malformed', e instanceof Error ? e.message : String(e), { cause: e });
}
