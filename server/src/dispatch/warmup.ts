// Warming a model (POST /api/models/load, codetune/models/load): one tiny generation through the model's
// queue and breaker, waiting for a loading Space up to its limits.loadingWaitMs. Not an execution: no
// history row, no cache.
import { UserError } from '../util/errors.js';
import { DEFAULTS, asProviderError, callModel, type DispatchEvent } from './call.js';
import type { Dispatcher } from './dispatcher.js';
import { toUserError } from './errors.js';

export interface LoadOutcome {
  model: string;
  ready: boolean;
  waitedMs: number;
  message: string;
}

export async function loadModel(d: Dispatcher, id: string | undefined, onEvent: (e: DispatchEvent) => void = () => undefined, signal?: AbortSignal): Promise<LoadOutcome> {
  const model = d.models.resolve(id);
  const limits = { ...DEFAULTS, ...model.limits };
  const t0 = Date.now();
  const timeout = AbortSignal.timeout(limits.loadingWaitMs + limits.totalTimeoutMs);
  const s = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    await callModel(d.lanes, {
      model,
      messages: [{ role: 'user', content: 'ping' }],
      text: 'ping',
      params: { max_tokens: 1, temperature: 0 },
      stream: false,
      apiKey: d.keys.get(model),
      signal: s,
      emit: () => undefined,
      onEvent,
    });
    const ms = Date.now() - t0;
    return { model: model.id, ready: true, waitedMs: ms, message: `Model ${model.id} answered in ${ms} ms; it is warm.` };
  } catch (e) {
    if (e instanceof UserError && e.code === 'upstream_unavailable') return { model: model.id, ready: false, waitedMs: Date.now() - t0, message: e.describe() };
    if (e instanceof UserError) throw e;
    throw toUserError(asProviderError(e, s), model.id);
  }
}
