// The per-model queue: concurrency, requests and tokens per window, queue positions, cancellation while waiting.
import assert from 'node:assert/strict';
import { ProviderQueue } from '../../../server/src/dispatch/queue.js';

const never = new AbortController().signal;

describe('provider queue', () => {
  it('holds the third request of a 2-requests window until the window moves', async () => {
    const q = new ProviderQueue({ requestsPerMinute: 2, concurrency: 10 }, 1500);
    const started: number[] = [];
    const run = (i: number) => q.run(async () => void started.push(i), { signal: never, estimateTokens: 1 });
    const all = [run(0), run(1), run(2)];
    await Promise.all(all.slice(0, 2));
    assert.deepEqual(started, [0, 1]);
    assert.equal(q.size, 1, 'the third waits for the window');
    await all[2];
    assert.deepEqual(started, [0, 1, 2]);
  });

  it('holds a request while the token budget of the window is spent, then corrects with the real count', async () => {
    const q = new ProviderQueue({ tokensPerMinute: 100 }, 1500);
    const started: number[] = [];
    await q.run(async (report) => {
      started.push(0);
      report(90);
    }, { signal: never, estimateTokens: 10 });
    let second = false;
    const p = q.run(async () => void (second = true), { signal: never, estimateTokens: 20 });
    await new Promise((r) => setImmediate(r));
    assert.equal(second, false, '90 used + 20 asked > 100');
    await p;
    assert.equal(second, true);
  });

  it('reports positions as the line moves, and a cancelled waiter leaves it', async () => {
    const q = new ProviderQueue({ concurrency: 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = q.run(() => gate, { signal: never, estimateTokens: 1 });
    const ac = new AbortController();
    const positionsB: number[] = [];
    const positionsC: number[] = [];
    const b = q.run(async () => 'b', { signal: ac.signal, estimateTokens: 1, onPosition: (p) => positionsB.push(p) });
    const c = q.run(async () => 'c', { signal: never, estimateTokens: 1, onPosition: (p) => positionsC.push(p) });
    assert.equal(q.size, 2);
    ac.abort(new Error('cancelled in the editor'));
    await assert.rejects(b, /cancelled in the editor/);
    assert.deepEqual(positionsB, [1]);
    assert.deepEqual(positionsC, [2, 1]);
    release();
    await first;
    assert.equal(await c, 'c');
    assert.equal(q.size, 0);
  });
});
