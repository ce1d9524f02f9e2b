// Pure helpers behind the panels: history filters → daemon parameters, chart aggregates, workbench cells,
// the editor's template-variable scan.
import assert from 'node:assert/strict';
import { cacheHitRate, costPerDay, toListParams, type HistoryFilters } from '../../../shared/src/webview/history.js';
import { cellsFor, MAX_MODELS } from '../../../shared/src/webview/workbench.js';
import { parseFromWebview, parseToWebview } from '../../../shared/src/webview/protocol.js';

const NONE: HistoryFilters = { promptId: '', versionId: '', model: '', success: '', fromCache: '', since: '', until: '' };

describe('history filters', () => {
  it('maps the form to the daemon list parameters, days to whole-day UTC bounds', () => {
    assert.deepEqual(toListParams(NONE), {});
    assert.deepEqual(toListParams({ ...NONE, promptId: '3', model: ' gpt ', success: 'false', fromCache: 'true', since: '2026-01-02', until: '2026-01-02' }), {
      promptId: 3,
      model: 'gpt',
      success: false,
      fromCache: true,
      since: '2026-01-02T00:00:00.000Z',
      until: '2026-01-02T23:59:59.999Z',
    });
  });
  it('names the field that is wrong', () => {
    assert.throws(() => toListParams({ ...NONE, versionId: '1.5' }), /Version id must be a positive whole number/);
    assert.throws(() => toListParams({ ...NONE, since: 'yesterday' }), /From must be a date/);
    assert.throws(() => toListParams({ ...NONE, since: '2026-02-01', until: '2026-01-01' }), /"From" is after "To"/);
  });
});

describe('history charts data', () => {
  it('sums cost per UTC day, oldest first, counting unknown costs apart', () => {
    const p = (at: string, costUsd: number | null) => ({ at, latencyMs: 1, success: true, costUsd, fromCache: false });
    assert.deepEqual(costPerDay([p('2026-01-02T10:00:00Z', 0.5), p('2026-01-01T23:00:00Z', 0.25), p('2026-01-02T11:00:00Z', null), p('2026-01-02T12:00:00Z', 0.25)]), [
      { day: '2026-01-01', usd: 0.25, unknown: 0 },
      { day: '2026-01-02', usd: 0.75, unknown: 1 },
    ]);
  });
  it('cache hit rate over all versions; null without executions', () => {
    const v = (count: number, fromCacheCount: number) => ({ promptId: 1, versionId: 1, count, successRate: 1, meanLatencyMs: 0, p95LatencyMs: 0, tokensInput: 0, tokensOutput: 0, costUsd: 0, unknownCostCount: 0, fromCacheCount, meanRating: null, ratingCount: 0 });
    assert.equal(cacheHitRate([v(3, 1), v(1, 1)]), 0.5);
    assert.equal(cacheHitRate([]), null);
  });
});

describe('workbench cells', () => {
  it('crosses every candidate with every model, with stable ids, bounded', () => {
    const cells = cellsFor([{ kind: 'version', versionId: 10, versionNumber: 2 }, { kind: 'draft' }], ['a', 'b']);
    assert.deepEqual(cells.map((c) => c.cellId), ['v2@a', 'v2@b', 'draft@a', 'draft@b']);
    assert.equal(cellsFor([{ kind: 'draft' }], ['1', '2', '3', '4', '5', '6']).length, MAX_MODELS);
  });
});

describe('message envelope guards', () => {
  it('accepts well-formed page messages and rejects the rest', () => {
    assert.deepEqual(parseFromWebview({ kind: 'request', id: 1, method: 'x', params: { a: 1 } }), { kind: 'request', id: 1, method: 'x', params: { a: 1 } });
    assert.equal(parseFromWebview({ kind: 'request', id: 1.5, method: 'x' }), undefined);
    assert.equal(parseFromWebview({ kind: 'cancel', id: 'x' }), undefined);
    assert.equal(parseFromWebview({ kind: 'eval' }), undefined);
  });
  it('accepts well-formed host messages and rejects the rest', () => {
    assert.ok(parseToWebview({ kind: 'response', id: 2, ok: true, result: 1 }));
    assert.equal(parseToWebview({ kind: 'response', id: 2 }), undefined);
    assert.equal(parseToWebview({ kind: 'init' }), undefined);
  });
});
