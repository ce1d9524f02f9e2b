// Embeddings (vectors through an OpenAI-compatible embedding endpoint, stored per dialect), semantic search
// over the library and history with its lexical fallback, the static security analyzer, and the embeddings
// repository contract.
import assert from 'node:assert/strict';
import { forEachDialect } from '../../support/db.js';
import { start, type FakeServer } from '../../fakes/index.js';
import type { Finding } from '../../../shared/src/protocol/analysis.js';
import type { PluginsService } from '../../../server/src/plugins/service.js';
import type { CodeMetrics } from '../../../server/src/plugins/sdk/kinds.js';
import { promptText } from '../../../server/src/plugins/builtin/search.js';
import { fast, pluginHarness, seedLibrary } from './harness.js';

interface SearchResult {
  mode: 'semantic' | 'lexical';
  reason?: string;
  model?: string;
  hits: { type: string; id: number; title: string; score: number }[];
}

forEachDialect('embeddings repository', (repos) => {
  it('upserts by owner and model, lists, reports hashes and prunes', async () => {
    const e = repos().embeddings;
    await e.upsert({ ownerType: 'prompt', ownerId: 1, model: 'm', contentHash: 'h1', vector: [0.1, 0.2] });
    await e.upsert({ ownerType: 'prompt', ownerId: 2, model: 'm', contentHash: 'h2', vector: [0.3, 0.4] });
    await e.upsert({ ownerType: 'prompt', ownerId: 1, model: 'm', contentHash: 'h1b', vector: [0.5, 0.6] });
    await e.upsert({ ownerType: 'history', ownerId: 1, model: 'm', contentHash: 'x', vector: [1, 0] });
    const list = await e.list('prompt', 'm');
    assert.deepEqual(list.map((r) => [r.ownerId, r.contentHash, r.vector]).sort(), [[1, 'h1b', [0.5, 0.6]], [2, 'h2', [0.3, 0.4]]]);
    assert.deepEqual([...(await e.hashes('prompt', 'm'))].sort(), [[1, 'h1b'], [2, 'h2']]);
    assert.equal((await e.hashes('prompt', 'other')).size, 0);
    assert.equal(await e.prune('prompt', [2]), 1);
    assert.deepEqual((await e.list('prompt', 'm')).map((r) => r.ownerId), [2]);
    assert.equal((await e.list('history', 'm')).length, 1, 'other owner types are untouched');
  });
});

forEachDialect('embeddings and static analyzer plugins', (repos) => {
  let fake: FakeServer;
  let service: PluginsService | undefined;
  beforeEach(async () => {
    fake = await start({ protocol: 'openai' });
    await seedLibrary(repos());
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await fake.stop();
  });

  const embedCalls = () => fake.calls.filter((c) => c.path === '/v1/embeddings');

  it('embeds texts and searches the library semantically, embedding each prompt once', async () => {
    ({ service } = await pluginHarness(repos(), [{ id: 'minilm', provider: 'openai-compatible', model: 'all-MiniLM-L6-v2', kind: 'embedding', baseUrl: fake.url, limits: fast }]));
    const e = (await service.runTask('embeddings', 'embed', { texts: ['a', 'b'] })).result as unknown as { vectors: number[][]; model: string };
    assert.equal(e.model, 'minilm');
    assert.equal(e.vectors.length, 2);
    assert.equal(e.vectors[0]!.length, 8);

    // the query is exactly the indexed text of a prompt, so that prompt must rank first with similarity 1
    const reviewDoc = promptText((await repos().prompts.getByName('code-review'))!);
    const first = (await service.runTask('embeddings', 'search', { query: reviewDoc, scope: 'prompts', limit: 3 })).result as unknown as SearchResult;
    assert.equal(first.mode, 'semantic');
    assert.equal(first.model, 'minilm');
    assert.equal(first.hits.length, 3);
    assert.equal(first.hits[0]!.title, 'code-review');
    assert.equal(first.hits[0]!.score, 1);
    const total = (await repos().prompts.list({ active: true, limit: 100, offset: 0 })).total;
    assert.ok(total >= 12);
    assert.equal((await repos().embeddings.list('prompt', 'minilm')).length, total, 'every prompt of the library is stored');

    const before = embedCalls().length;
    await service.runTask('embeddings', 'search', { query: 'refactor', scope: 'prompts' });
    assert.equal(embedCalls().length, before + 1, 'a second search embeds only the query');
    assert.deepEqual(embedCalls().at(-1)!.body, { model: 'all-MiniLM-L6-v2', input: ['refactor'] });
  });

  it('falls back to lexical search without an embedding model, and when the model fails', async () => {
    ({ service } = await pluginHarness(repos(), []));
    const r = (await service.runTask('embeddings', 'search', { query: 'docstring please', scope: 'prompts' })).result as unknown as SearchResult;
    assert.equal(r.mode, 'lexical');
    assert.match(r.reason ?? '', /No embedding model is configured/);
    assert.equal(r.hits[0]!.title, 'docstring');
    await assert.rejects(service.runTask('embeddings', 'embed', { texts: ['x'] }), /No embedding model is configured/);
    await service.stop();

    await fake.stop();
    fake = await start({ protocol: 'openai' });
    const url = fake.url;
    await fake.stop();
    ({ service } = await pluginHarness(repos(), [{ id: 'gone', provider: 'openai-compatible', model: 'm', kind: 'embedding', baseUrl: url, limits: fast }]));
    const down = (await service.runTask('embeddings', 'search', { query: 'optimize', scope: 'prompts' })).result as unknown as SearchResult;
    assert.equal(down.mode, 'lexical');
    assert.match(down.reason ?? '', /Cannot reach the embedding model gone/);
    assert.equal(down.hits[0]!.title, 'optimize');
    fake = await start({ protocol: 'openai' });
  });

  it('searches the execution history', async () => {
    ({ service } = await pluginHarness(repos(), [{ id: 'minilm', provider: 'openai-compatible', model: 'e', kind: 'embedding', baseUrl: fake.url, limits: fast }]));
    const base = { promptId: null, versionId: null, inputVariables: {}, provider: 'openai', success: true, executionTimeMs: 5 } as const;
    await repos().history.insert({ ...base, renderedPrompt: 'explain the borrow checker', output: 'ownership rules', modelUsed: 'gpt' });
    await repos().history.insert({ ...base, renderedPrompt: 'write a haiku about autumn', output: 'leaves fall', modelUsed: 'gpt' });
    const r = (await service.runTask('embeddings', 'search', { query: 'explain the borrow checker\nownership rules', scope: 'history', limit: 1 })).result as unknown as SearchResult;
    assert.equal(r.mode, 'semantic');
    assert.equal(r.hits.length, 1);
    assert.equal(r.hits[0]!.type, 'history');
    assert.equal(r.hits[0]!.score, 1);
  });

  it('the static security analyzer returns the engine findings and per-function metrics', async () => {
    ({ service } = await pluginHarness(repos(), []));
    const code = 'function run(req) {\n  if (req.ok) {\n    eval(req.query.x);\n  }\n}\n';
    const r = (await service.runTask('static-security', 'analyze', { code, language: 'javascript', path: 'a.js' })).result as unknown as { findings: Finding[]; metrics: CodeMetrics };
    assert.ok(r.findings.some((f) => f.cwe === 'CWE-94' && f.file === 'a.js' && f.source === 'static'));
    assert.equal(r.metrics.units[0]!.name, 'run');
    assert.equal(r.metrics.units[0]!.complexity, 2);
    assert.equal(r.metrics.maxComplexity, 2);
    assert.equal(r.metrics.lines, 6);
  });
});
