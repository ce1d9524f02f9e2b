// The Results panel: the answers of the code commands, newest first, streamed in as they arrive, with the
// run's metrics, a link to its history entry, a 1–5 rating and — for code suggestions — the inline diff.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { WebviewRequestError } from '../../shared/src/webview/protocol.js';
import type { ResultRun, ResultsEvents, ResultsInit, ResultsRequests } from '../../shared/src/webview/results.js';
import { Client } from './runtime/client.js';
import { announce, formatMs, formatUsd, h, installStyles, render } from './runtime/dom.js';
import { daemonBanner, emptyState, errorState } from './runtime/states.js';

installStyles(`
.run { margin: 12px 0; }
.run header { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.run header h2 { margin: 0; }
.run .output { min-height: 2em; }
.run .meta { display: flex; gap: 12px; flex-wrap: wrap; font-size: .9em; }
.run footer { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 6px; }
`);

const client = new Client<ResultsRequests, ResultsEvents, ResultsInit, Record<string, never>>({});
const app = document.getElementById('app')!;
const runs = new Map<string, ResultRun>();
const outputs = new Map<string, HTMLElement>();

function stars(run: ResultRun): HTMLElement {
  const group = h('div', { class: 'stars', role: 'group', 'aria-label': 'Rate this answer' });
  for (let i = 1; i <= 5; i++) {
    group.appendChild(
      h(
        'button',
        {
          type: 'button',
          'aria-label': `${i} star${i > 1 ? 's' : ''}`,
          'aria-pressed': String((run.rating ?? 0) >= i),
          disabled: run.executionId === undefined,
          onclick: async () => {
            try {
              await client.request('results.rate', { runId: run.runId, rating: i });
              announce(`Rated ${i} of 5`);
            } catch (e) {
              group.replaceWith(errorState(client, e));
            }
          },
        },
        (run.rating ?? 0) >= i ? '★' : '☆',
      ),
    );
  }
  return group;
}

function runView(run: ResultRun): HTMLElement {
  const out = h('pre', { class: 'output', 'aria-live': run.status === 'running' ? 'polite' : 'off', 'aria-label': `${run.title} answer` }, run.output || (run.status === 'running' ? 'Waiting for the first token…' : ''));
  outputs.set(run.runId, out);
  const status =
    run.status === 'running'
      ? h('span', { class: 'row' }, h('vscode-progress-ring', { 'aria-label': 'Running' }), 'running')
      : run.status === 'done'
        ? h('span', { class: 'ok' }, 'done')
        : h('span', { class: 'bad' }, run.status);
  const meta = h(
    'div',
    { class: 'meta muted' },
    run.model ? h('span', null, `model ${run.model}`) : null,
    run.firstTokenMs !== undefined ? h('span', null, `first token ${formatMs(run.firstTokenMs)}`) : null,
    run.executionTimeMs !== undefined ? h('span', null, `total ${formatMs(run.executionTimeMs)}`) : null,
    run.tokensUsed !== undefined ? h('span', null, `${run.tokensUsed} tokens`) : null,
    run.costUsd !== undefined ? h('span', null, formatUsd(run.costUsd)) : null,
    run.fromCache ? h('span', { class: 'badge' }, 'cached') : null,
  );
  const actions = h(
    'footer',
    null,
    run.status === 'running' ? h('vscode-button', { secondary: true, onclick: () => void client.request('results.cancel', { runId: run.runId }) }, 'Cancel') : null,
    run.suggestion && run.status === 'done' && run.proposal !== 'accepted'
      ? h('vscode-button', { onclick: () => void client.request('results.previewDiff', { runId: run.runId }).catch((e) => actions.appendChild(errorState(client, e))) }, run.proposal === 'open' ? 'Show diff' : 'Preview diff')
      : null,
    run.proposal && run.proposal !== 'open' ? h('span', { class: 'badge' }, `suggestion ${run.proposal}`) : null,
    run.status === 'done' ? h('vscode-button', { secondary: true, onclick: () => void client.request('results.copy', { runId: run.runId }) }, 'Copy') : null,
    run.executionId !== undefined ? h('vscode-button', { secondary: true, onclick: () => void client.request('results.openHistory', { runId: run.runId }) }, `History #${run.executionId}`) : null,
    run.status === 'done' && run.executionId !== undefined ? stars(run) : null,
  );
  return h(
    'article',
    { class: 'run card', 'aria-label': `${run.title} on ${run.target}`, dataset: { run: run.runId, status: run.status } },
    h('header', null, h('h2', null, run.title), h('span', { class: 'muted' }, `${run.promptName} · ${run.target}${run.file ? ` · ${run.file}` : ''}`), status),
    out,
    run.error && run.status === 'error' ? errorState(client, new WebviewRequestError(run.error)) : null,
    meta,
    actions,
  );
}

function draw(): void {
  const list = [...runs.values()].sort((a, b) => b.startedAt - a.startedAt);
  render(
    app,
    daemonBanner(client, client.daemon),
    h('div', { class: 'row' }, h('h1', { class: 'grow' }, 'CodeTune results'), list.some((r) => r.status !== 'running') ? h('vscode-button', { secondary: true, onclick: () => void client.request('results.clear', {}).then(() => { for (const [id, r] of runs) if (r.status !== 'running') runs.delete(id); draw(); }) }, 'Clear') : null),
    list.length ? list.map(runView) : emptyState('No results yet', 'Select code and run a CodeTune command (Analyze, Explain, Optimize…) from the editor\'s context menu.'),
  );
  app.setAttribute('aria-busy', 'false');
}

client.on('run.update', (run) => {
  runs.set(run.runId, run);
  draw();
  if (run.status !== 'running') announce(`${run.title} ${run.status}`);
});
client.on('run.token', ({ runId, text }) => {
  const run = runs.get(runId);
  if (!run) return;
  const first = !run.output;
  run.output += text;
  const el = outputs.get(runId);
  if (el) {
    if (first) el.textContent = '';
    el.append(text);
  }
});
client.onDaemon(() => draw());

void client.start().then((init) => {
  for (const r of init.data?.runs ?? []) runs.set(r.runId, r);
  draw();
});
