// The Results panel's run store: streamed tokens, first-token time, updates, bounded size.
import assert from 'node:assert/strict';
import { MAX_RUNS, parseRating, RunStore } from '../../../extension/src/webviews/runs.js';

const base = { title: 'Explain', promptName: 'explain', target: 'selection', suggestion: false };

describe('results run store', () => {
  it('streams tokens into a running run and measures the first token from the start', () => {
    let t = 1000;
    const store = new RunStore<string>(() => t);
    const events: string[] = [];
    store.onEvent((e, d) => events.push(`${e}:${'text' in d ? d.text : d.status}`));
    const run = store.start(base, 'extra');
    t = 1042;
    store.append(run.runId, 'Hello');
    t = 1100;
    store.append(run.runId, ' world');
    assert.equal(store.get(run.runId)?.output, 'Hello world');
    assert.equal(store.get(run.runId)?.firstTokenMs, 42);
    assert.equal(store.extra(run.runId), 'extra');
    store.update(run.runId, { status: 'done', executionId: 5 });
    store.append(run.runId, 'late');
    assert.equal(store.get(run.runId)?.output, 'Hello world');
    assert.deepEqual(events, ['run.update:running', 'run.token:Hello', 'run.token: world', 'run.update:done']);
  });

  it('keeps at most MAX_RUNS runs, dropping the oldest', () => {
    const store = new RunStore();
    const first = store.start(base, undefined);
    for (let i = 0; i < MAX_RUNS; i++) store.start(base, undefined);
    assert.equal(store.list().length, MAX_RUNS);
    assert.equal(store.get(first.runId), undefined);
  });

  it('clear keeps running runs', () => {
    const store = new RunStore();
    const a = store.start(base, undefined);
    const b = store.start(base, undefined);
    store.update(a.runId, { status: 'done' });
    store.clear();
    assert.deepEqual(store.list().map((r) => r.runId), [b.runId]);
  });

  it('snapshot keeps finished runs (long answers cut); restore brings them back without their suggestion', () => {
    const store = new RunStore<string>();
    const done = store.start({ ...base, suggestion: true }, 'x');
    store.update(done.runId, { status: 'done', output: 'a'.repeat(50) });
    store.start(base, 'y');
    const saved = store.snapshot(10);
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.output, 'aaaaaaaaaa\n… (cut)');
    const again = new RunStore<string>();
    again.restore(JSON.parse(JSON.stringify(saved)), () => 'restored');
    again.restore('garbage', () => 'no');
    assert.deepEqual(again.list().map((r) => [r.runId, r.suggestion, r.status]), [[done.runId, false, 'done']]);
    assert.equal(again.extra(done.runId), 'restored');
  });

  it('accepts ratings 1–5 only', () => {
    assert.equal(parseRating(3), 3);
    for (const bad of [0, 6, 2.5, '4', null]) assert.throws(() => parseRating(bad), /whole number from 1 to 5/);
  });
});
