// What the three SDK-based providers share: a fetch that enforces the connect timeout (response headers
// must arrive in time) and one classification of SDK errors into ProviderError.
import { ProviderError, fromStatus, isNetworkError } from '../errors.js';
import type { ProviderCall } from '../types.js';

export interface TimedFetch {
  fetch: typeof fetch;
  /** set when the connect timeout fired */
  timedOut: boolean;
  /** Retry-After of the last response (some SDKs drop response headers from their errors) */
  retryAfter: string | null;
}

/**
 * Wraps the global fetch so a server that accepts nothing (or never sends headers) fails after
 * `connectTimeoutMs`. Streaming calls get headers at once, so this bounds connecting, not generating;
 * generation is bounded by the dispatcher's first-token and total timeouts.
 */
export function timedFetch(connectTimeoutMs: number): TimedFetch {
  const state: TimedFetch = {
    timedOut: false,
    retryAfter: null,
    fetch: async (input, init) => {
      const ac = new AbortController();
      const outer = init?.signal;
      const onAbort = () => ac.abort(outer?.reason);
      if (outer?.aborted) onAbort();
      outer?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => {
        state.timedOut = true;
        ac.abort(new Error('connect timeout'));
      }, connectTimeoutMs);
      try {
        // the outer listener stays: it keeps forwarding aborts while the body is read after headers
        const res = await fetch(input, { ...init, signal: ac.signal });
        state.retryAfter = res.headers.get('retry-after');
        return res;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return state;
}

interface SdkApiError {
  status?: unknown;
  headers?: unknown;
  error?: unknown;
  message?: unknown;
  name?: unknown;
}

function headersOf(h: unknown): { get(name: string): string | null } | null {
  if (h && typeof (h as Headers).get === 'function') return h as Headers;
  if (h && typeof h === 'object') {
    const rec = h as Record<string, string>;
    return { get: (n) => rec[n] ?? rec[n.toLowerCase()] ?? null };
  }
  return null;
}

/** An upstream message from an SDK error body ({error:{message}}, {error:"…"}, {message}). */
export function upstreamMessage(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; message?: unknown };
    if (typeof b.error === 'string') return b.error;
    if (b.error && typeof b.error === 'object' && typeof (b.error as { message?: unknown }).message === 'string') return (b.error as { message: string }).message;
    if (typeof b.message === 'string') return b.message;
  }
  return fallback;
}

/** Turns whatever an SDK threw into a ProviderError. */
export function classify(e: unknown, call: ProviderCall, tf: TimedFetch, emitted: boolean): ProviderError {
  if (e instanceof ProviderError) return e;
  if (tf.timedOut) return new ProviderError('timeout', `no response within ${call.connectTimeoutMs} ms (connect timeout)`, { cause: e });
  if (call.signal.aborted) return new ProviderError('cancelled', 'cancelled', { cause: e });
  const err = (e ?? {}) as SdkApiError;
  if (typeof err.status === 'number') {
    const msg = upstreamMessage(err.error, typeof err.message === 'string' ? err.message : 'no message');
    return fromStatus(err.status, msg, headersOf(err.headers), err.error);
  }
  const text = typeof err.message === 'string' ? err.message : String(e);
  if (e instanceof SyntaxError || /JSON|Unexpected token|Unexpected end|malformed/i.test(text)) {
    return new ProviderError('malformed', `the server sent a malformed answer (${text.slice(0, 120)})`, { cause: e });
  }
  if (isNetworkError(e)) {
    // a stream cut after text went out cannot be retried without showing the text twice
    if (emitted) return new ProviderError('malformed', 'the connection closed in the middle of the answer', { cause: e });
    return new ProviderError('network', `the connection failed (${text.slice(0, 120)})`, { cause: e });
  }
  return new ProviderError('malformed', `unexpected failure (${text.slice(0, 160)})`, { cause: e });
}
