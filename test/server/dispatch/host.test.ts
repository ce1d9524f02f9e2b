// What dispatch offers plugins: complete, runPrompt and embed, against the local fakes.
import assert from 'node:assert/strict';
import { dispatchHost } from '../../../server/src/dispatch/host.js';
import { embed } from '../../../server/src/dispatch/embed.js';
import { createDispatchServices } from '../../../server/src/dispatch/services.js';
import { isUserError } from '../../../server/src/util/errors.js';
import { start, type FakeServer } from '../../fakes/index.js';
import { embed as fakeVector } from '../../fakes/openai.js';
import { testContext } from '../../support/daemon.js';
import { forEachDialect } from '../../support/db.js';

forEachDialect('dispatch host API for plugins', (repos) => {
  let fake: FakeServer;
  afterEach(async () => fake?.stop());

  it('complete streams tokens, embed returns vectors in input order, runPrompt runs a library prompt', async () => {
    fake = await start({ protocol: 'openai' });
    const ctx = testContext(repos(), {
      models: [
        { id: 'chat', provider: 'openai-compatible', model: 'm', baseUrl: fake.url },
        { id: 'minilm', provider: 'openai-compatible', model: 'minilm', kind: 'embedding', baseUrl: fake.url },
      ],
    });
    ctx.services.dispatch = createDispatchServices(ctx, {});
    const host = dispatchHost(ctx);
    const tokens: string[] = [];
    const c = await host.complete('hi there', { system: 'be short', onToken: (t) => tokens.push(t) });
    assert.equal(c.output, 'Echo: hi there');
    assert.equal(tokens.join(''), c.output);
    const e = await host.embed(['a', 'b']);
    assert.equal(e.model, 'minilm');
    assert.deepEqual(e.vectors, [fakeVector('a'), fakeVector('b')]);
    await assert.rejects(embed(ctx.services.dispatch.dispatcher, ['x'], { model: 'chat' }), (x) => isUserError(x) && /not an embedding model/.test(x.message));

    await repos().prompts.create({
      name: 'greet',
      description: '',
      category: 'other',
      useCase: '',
      tags: [],
      isActive: true,
      cachePolicy: 'never',
      cacheTtlSeconds: null,
      createdBy: '',
      changeNotes: '',
      content: { systemPrompt: '', userPromptTemplate: 'Hello {{who}}', fewShotExamples: [], variables: [{ name: 'who', type: 'string', required: true }], modelType: 'chat', temperature: 0, maxTokens: 10 },
    });
    const r = await host.runPrompt('greet', { who: 'world' }, { model: 'chat' });
    assert.equal(r.output, 'Echo: Hello world');
    assert.ok(r.executionId);
    await assert.rejects(host.runPrompt('nope', {}), (x) => isUserError(x) && x.code === 'not_found');
  });
});
