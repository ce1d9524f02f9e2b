// Backoff for transient failures: exponential with full jitter (AWS architecture blog, "Exponential
// Backoff and Jitter"), unless the server said when to come back (Retry-After), which wins.
export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 20_000;

/** attempt: 0 for the first retry */
export function backoffMs(attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.floor(random() * cap);
}

/** resolves after ms, or rejects with the signal's reason when it aborts first */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
