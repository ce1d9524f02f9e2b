// The panels inside a real VS Code: each opens, its page completes the ready handshake and makes its own
// first request through the bridge to the daemon, then one real round trip through the same handlers a
// page click uses — create a prompt (library), filter the history, run the workbench — and the page
// reacts to the daemon's live updates.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodetuneApi } from '../../extension/src/extension.js';
import type { HandledRequest } from '../../extension/src/webviews/host.js';
import { ensurePrompts, MODEL_ID, useFakeModel, type ModelFixture } from './support/codetune.js';
import { getApi, recordMetric, waitFor, withTimeout } from './support/vscode.js';

interface Observed {
  bridge: { onDidHandle(l: (e: HandledRequest) => void): { dispose(): void } };
}

/** Resolves with the next request of `method` the page makes (answered successfully). */
function nextRequest(panel: Observed, method: string, timeoutMs = 20_000): Promise<HandledRequest> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => (sub.dispose(), reject(new Error(`the page did not request ${method} within ${timeoutMs} ms`))), timeoutMs);
    const sub = panel.bridge.onDidHandle((e) => {
      if (e.method !== method || e.id < 0) return;
      clearTimeout(t);
      sub.dispose();
      if (e.response.ok) resolve(e);
      else reject(new Error(`${method} failed in the page: ${e.response.error.message}`));
    });
  });
}

