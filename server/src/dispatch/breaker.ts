// A circuit breaker per model endpoint: after `threshold` consecutive transient failures it opens and
// calls fail at once for `cooldownMs`; then one trial call is let through (half-open): success closes it,
// failure opens it again. Keeps a dead Space or API from holding every request for its full timeouts.
export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trial = false;
  state: BreakerState = 'closed';

  constructor(
    readonly threshold = 5,
    readonly cooldownMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** may a call go through now? (half-open lets exactly one through) */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && this.now() - this.openedAt >= this.cooldownMs) {
      this.state = 'half-open';
      this.trial = false;
    }
    if (this.state === 'half-open' && !this.trial) {
      this.trial = true;
      return true;
    }
    return false;
  }

  /** ms until a trial call is allowed (0 when closed) */
  retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.cooldownMs - (this.now() - this.openedAt)) : 0;
  }

  success(): void {
    this.failures = 0;
    this.state = 'closed';
    this.trial = false;
  }

  failure(): void {
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = this.now();
      this.trial = false;
    }
  }

  /** a call that was let through ended without a verdict (cancelled, bad request): free the trial slot */
  release(): void {
    if (this.state === 'half-open') this.trial = false;
  }
}
