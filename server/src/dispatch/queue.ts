// One queue per model endpoint (a configured model id): at most `concurrency` calls at once, at most
// `requestsPerMinute` started in any rolling minute (p-queue strict mode), and a tokens-per-minute budget
// (input estimate + max output, corrected with the real usage afterwards). Waiting requests see their
// position, updated whenever the line moves.
import PQueue from 'p-queue';
import type { ModelConfig } from '../config/schema.js';
import { sleep } from './retry.js';

export const DEFAULT_CONCURRENCY = 4;
const MINUTE = 60_000;

interface Ticket {
  onPosition?: (position: number) => void;
}

export class ProviderQueue {
  private readonly q: PQueue;
  private readonly waiting: Ticket[] = [];
  private readonly tokens: { at: number; n: number }[] = [];

  constructor(
    private readonly limits: NonNullable<ModelConfig['limits']> = {},
    /** the rate window; a minute, shorter only in tests */
    private readonly windowMs: number = MINUTE,
  ) {
    this.q = new PQueue({
      concurrency: limits.concurrency ?? DEFAULT_CONCURRENCY,
      ...(limits.requestsPerMinute ? { intervalCap: limits.requestsPerMinute, interval: windowMs, strict: true } : {}),
    });
  }

  /** requests waiting for a slot */
  get size(): number {
    return this.waiting.length;
  }

  /** calls running now */
  get running(): number {
    return this.q.pending;
  }

  /**
   * Runs `fn` when a slot (and the token budget) allows. `report(actual)` inside fn replaces the token
   * estimate with the real count. Rejects with the signal's reason when aborted while waiting.
   */
  async run<T>(fn: (report: (actualTokens: number) => void) => Promise<T>, opts: { signal: AbortSignal; estimateTokens: number; onPosition?: (p: number) => void }): Promise<T> {
    const ticket: Ticket = opts.onPosition ? { onPosition: opts.onPosition } : {};
    this.waiting.push(ticket);
    opts.onPosition?.(this.waiting.length);
    const leave = () => {
      const i = this.waiting.indexOf(ticket);
      if (i < 0) return;
      this.waiting.splice(i, 1);
      this.waiting.forEach((t, j) => j >= i && t.onPosition?.(j + 1));
    };
    try {
      return await this.q.add(
        async () => {
          leave();
          const entry = await this.reserveTokens(opts.estimateTokens, opts.signal);
          return fn((actual) => {
            if (entry) entry.n = actual;
          });
        },
        { signal: opts.signal },
      );
    } catch (e) {
      if (opts.signal.aborted) throw opts.signal.reason;
      throw e;
    } finally {
      leave();
    }
  }

  private async reserveTokens(n: number, signal: AbortSignal): Promise<{ at: number; n: number } | undefined> {
    const tpm = this.limits.tokensPerMinute;
    if (!tpm) return undefined;
    for (;;) {
      const now = Date.now();
      while (this.tokens.length && now - this.tokens[0]!.at >= this.windowMs) this.tokens.shift();
      const used = this.tokens.reduce((s, t) => s + t.n, 0);
      // a request larger than the whole budget runs alone rather than never
      if (used + n <= tpm || this.tokens.length === 0) {
        const entry = { at: now, n };
        this.tokens.push(entry);
        return entry;
      }
      await sleep(Math.max(10, this.windowMs - (now - this.tokens[0]!.at)), signal);
    }
  }
}
