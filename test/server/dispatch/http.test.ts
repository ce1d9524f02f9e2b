// The dispatch HTTP routes through app.inject() (and a real socket for "closing the stream cancels"),
// on both dialects, with the model served by a local fake.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchRoutes } from '../../../server/src/dispatch/http/routes.js';
import { createDispatchServices } from '../../../server/src/dispatch/services.js';
import { buildApp, type App } from '../../../server/src/http/app.js';
import { start, type FakeServer } from '../../fakes/index.js';
import { testContext } from '../../support/daemon.js';
import { forEachDialect } from '../../support/db.js';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
const auth = { authorization: `Bearer ${TOKEN}` };

forEachDialect('dispatch HTTP', (repos) => {
  let app: App;
  let fake: FakeServer;
  let promptId: number;
  let versionId: number;

  async function setup(opts: Parameters<typeof start>[0] = { protocol: 'openai' }) {
    fake = await start(opts);
    const ctx = testContext(repos(), {
      models: [{ id: 'local', provider: 'openai-compatible', model: 'fake', baseUrl: fake.url, pricing: { input_per_million_usd: 1, output_per_million_usd: 2 }, limits: { maxRetries: 0 } }],
    });
    ctx.services.dispatch = createDispatchServices(ctx, {});
    app = await buildApp({ ctx, token: TOKEN, routes: [dispatchRoutes(ctx)] });
    const { prompt, version } = await repos().prompts.create({
      name: 'explain',
      description: '',
      category: 'explanation',
      useCase: '',
      tags: [],
      isActive: true,
      cachePolicy: 'deterministic',
      cacheTtlSeconds: null,
      createdBy: 'test',
      changeNotes: '',
      content: {
        systemPrompt: 'You explain code.',
        userPromptTemplate: 'Explain {{code}}',
        fewShotExamples: [],
        variables: [{ name: 'code', type: 'code', required: true }],
        modelType: 'chat',
        temperature: 0,
        maxTokens: 100,
      },
    });
    promptId = prompt.id;
    versionId = version.id;
  }
  afterEach(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('executes a prompt, records history, takes feedback and shows per-version metrics', async () => {
    await setup();
    const res = await app.inject({ method: 'POST', url: `/api/prompts/${promptId}/execute`, headers: auth, payload: { variables: { code: 'x = 1' }, session_id: 's1' } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.output, 'Echo: Explain x = 1');
    assert.equal(body.from_cache, false);
    assert.equal(body.model_used, 'local');
    assert.equal(body.version_id, versionId);
    assert.ok(body.tokens_used > 0);
    assert.equal(typeof body.estimated_cost_usd, 'number');
    assert.equal(fake.calls[0]!.body && (fake.calls[0]!.body as { messages: unknown[] }).messages.length, 2);

    const again = await app.inject({ method: 'POST', url: `/api/prompts/${promptId}/execute`, headers: auth, payload: { variables: { code: 'x = 1' } } });
    assert.equal(again.json().from_cache, true);
    assert.equal(again.json().estimated_cost_usd, 0);

    const list = await app.inject({ method: 'GET', url: `/api/execution/history?prompt_id=${promptId}&limit=1`, headers: auth });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items.length, 1);
    assert.equal(list.json().items[0].from_cache, true);
    assert.ok(list.json().next_cursor);
    const cached = await app.inject({ method: 'GET', url: `/api/execution/history?from_cache=false&session_id=s1`, headers: auth });
    assert.equal(cached.json().items.length, 1);
    assert.equal(cached.json().items[0].input_variables.code, 'x = 1');

    const one = await app.inject({ method: 'GET', url: `/api/execution/history/${body.execution_id}`, headers: auth });
    assert.equal(one.json().rendered_prompt, '[system]\nYou explain code.\n\n[user]\nExplain x = 1');
    assert.equal((await app.inject({ method: 'GET', url: '/api/execution/history/99999', headers: auth })).statusCode, 404);

    const fb = await app.inject({ method: 'POST', url: '/api/execution/feedback', headers: auth, payload: { execution_id: body.execution_id, rating: 5, feedback: 'clear' } });
    assert.equal(fb.statusCode, 200);
    assert.equal(fb.json().rating, 5);
    assert.equal((await app.inject({ method: 'POST', url: '/api/execution/feedback', headers: auth, payload: { execution_id: body.execution_id, rating: 9 } })).statusCode, 400);

    const m = await app.inject({ method: 'GET', url: `/api/execution/metrics?prompt_id=${promptId}`, headers: auth });
    const [v] = m.json().versions;
    assert.equal(v.version_id, versionId);
    assert.equal(v.count, 2);
    assert.equal(v.success_rate, 1);
    assert.equal(v.mean_rating, 5);
    assert.equal(v.from_cache_count, 1);

    const prompt = await repos().prompts.get(promptId);
    assert.equal(prompt?.usageCount, 2, 'the prompt counters moved with the executions');

    const stats = await app.inject({ method: 'GET', url: '/api/cache/stats', headers: auth });
    assert.equal(stats.json().hits, 1);
    assert.equal(stats.json().by_prompt[String(promptId)].hit_rate, 0.5);
    const inv = await app.inject({ method: 'POST', url: '/api/cache/invalidate', headers: auth, payload: { prompt_id: promptId } });
    assert.equal(inv.json().invalidated, 1);
    assert.equal((await app.inject({ method: 'POST', url: '/api/cache/invalidate', headers: auth, payload: {} })).statusCode, 400);
  });

  it('answers clear errors: unknown prompt 404, missing variable 400, unknown model 404, upstream failure 502 with a history row', async () => {
    await setup({ protocol: 'openai', faults: [{ kind: 'status', status: 500 }] });
    assert.equal((await app.inject({ method: 'POST', url: '/api/prompts/9999/execute', headers: auth, payload: {} })).statusCode, 404);
    const missing = await app.inject({ method: 'POST', url: `/api/prompts/${promptId}/execute`, headers: auth, payload: { variables: {} } });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /code/);
    const badModel = await app.inject({ method: 'POST', url: `/api/prompts/${promptId}/execute`, headers: auth, payload: { variables: { code: 'a' }, model: 'nope' } });
    assert.equal(badModel.statusCode, 404);
    assert.match(badModel.json().error.hint, /local/);
    const failed = await app.inject({ method: 'POST', url: `/api/prompts/${promptId}/execute`, headers: auth, payload: { variables: { code: 'a' } } });
    assert.equal(failed.statusCode, 502);
    assert.match(failed.json().error.message, /server error \(500\)/);
    const rows = await app.inject({ method: 'GET', url: '/api/execution/history?success=false', headers: auth });
    assert.equal(rows.json().items.length, 1);
  });

  it('streams server-sent events: deltas then done', async () => {
    await setup();
    const res = await app.inject({ method: 'POST', url: `/api/prompts/${promptId}/execute?stream=true`, headers: auth, payload: { variables: { code: 'a b c' } } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/event-stream/);
    const events = res.body.split('\n\n').filter(Boolean).map((block) => ({ event: /^event: (.*)$/m.exec(block)![1], data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) }));
    const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
    assert.ok(deltas.length > 1);
    assert.equal(deltas.join(''), 'Echo: Explain a b c');
    const done = events.at(-1)!;
    assert.equal(done.event, 'done');
    assert.equal(done.data.output, 'Echo: Explain a b c');
  });

  it('closing the HTTP stream aborts the upstream call', async () => {
    await setup({ protocol: 'openai', chunkDelayMs: 200, reply: 'one two three four five six seven' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/prompts/${promptId}/execute?stream=true`, headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
        // close once the model is streaming (the first `delta`), so there is an upstream call to abort
        let seen = '';
        res.on('data', (d: Buffer) => {
          seen += d;
          if (seen.includes('event: delta') && !req.destroyed) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', () => undefined);
      req.end(JSON.stringify({ variables: { code: 'z' } }));
      setTimeout(() => reject(new Error('no data')), 5000).unref();
    });
    const call = await fake.waitForAbort(0);
    assert.equal(call.aborted, true);
  });

  it('lists models, warms one, and serves training configs and metrics', async () => {
    await setup();
    const models = await app.inject({ method: 'GET', url: '/api/models/available', headers: auth });
    assert.deepEqual(
      models.json().models.map((m: { id: string; key_source: string; circuit: string; priced: boolean }) => [m.id, m.key_source, m.circuit, m.priced]),
      [['local', 'none', 'closed', true]],
    );
    const load = await app.inject({ method: 'POST', url: '/api/models/load', headers: auth, payload: { model: 'local' } });
    assert.equal(load.json().ready, true);
    assert.equal(fake.generationCalls(), 1);
    assert.equal((await app.inject({ method: 'GET', url: '/api/execution/history', headers: auth })).json().items.length, 0, 'warm-up is not an execution');

    const cfg = await app.inject({ method: 'POST', url: '/api/training/config', headers: auth, payload: { name: 'lora-1', base_model: 'Salesforce/codet5p-220m', hyperparameters: { lr: 0.0003 } } });
    assert.equal(cfg.statusCode, 201);
    const id = cfg.json().id;
    assert.equal((await app.inject({ method: 'POST', url: '/api/training/config', headers: auth, payload: { name: 'lora-1', base_model: 'x' } })).statusCode, 409);
    assert.equal((await app.inject({ method: 'GET', url: `/api/training/config/${id}`, headers: auth })).json().hyperparameters.lr, 0.0003);
    const rec = await app.inject({ method: 'POST', url: `/api/training/metrics/${id}`, headers: auth, payload: { metrics: [{ epoch: 0, step: 10, loss: 1.2, metrics: {} }] } });
    assert.equal(rec.json().recorded, 1);
    const mets = await app.inject({ method: 'GET', url: `/api/training/metrics/${id}`, headers: auth });
    assert.equal(mets.json().metrics[0].loss, 1.2);
    assert.equal((await app.inject({ method: 'GET', url: '/api/training/metrics/9999', headers: auth })).statusCode, 404);
  });
});
