// Every CodeTune command inside a real VS Code, against the daemon and a local OpenAI-compatible model
// server (test/fakes): each produces its result (streamed into the Results panel, linked to its history
// entry), code suggestions open as inline diffs that are accepted, accepted in part or rejected, and the
// time from the command to the first streamed token shown is recorded for the bench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../extension/src/commands/run.js';
import type { CodetuneApi } from '../../extension/src/extension.js';
import { HistoryGetRequest } from '../../shared/src/protocol/history.js';
import { ModelsListRequest } from '../../shared/src/protocol/models.js';
import { ensurePrompts, lineOf, MODEL_ID, openWorkspaceFile, scratch, useFakeModel, type ModelFixture } from './support/codetune.js';
import { getApi, recordMetric, waitFor, withTimeout } from './support/vscode.js';

const RUN_TIMEOUT = 30_000;

function run(command: string, ...args: unknown[]): Promise<RunResult> {
  return withTimeout(vscode.commands.executeCommand<RunResult>(command, ...args), RUN_TIMEOUT, command);
}

describe('CodeTune commands', function () {
  this.timeout(120_000);
  let api: CodetuneApi;
  let model: ModelFixture;

  before(async () => {
    api = await getApi();
    await waitFor(() => api.status.health === 'ready' || api.status.health === 'degraded', { what: 'the daemon', timeoutMs: 40_000 });
    model = await useFakeModel(api);
    await ensurePrompts(api);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await model?.fake.stop();
  });

  it('Analyze streams the answer into the Results panel and records the time to the first token shown', async () => {
    model.reply = 'The loop compares ids with == and could use find().';
    const ed = await openWorkspaceFile('src/orders.ts');
    const l = lineOf(ed.document, 'export function findOrder');
    ed.selection = new vscode.Selection(l, 0, l + 5, 1);
    let first: number | undefined;
    const t0 = performance.now();
    const sub = api.ctx.runs.onEvent((e) => {
      if (e === 'run.token' && first === undefined) first = performance.now() - t0;
    });
    const r = await run('codetune.analyze');
    sub.dispose();
    assert.equal(r.status, 'done');
    assert.equal(r.output, model.reply);
    assert.ok(first !== undefined, 'no token was streamed');
    recordMetric('commandToFirstTokenMs', first);
    assert.equal(typeof r.executionId, 'number');
    // linked to its history entry: the daemon recorded this very execution with its output
    const h = await api.ctx.api.send(HistoryGetRequest.type, { id: r.executionId! });
    assert.equal(h.output, model.reply);
    assert.equal(h.modelUsed, MODEL_ID);
    // the prompt the model received carries the selected code
    const sent = JSON.stringify(model.fake.calls.at(-1)?.body);
    assert.ok(sent.includes('findOrder'), 'the selection did not reach the model');
  });

  it('a result can be rated from the Results panel; the rating lands on the history entry', async () => {
    model.reply = 'Explained.';
    const ed = await openWorkspaceFile('src/orders.ts');
    const l = lineOf(ed.document, 'return this.lines.reduce');
    ed.selection = new vscode.Selection(l, 4, l, 20);
    // the second command: Results panel already open, daemon warm
    let first: number | undefined;
    const t0 = performance.now();
    const sub = api.ctx.runs.onEvent((e) => {
      if (e === 'run.token' && first === undefined) first = performance.now() - t0;
    });
    const r = await run('codetune.explain');
    sub.dispose();
    assert.equal(r.status, 'done');
    assert.ok(first !== undefined, 'no token was streamed');
    recordMetric('commandToFirstTokenWarmMs', first);
    const panel = api.panels.results.current;
    assert.ok(panel, 'the Results panel is not open');
    await withTimeout(panel.bridge.whenReady(), 20_000, 'the Results page ready handshake');
    const rated = await panel.bridge.dispatch('results.rate', { runId: r.runId, rating: 4 });
    assert.deepEqual(rated, { ok: true, result: { rating: 4 } });
    const h = await api.ctx.api.send(HistoryGetRequest.type, { id: r.executionId! });
    assert.equal(h.rating, 4);
    const bad = await panel.bridge.dispatch('results.rate', { runId: r.runId, rating: 9 });
    assert.equal(bad.ok, false);
  });

  for (const [command, reply] of [
    ['codetune.securityAudit', 'No injection found.'],
    ['codetune.summarize', 'Orders and discounts.'],
  ] as const) {
    it(`${command} works on the function around the cursor when nothing is selected`, async () => {
      model.reply = reply;
      const ed = await openWorkspaceFile('src/orders.ts');
      const l = lineOf(ed.document, 'if (percent < 0');
      ed.selection = new vscode.Selection(l, 2, l, 2);
      const r = await run(command);
      assert.equal(r.status, 'done');
      assert.equal(r.output, reply);
      const sent = JSON.stringify(model.fake.calls.at(-1)?.body);
      assert.ok(sent.includes('applyDiscount') || sent.includes('percent'), 'the code around the cursor did not reach the model');
    });
  }

  it('code-lens form: codetune.analyze with a uri and a range argument', async () => {
    model.reply = 'Lens analysis.';
    const ed = await openWorkspaceFile('src/billing.py');
    const r = await run('codetune.analyze', ed.document.uri.toString(), { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
    assert.equal(r.status, 'done');
    assert.equal(r.output, 'Lens analysis.');
  });

  it('Optimize offers an inline diff; accepting applies it to the file', async () => {
    const ed = await scratch('src/orders.ts');
    const l = lineOf(ed.document, 'export function findOrder');
    const range = new vscode.Range(l, 0, l + 5, 1);
    ed.selection = new vscode.Selection(range.start, range.end);
    model.reply = 'Use find:\n```typescript\nexport function findOrder(orders: Order[], id: string): Order | undefined {\n  return orders.find((o) => o.id === id);\n}\n```';
    const r = await run('codetune.optimize');
    assert.equal(r.status, 'done');
    assert.ok(r.proposalId, 'no inline diff was opened');
    assert.ok(ed.document.getText().includes('orders[i]!.id == id'), 'the file changed before the user accepted');
    const outcome = await vscode.commands.executeCommand<{ state: string }>('codetune.proposal.accept', r.proposalId);
    assert.equal(outcome.state, 'accepted');
    assert.ok(ed.document.getText().includes('return orders.find((o) => o.id === id);'));
    assert.ok(!ed.document.getText().includes('orders[i]!.id == id'));
    assert.ok(ed.document.getText().includes('export function applyDiscount'), 'code outside the target changed');
  });

  it('Refactor offers an inline diff; rejecting leaves the file as it was', async () => {
    const ed = await scratch('src/orders.ts');
    const before = ed.document.getText();
    const l = lineOf(ed.document, 'total(): number');
    ed.selection = new vscode.Selection(l, 0, l + 2, 3);
    model.reply = '```typescript\n  total(): number {\n    let s = 0;\n    for (const l of this.lines) s += l.quantity * l.unitPrice;\n    return s;\n  }\n```';
    const r = await run('codetune.refactor');
    assert.ok(r.proposalId);
    const outcome = await vscode.commands.executeCommand<{ state: string }>('codetune.proposal.reject', r.proposalId);
    assert.equal(outcome.state, 'rejected');
    assert.equal(ed.document.getText(), before);
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'codetune-proposal');
    assert.equal(open, false, 'the diff editor stayed open');
  });

  it('a suggestion with two changes can be accepted hunk by hunk', async () => {
    const ed = await scratch('src/orders.ts');
    const l = lineOf(ed.document, 'export function findOrder');
    ed.selection = new vscode.Selection(l, 0, l + 5, 1);
    model.reply = '```typescript\nexport function findOrder(orders: Order[], id: string): Order | undefined {\n  for (let i = 0; i < orders.length; i++) {\n    if (orders[i]!.id === id) return orders[i];\n  }\n  return undefined; // not found\n}\n```';
    const r = await run('codetune.refactor');
    assert.ok(r.proposalId);
    const p = api.ctx.proposals.get(r.proposalId!);
    assert.equal(p?.hunks.length, 2, `expected two hunks, got ${p?.hunks.length}`);
    const outcome = await vscode.commands.executeCommand<{ state: string; applied: number[] }>('codetune.proposal.chooseHunks', r.proposalId, [0]);
    assert.deepEqual(outcome, { id: r.proposalId, applied: [0], state: 'partial' });
    const text = ed.document.getText();
    assert.ok(text.includes('orders[i]!.id === id'), 'the accepted change is missing');
    assert.ok(!text.includes('// not found'), 'the rejected change was applied');
  });

  it('Generate Tests inserts the tests after the target once accepted', async () => {
    const ed = await scratch('src/orders.ts');
    const l = lineOf(ed.document, 'export function applyDiscount');
    ed.selection = new vscode.Selection(l, 0, l + 3, 1);
    model.reply = '```typescript\ntest("applyDiscount", () => expect(applyDiscount(100, 10)).toBe(90));\n```';
    const r = await run('codetune.generateTests');
    assert.ok(r.proposalId);
    await vscode.commands.executeCommand('codetune.proposal.accept', r.proposalId);
    const doc = ed.document;
    const at = lineOf(doc, 'test("applyDiscount"');
    assert.ok(at > lineOf(doc, 'export function applyDiscount'), 'the tests were not inserted after the function');
    assert.ok(doc.getText().includes('export function findOrder'));
  });

  it('Generate Code writes from a comment above the cursor', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import math\n\n# return the area of a circle of radius r\n' });
    const ed = await vscode.window.showTextDocument(doc);
    ed.selection = new vscode.Selection(3, 0, 3, 0);
    model.reply = '```python\ndef area(r):\n    return math.pi * r * r\n```';
    const r = await run('codetune.generateCode');
    assert.equal(r.status, 'done');
    const sent = JSON.stringify(model.fake.calls.at(-1)?.body);
    assert.ok(sent.includes('area of a circle'), 'the comment did not reach the model as the description');
    await vscode.commands.executeCommand('codetune.proposal.accept', r.proposalId);
    assert.ok(doc.getText().includes('# return the area of a circle of radius r\ndef area(r):\n    return math.pi * r * r\n'), doc.getText());
  });

  it('Run Prompt runs a library prompt with the given variables', async () => {
    model.reply = 'Summary via Run Prompt.';
    const r = await run('codetune.runPrompt', 'summarize', { code: 'def f():\n    return 1' });
    assert.equal(r.status, 'done');
    assert.equal(r.output, 'Summary via Run Prompt.');
  });

  it('Fix Finding applies the rule\'s own fix through the inline diff, and Explain Finding answers', async () => {
    const ed = await scratch('src/orders.ts');
    const l = lineOf(ed.document, 'orders[i]!.id == id');
    const c = ed.document.lineAt(l).text.indexOf('==');
    const finding = {
      ruleId: 'ts.loose-equality',
      cwe: 'CWE-597',
      severity: 'low',
      message: 'Loose equality compares after coercion',
      file: ed.document.uri.toString(),
      range: { start: { line: l, character: c }, end: { line: l, character: c + 2 } },
      fix: { title: 'Use ===', range: { start: { line: l, character: c }, end: { line: l, character: c + 2 } }, text: '===' },
      source: 'static',
      fingerprint: 'x',
    };
    const fixed = await withTimeout(vscode.commands.executeCommand<{ proposalId: string }>('codetune.fixFinding', finding), RUN_TIMEOUT, 'fixFinding');
    await vscode.commands.executeCommand('codetune.proposal.accept', fixed.proposalId);
    assert.ok(ed.document.lineAt(l).text.includes('orders[i]!.id === id'));
    model.reply = 'Coercion can make "1" equal 1.';
    const r = await run('codetune.explainFinding', finding);
    assert.equal(r.status, 'done');
    assert.ok(JSON.stringify(model.fake.calls.at(-1)?.body).includes('CWE-597'), 'the finding did not reach the model');
  });

  it('Deep Security Scan of a file and of the workspace report on every file', async () => {
    model.reply = '[]';
    const ed = await openWorkspaceFile('src/billing.py');
    const one = await withTimeout(vscode.commands.executeCommand<{ files: number; problems: string[] }>('codetune.deepScanFile', ed.document.uri), 60_000, 'deepScanFile');
    assert.equal(one.files + one.problems.length >= 1, true, JSON.stringify(one));
    const all = await withTimeout(vscode.commands.executeCommand<{ files: number; problems: string[] }>('codetune.deepScanWorkspace'), 90_000, 'deepScanWorkspace');
    assert.ok(all.files + all.problems.length >= 3, JSON.stringify(all));
  });

  it('Select Model and Set API Key reach the daemon (the key stays out of settings)', async () => {
    assert.equal(await vscode.commands.executeCommand('codetune.selectModel', MODEL_ID), MODEL_ID);
    assert.equal(vscode.workspace.getConfiguration('codetune').get('model'), MODEL_ID);
    await vscode.commands.executeCommand('codetune.setApiKey', MODEL_ID, 'sk-test-not-real');
    const list = await api.ctx.api.send0(ModelsListRequest.type);
    assert.equal(list.models.find((m) => m.id === MODEL_ID)?.keySource, 'memory');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('codetune')).includes('sk-test-not-real'));
    await vscode.commands.executeCommand('codetune.setApiKey', MODEL_ID, '');
  });

  it('a command whose model is not configured fails with the "Configure a model" action', async () => {
    const c = vscode.workspace.getConfiguration('codetune');
    await c.update('model', 'no-such-model', vscode.ConfigurationTarget.Global);
    try {
      const ed = await openWorkspaceFile('src/orders.ts');
      ed.selection = new vscode.Selection(0, 0, 4, 0);
      const r = await run('codetune.explain');
      assert.equal(r.status, 'error');
      const error = api.ctx.runs.get(r.runId)?.error;
      assert.match(error?.message ?? '', /no-such-model/);
      assert.equal(error?.action, 'configureModel');
    } finally {
      await c.update('model', MODEL_ID, vscode.ConfigurationTarget.Global);
    }
  });

  it('a cancelled command stops the model call', async () => {
    model.reply = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const ed = await openWorkspaceFile('src/orders.ts');
    ed.selection = new vscode.Selection(0, 0, 4, 0);
    const original = model;
    const slow = await useFakeModel(api, 50);
    await original.fake.stop();
    slow.reply = model.reply;
    const pending = run('codetune.explain');
    const runId = await waitFor(() => api.ctx.runs.list().find((r) => r.status === 'running' && r.output.length > 0)?.runId, { what: 'a streaming run', timeoutMs: 20_000 });
    api.ctx.runs.extra(runId)!.cancel.cancel();
    const r = await pending;
    assert.equal(r.status, 'cancelled');
    await slow.fake.waitForAbort(0);
    await slow.fake.stop();
    model = await useFakeModel(api);
  });
});
