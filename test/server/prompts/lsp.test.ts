// codetune/prompts/* over a real LSP connection: requests, error codes, and the didChange push.
import assert from 'node:assert/strict';
import { CodetuneErrorCodes } from '../../../shared/src/protocol/errors.js';
import {
  PromptsCreateRequest,
  PromptsDeployRequest,
  PromptsDidChangeNotification,
  PromptsDiffRequest,
  PromptsGetRequest,
  PromptsListRequest,
  PromptsRenderPreviewRequest,
  PromptsUpdateRequest,
  type PromptChange,
} from '../../../shared/src/protocol/prompts.js';
import { promptsCapability } from '../../../server/src/prompts/capability.js';
import { forEachDialect } from '../../support/db.js';
import { testContext } from '../../support/daemon.js';
import { lspPair, type LspPair } from '../../support/lsp.js';
import { promptBody } from './support.js';

forEachDialect('prompt LSP requests', (repos) => {
  let pair: LspPair;
  afterEach(async () => pair?.close());

  async function start() {
    const ctx = testContext(repos());
    await promptsCapability.start!(ctx);
    pair = lspPair(ctx, promptsCapability.lsp);
    await pair.initialize();
    return ctx;
  }

  it('lists, creates, updates, diffs and previews, and pushes didChange', async () => {
    await start();
    const changes: PromptChange[] = [];
    pair.client.onNotification(PromptsDidChangeNotification.type, (c: PromptChange) => {
      changes.push(c);
    });
    const list = await pair.client.sendRequest(PromptsListRequest.type, { q: 'security' });
    assert.ok(list.items.some((p) => p.name === 'security-audit'));
    const created = await pair.client.sendRequest(PromptsCreateRequest.type, promptBody({ name: 'lsp-made' }));
    const updated = await pair.client.sendRequest(PromptsUpdateRequest.type, { prompt: 'lsp-made', changes: { user_prompt_template: 'Only {{code}}', deploy: true } });
    assert.equal(updated.deployed_version?.version_number, 2);
    const diff = await pair.client.sendRequest(PromptsDiffRequest.type, { prompt: created.prompt.id, from: 1, to: 2 });
    assert.equal(diff.fields.find((f) => f.field === 'user_prompt_template')?.changed, true);
    const preview = await pair.client.sendRequest(PromptsRenderPreviewRequest.type, { prompt: 'lsp-made', variables: { code: 'a {{b}}' } });
    assert.equal(preview.messages.at(-1)?.content, 'Only a {{b}}');
    await pair.client.sendRequest(PromptsDeployRequest.type, { prompt: 'lsp-made', version_number: 1 });
    // notifications travel on the same ordered stream, so one more round trip delivers them all
    await pair.client.sendRequest(PromptsGetRequest.type, { prompt: 'lsp-made' });
    assert.deepEqual(changes.map((c) => c.kind), ['created', 'version_created', 'deployed']);
    assert.ok(changes.every((c) => c.name === 'lsp-made' && c.prompt_id === created.prompt.id));
  });

  it('answers bad input with CodeTune error codes and the stable string code', async () => {
    await start();
    await assert.rejects(pair.client.sendRequest(PromptsGetRequest.type, { prompt: 'nope' }), (e: { code: number; data?: { code: string } }) => {
      assert.equal(e.code, CodetuneErrorCodes.NotFound);
      assert.equal(e.data?.code, 'not_found');
      return true;
    });
    await assert.rejects(pair.client.sendRequest(PromptsCreateRequest.type, promptBody({ name: 'analyze' })), (e: { code: number; message: string }) => {
      assert.equal(e.code, CodetuneErrorCodes.Conflict);
      assert.match(e.message, /'analyze'/);
      return true;
    });
    await assert.rejects(pair.client.sendRequest(PromptsRenderPreviewRequest.type, { prompt: 'analyze', variables: {} }), (e: { code: number; message: string }) => {
      assert.equal(e.code, CodetuneErrorCodes.Validation);
      assert.match(e.message, /'code'/);
      return true;
    });
  });
});
