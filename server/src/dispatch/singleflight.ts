// Single-flight: identical requests (same cache key) that arrive while one is in flight share its
// upstream call. Each follower first gets the text streamed so far, then every new piece, then the
// result. A follower that cancels only detaches; the upstream call is aborted when no one is left.
export interface FlightEvents {
  onDelta(text: string): void;
}

interface Flight<T> {
  text: string;
  subscribers: Set<FlightEvents>;
  controller: AbortController;
  promise: Promise<T>;
}

export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  get inFlight(): number {
    return this.flights.size;
  }

  /**
   * Joins the flight for `key`, or starts it with `run(signal, emit)`. `leader` tells the caller whether
   * its own request made the upstream call (followers are recorded as coalesced).
   */
  async join(key: string, sub: FlightEvents, signal: AbortSignal, run: (signal: AbortSignal, emit: (t: string) => void) => Promise<T>): Promise<{ value: T; leader: boolean }> {
    let flight = this.flights.get(key);
    const leader = !flight;
    if (!flight) {
      const controller = new AbortController();
      const f: Flight<T> = { text: '', subscribers: new Set([sub]), controller, promise: undefined as unknown as Promise<T> };
      this.flights.set(key, f);
      // the leader is subscribed before run starts, so it sees text emitted synchronously too
      f.promise = run(controller.signal, (t) => {
        f.text += t;
        for (const s of f.subscribers) s.onDelta(t);
      }).finally(() => {
        if (this.flights.get(key) === f) this.flights.delete(key);
      });
      // no unhandled rejection when every subscriber left before the end
      f.promise.catch(() => undefined);
      flight = f;
    } else {
      if (flight.text) sub.onDelta(flight.text);
      flight.subscribers.add(sub);
    }
    const f = flight;
    try {
      const value = await new Promise<T>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        f.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
      return { value, leader };
    } finally {
      f.subscribers.delete(sub);
      if (f.subscribers.size === 0 && this.flights.get(key) === f) {
        this.flights.delete(key);
        f.controller.abort(signal.aborted ? signal.reason : new Error('no subscriber left'));
      }
    }
  }
}