describe('CodeTune panels', function () {
  this.timeout(120_000);
  let api: CodetuneApi;
  let model: ModelFixture;
  const name = `e2e-greeting-${Date.now().toString(36)}`;
  let promptId = 0;

  before(async () => {
    api = await getApi();
    await waitFor(() => api.status.health === 'ready' || api.status.health === 'degraded', { what: 'the daemon', timeoutMs: 40_000 });
    model = await useFakeModel(api);
    await ensurePrompts(api);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await model?.fake.stop();
  });

  it('Prompt Library: ready handshake, the page lists prompts, a prompt is created, the page refreshes live', async () => {
    const t0 = performance.now();
    const listed = new Promise<HandledRequest>((resolve, reject) => {
      // the panel object exists as soon as the command created it; subscribe before the page can ask
      const poll = setInterval(() => {
        const p = api.panels.library.current;
        if (!p) return;
        clearInterval(poll);
        nextRequest(p, 'library.list').then(resolve, reject);
      }, 5);
    });
    await withTimeout(vscode.commands.executeCommand('codetune.openLibrary'), 30_000, 'openLibrary');
    const panel = api.panels.library.current!;
    assert.ok(panel.bridge.readyCount >= 1, 'no ready handshake');
    const first = await listed;
    recordMetric('libraryFirstListMs', performance.now() - t0);
    assert.ok((first.response as { result: { total: number } }).result.total >= 1);

    const refreshed = nextRequest(panel, 'library.list');
    const created = await panel.bridge.dispatch('library.create', {
      name,
      category: 'other',
      description: 'Says hello (e2e)',
      user_prompt_template: 'Say hello to {{who}}.',
      variables: [{ name: 'who', type: 'string', required: true }],
      model_type: 'chat',
      temperature: 0,
      max_tokens: 64,
      cache_policy: 'never',
    });
    assert.ok(created.ok, JSON.stringify(created));
    promptId = created.result.details.prompt.id;
    assert.equal(created.result.details.prompt.name, name);
    assert.equal(created.result.versions.length, 1);
    // codetune/prompts/didChange → library.changed → the page asks for the list again
    await refreshed;
    const got = await panel.bridge.dispatch('library.get', { id: promptId });
    assert.ok(got.ok && got.result.details.prompt.name === name);

    const v2 = await panel.bridge.dispatch('library.createVersion', { id: promptId, version: { user_prompt_template: 'Say hello warmly to {{who}}.', change_notes: 'warmer', deploy: false } });
    assert.ok(v2.ok, JSON.stringify(v2));
    const diff = await panel.bridge.dispatch('library.diff', { id: promptId, from: 1, to: 2 });
    assert.ok(diff.ok && diff.result.fields.some((f) => f.field === 'user_prompt_template' && f.changed), JSON.stringify(diff));
    const preview = await panel.bridge.dispatch('library.preview', { id: promptId, variables: { who: 'Ada' } });
    assert.ok(preview.ok && preview.result.text.includes('Say hello to Ada.'), JSON.stringify(preview));
  });

  it('Workbench: opens on the prompt, runs two versions side by side on the model, streams each cell', async () => {
    model.reply = 'Hello, Ada!';
    await withTimeout(vscode.commands.executeCommand('codetune.openWorkbench', { promptId, versionNumbers: [1, 2] }), 30_000, 'openWorkbench');
    const panel = api.panels.workbench.current!;
    assert.ok(panel.bridge.readyCount >= 1);
    const bundle = await panel.bridge.dispatch('workbench.load', { id: promptId });
    assert.ok(bundle.ok);
    const [v1, v2] = bundle.result.versions.sort((a, b) => a.version_number - b.version_number);
    const r = await panel.bridge.dispatch('workbench.run', {
      promptId,
      variables: { who: 'Ada' },
      bypassCache: true,
      cells: [
        { cellId: 'v1', candidate: { kind: 'version', versionId: v1!.id, versionNumber: 1 }, model: MODEL_ID },
        { cellId: 'v2', candidate: { kind: 'version', versionId: v2!.id, versionNumber: 2 }, model: MODEL_ID },
        { cellId: 'draft', candidate: { kind: 'draft' }, model: MODEL_ID },
      ],
      draft: { system_prompt: '', user_prompt_template: 'Greet {{who}} briefly.', few_shot_examples: [], variables: [{ name: 'who', type: 'string', required: true }], model_type: 'chat', temperature: 0, max_tokens: 32 },
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.result.map((c) => [c.cellId, c.ok, c.output]),
      [
        ['v1', true, 'Hello, Ada!'],
        ['v2', true, 'Hello, Ada!'],
        ['draft', true, 'Hello, Ada!'],
      ],
    );
    const bodies = model.fake.calls.slice(-3).map((c) => JSON.stringify(c.body));
    assert.ok(bodies.some((b) => b.includes('Say hello to Ada.')) && bodies.some((b) => b.includes('warmly')) && bodies.some((b) => b.includes('Greet Ada briefly.')), 'each cell did not send its own rendered prompt');
  });

  it('History: the page loads the table, a filter by model and result narrows it, feedback is saved', async () => {
    await withTimeout(vscode.commands.executeCommand('codetune.openHistory'), 30_000, 'openHistory');
    const panel = api.panels.history.current!;
    assert.ok(panel.bridge.readyCount >= 1);
    const filtered = await panel.bridge.dispatch('history.list', { model: MODEL_ID, success: true, promptId, limit: 50 });
    assert.ok(filtered.ok, JSON.stringify(filtered));
    assert.ok(filtered.result.items.length >= 2, `expected the workbench runs, got ${filtered.result.items.length}`);
    assert.ok(filtered.result.items.every((x) => x.modelUsed === MODEL_ID && x.success && x.promptId === promptId));
    const charts = await panel.bridge.dispatch('history.charts', { promptId });
    assert.ok(charts.ok && charts.result.versions.length >= 1 && charts.result.points.length >= 2, JSON.stringify(charts).slice(0, 300));
    const fb = await panel.bridge.dispatch('history.feedback', { id: filtered.result.items[0]!.id, rating: 5, feedback: 'great' });
    assert.ok(fb.ok && fb.result.rating === 5);
  });

  it('Results panel: opens with the runs of this session after its ready handshake', async () => {
    await withTimeout(vscode.commands.executeCommand('codetune.openResults'), 30_000, 'openResults');
    const panel = api.panels.results.current!;
    assert.ok(panel.bridge.readyCount >= 1, 'no ready handshake');
    const runs = api.ctx.runs.list().filter((r) => r.status === 'done');
    assert.ok(runs.length >= 1, 'the commands of this session left no finished run');
    const copy = await panel.bridge.dispatch('results.copy', { runId: runs.at(-1)!.runId });
    assert.ok(copy.ok);
    assert.equal(await vscode.env.clipboard.readText(), runs.at(-1)!.output);
  });
});
