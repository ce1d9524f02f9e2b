// What went wrong with an upstream call, in the terms the retry loop needs: is it worth trying again,
// how long to wait, is the model still loading. Providers turn their SDK's errors into ProviderError;
// the dispatcher turns the last one into a UserError. Messages never carry keys (see redact.ts).
import { UserError, type ErrorCode } from '../util/errors.js';

export type FailureKind =
  | 'network' // connection refused/reset, stream cut: transient
  | 'rate_limited' // 429: transient, honour Retry-After
  | 'server' // 5xx: transient
  | 'loading' // 503 "Model is currently loading": waited for separately (limits.loadingWaitMs)
  | 'timeout' // connect / first token / total: not retried (the limit is the user's)
  | 'cancelled'
  | 'auth' // 401/403
  | 'bad_request' // 4xx other than 429
  | 'malformed' // the server answered something that is not the protocol
  | 'circuit_open';

export class ProviderError extends Error {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  /** from Retry-After, in milliseconds */
  readonly retryAfterMs: number | undefined;
  /** HF loading: the server's estimate, in seconds */
  readonly estimatedTimeS: number | undefined;
  constructor(kind: FailureKind, message: string, opts: { status?: number; retryAfterMs?: number; estimatedTimeS?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
    this.estimatedTimeS = opts.estimatedTimeS;
  }
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'rate_limited' || this.kind === 'server';
  }
}

/** Retry-After as seconds or an HTTP date → milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return Math.round(s * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Classifies by HTTP status, the same way for every provider. */
export function fromStatus(status: number, message: string, headers?: { get(name: string): string | null } | null, body?: unknown): ProviderError {
  const retryAfterMs = parseRetryAfter(headers?.get('retry-after'));
  if (status === 503 && body && typeof body === 'object' && 'estimated_time' in body) {
    const est = Number((body as { estimated_time: unknown }).estimated_time);
    return new ProviderError('loading', 'The model is loading', { status, estimatedTimeS: Number.isFinite(est) ? est : undefined });
  }
  if (status === 429) return new ProviderError('rate_limited', `rate limited (429): ${message}`, { status, retryAfterMs });
  if (status >= 500) return new ProviderError('server', `server error (${status}): ${message}`, { status, retryAfterMs });
  if (status === 401 || status === 403) return new ProviderError('auth', `not authorised (${status}): ${message}`, { status });
  return new ProviderError('bad_request', `request refused (${status}): ${message}`, { status });
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

/** True for fetch/socket failures (undici wraps them as TypeError('fetch failed') with a coded cause). */
export function isNetworkError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    const msg = (cur as { message?: unknown }).message;
    if (typeof msg === 'string' && /fetch failed|terminated|socket hang up|other side closed|premature close|Connection error/i.test(msg)) return true;
  }
  return false;
}

const USER_CODE: Record<FailureKind, ErrorCode> = {
  network: 'upstream_unavailable',
  rate_limited: 'rate_limited',
  server: 'upstream_error',
  loading: 'upstream_unavailable',
  timeout: 'timeout',
  cancelled: 'cancelled',
  auth: 'upstream_error',
  bad_request: 'upstream_error',
  malformed: 'upstream_error',
  circuit_open: 'upstream_unavailable',
};

const HINT: Record<FailureKind, string> = {
  network: 'Check that the server is running and its baseUrl in the config is right.',
  rate_limited: 'Wait a minute, or lower limits.requestsPerMinute for this model.',
  server: 'Try again later; if it persists, check the model server logs.',
  loading: 'Try again in a moment, or raise limits.loadingWaitMs.',
  timeout: 'Raise the model timeouts in limits (connectTimeoutMs, firstTokenTimeoutMs, totalTimeoutMs), or try a shorter prompt.',
  cancelled: 'Run it again when you need the answer.',
  auth: 'Set the API key (command "CodeTune: Set API Key", or the environment variable the model names).',
  bad_request: 'Check the model name and parameters in the config.',
  malformed: 'The server does not speak the protocol of this provider; check the provider and baseUrl in the config.',
  circuit_open: 'The model failed repeatedly; it is tried again automatically after a short pause.',
};

export function toUserError(e: ProviderError, modelId: string): UserError {
  return new UserError(USER_CODE[e.kind], `Model ${modelId}: ${e.message}.`, { hint: HINT[e.kind], cause: e });
}
