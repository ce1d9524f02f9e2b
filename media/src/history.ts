// The Execution History panel: a filtered, paged table of executions; one execution's details (rendered
// prompt, output, timings, tokens, cost) with feedback; charts drawn from the data (latency over time,
// success rate and mean rating per version, cost per day, cache hit rate). Live: new executions appear.
import type { ExecutionInfo } from '../../shared/src/protocol/history.js';
import { cacheHitRate, costPerDay, toListParams, type ChartData, type HistoryEvents, type HistoryFilters, type HistoryInit, type HistoryRequests, type PromptName } from '../../shared/src/webview/history.js';
import { barChart, lineChart } from './runtime/chart.js';
import { Client } from './runtime/client.js';
import { announce, debounce, formatMs, formatPct, formatUsd, h, installStyles, render } from './runtime/dom.js';
import { button, select, textArea, textField } from './runtime/form.js';
import { daemonBanner, emptyState, errorState, loadingState } from './runtime/states.js';

installStyles(`
.details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
.details dt { color: var(--vscode-descriptionForeground); }
.table-wrap { max-height: 420px; overflow: auto; }
`);

interface State {
  filters: HistoryFilters;
  selectedId: number | null;
}
const EMPTY: HistoryFilters = { promptId: '', versionId: '', model: '', success: '', fromCache: '', since: '', until: '' };
const client = new Client<HistoryRequests, HistoryEvents, HistoryInit, State>({ filters: EMPTY, selectedId: null });
const app = document.getElementById('app')!;
const chartsEl = h('section', { 'aria-label': 'Charts', class: 'charts' });
const tableEl = h('section', { 'aria-label': 'Executions' });
const detailEl = h('section', { 'aria-label': 'Execution details', class: 'details' });
let items: ExecutionInfo[] = [];
let nextCursor: number | null = null;
let prompts: PromptName[] = [];
let models: string[] = [];

const promptName = (id: number | null) => (id === null ? 'raw prompt' : (prompts.find((p) => p.id === id)?.name ?? `prompt ${id}`));

function frame(): void {
  const f = client.state.filters;
  const set = (patch: Partial<HistoryFilters>) => {
    client.setState({ filters: { ...client.state.filters, ...patch } });
    void reload();
  };
  render(
    app,
    daemonBanner(client, client.daemon),
    h('h1', null, 'Execution history'),
    h(
      'form',
      { class: 'toolbar', 'aria-label': 'Filters', onsubmit: (e: Event) => e.preventDefault() },
      select('Prompt', [{ value: '', label: 'any' }, ...prompts.map((p) => ({ value: String(p.id), label: p.name }))], f.promptId, { onChange: (v) => set({ promptId: v, versionId: '' }) }),
      textField('Version id', f.versionId, { onChange: (v) => set({ versionId: v.trim() }), class: 'narrow' }),
      select('Model', [{ value: '', label: 'any' }, ...models.map((m) => ({ value: m, label: m }))], f.model, { onChange: (v) => set({ model: v }) }),
      select('Result', [{ value: '', label: 'any' }, { value: 'true', label: 'succeeded' }, { value: 'false', label: 'failed' }], f.success, { onChange: (v) => set({ success: v as HistoryFilters['success'] }) }),
      select('Cache', [{ value: '', label: 'any' }, { value: 'true', label: 'from cache' }, { value: 'false', label: 'model call' }], f.fromCache, { onChange: (v) => set({ fromCache: v as HistoryFilters['fromCache'] }) }),
      textField('From', f.since, { type: 'date', onChange: (v) => set({ since: v }) }),
      textField('To', f.until, { type: 'date', onChange: (v) => set({ until: v }) }),
      button('Clear filters', () => (client.setState({ filters: EMPTY }), frame(), void reload()), { secondary: true }),
    ),
    chartsEl,
    tableEl,
    detailEl,
  );
  app.setAttribute('aria-busy', 'false');
}

async function reload(): Promise<void> {
  let params;
  try {
    params = toListParams(client.state.filters);
  } catch (e) {
    render(tableEl, errorState(client, e));
    return;
  }
  render(tableEl, loadingState('Loading executions…'));
  try {
    const page = await client.request('history.list', { ...params, limit: 50 });
    items = page.items;
    nextCursor = page.nextCursor;
    drawTable();
    announce(`${items.length}${nextCursor ? '+' : ''} executions`);
  } catch (e) {
    render(tableEl, errorState(client, e, () => void reload()));
  }
  void loadCharts(params);
}

async function more(): Promise<void> {
  if (nextCursor === null) return;
  try {
    const page = await client.request('history.list', { ...toListParams(client.state.filters), limit: 50, before: nextCursor });
    items.push(...page.items);
    nextCursor = page.nextCursor;
    drawTable();
  } catch (e) {
    tableEl.append(errorState(client, e));
  }
}

function drawTable(): void {
  if (!items.length) {
    render(tableEl, emptyState('No executions match', 'Run a CodeTune command or the workbench; every model call is recorded here.'));
    return;
  }
  const sel = client.state.selectedId;
  render(
    tableEl,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'grid', 'aria-label': 'Executions, newest first', id: 'executions' },
        h('thead', null, h('tr', null, ['#', 'When', 'Prompt', 'Model', 'Result', 'Latency', 'Tokens', 'Cost', 'Rating'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          null,
          items.map((x) =>
            h(
              'tr',
              {
                tabindex: 0,
                'aria-selected': String(x.id === sel),
                dataset: { id: String(x.id) },
                onclick: () => void show(x.id),
                onkeydown: (e: Event) => ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') && (e.preventDefault(), void show(x.id)),
              },
              h('td', null, String(x.id)),
              h('td', null, new Date(x.createdAt).toLocaleString()),
              h('td', null, promptName(x.promptId), x.versionId !== null ? h('span', { class: 'muted' }, ` (version ${x.versionId})`) : null),
              h('td', null, x.modelUsed),
              h('td', null, x.success ? h('span', { class: 'ok' }, x.fromCache ? 'ok · cache' : 'ok') : h('span', { class: 'bad' }, 'failed')),
              h('td', null, formatMs(x.executionTimeMs)),
              h('td', null, `${x.tokensUsed}${x.tokensEstimated ? '~' : ''}`),
              h('td', null, formatUsd(x.estimatedCostUsd)),
              h('td', null, x.rating === null ? '—' : '★'.repeat(x.rating)),
            ),
          ),
        ),
      ),
    ),
    nextCursor !== null ? button('Load older', () => void more(), { secondary: true }) : null,
  );
}

async function show(id: number): Promise<void> {
  client.setState({ selectedId: id });
  for (const tr of tableEl.querySelectorAll('tbody tr')) tr.setAttribute('aria-selected', String((tr as HTMLElement).dataset.id === String(id)));
  render(detailEl, loadingState('Loading the execution…'));
  try {
    drawDetail(await client.request('history.get', { id }));
    detailEl.scrollIntoView({ block: 'start' });
  } catch (e) {
    render(detailEl, errorState(client, e));
  }
}

function drawDetail(x: ExecutionInfo): void {
  let comment = x.feedback ?? '';
  const rate = async (rating: number) => {
    try {
      const updated = await client.request('history.feedback', { id: x.id, rating, feedback: comment || undefined });
      drawDetail(updated);
      announce(`Rated ${rating} of 5`);
    } catch (e) {
      detailEl.prepend(errorState(client, e));
    }
  };
  render(
    detailEl,
    h('h2', null, `Execution #${x.id}`),
    h(
      'dl',
      null,
      ...([
        ['Prompt', promptName(x.promptId) + (x.versionId !== null ? ` · version id ${x.versionId}` : '')],
        ['Model', `${x.modelUsed} (${x.provider})`],
        ['Result', x.success ? (x.fromCache ? 'succeeded, from the cache' : 'succeeded') : `failed: ${x.errorMessage ?? ''}`],
        ['Latency', `${formatMs(x.executionTimeMs)} total · ${formatMs(x.firstTokenMs)} to first token · ${formatMs(x.queueTimeMs)} queued`],
        ['Tokens', `${x.tokensInput} in + ${x.tokensOutput} out = ${x.tokensUsed}${x.tokensEstimated ? ' (estimated)' : ''}`],
        ['Cost', x.estimatedCostUsd === null ? 'unknown (no price configured)' : formatUsd(x.estimatedCostUsd)],
        ['When', new Date(x.createdAt).toLocaleString()],
      ] as const).flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    ),
    x.promptId !== null ? button('Open prompt in library', () => void client.request('history.openPrompt', { promptId: x.promptId! }), { secondary: true }) : null,
    h('h3', null, 'Rendered prompt'),
    h('pre', { 'aria-label': 'Rendered prompt' }, x.renderedPrompt),
    h('h3', null, 'Output'),
    h('pre', { 'aria-label': 'Output' }, x.output || (x.errorMessage ?? '')),
    h('h3', null, 'Feedback'),
    h(
      'div',
      { class: 'stars', role: 'group', 'aria-label': 'Rating' },
      [1, 2, 3, 4, 5].map((i) => h('button', { type: 'button', 'aria-label': `${i} star${i > 1 ? 's' : ''}`, 'aria-pressed': String((x.rating ?? 0) >= i), onclick: () => void rate(i) }, (x.rating ?? 0) >= i ? '★' : '☆')),
    ),
    textArea('Comment', comment, { rows: 2, onInput: (v) => (comment = v) }),
    x.rating !== null ? button('Save comment', () => void rate(x.rating!), { secondary: true }) : h('p', { class: 'muted' }, 'Pick a rating to save the comment.'),
  );
}

async function loadCharts(params: ReturnType<typeof toListParams>): Promise<void> {
  try {
    drawCharts(await client.request('history.charts', params));
  } catch (e) {
    render(chartsEl, errorState(client, e));
  }
}

function drawCharts(d: ChartData): void {
  const pts = [...d.points].reverse();
  const label = (v: { versionId: number | null }) => (v.versionId === null ? 'raw' : (d.versionLabels[String(v.versionId)] ?? `#${v.versionId}`));
  const day = (t: number) => new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const hit = cacheHitRate(d.versions);
  // the most used versions: a bar per version stays readable up to eight
  const top = [...d.versions].sort((a, b) => b.count - a.count).slice(0, 8);
  render(
    chartsEl,
    h('div', { class: 'card' }, lineChart([{ name: 'latency', points: pts.filter((p) => p.success).map((p) => ({ x: Date.parse(p.at), y: p.latencyMs })) }], { title: 'Latency over time (ms)', zero: true, formatX: day, formatY: (y) => formatMs(y) })),
    h('div', { class: 'card' }, barChart(top.map((v) => ({ label: label(v), value: v.successRate, note: `${formatPct(v.successRate)} (${v.count})` })), { title: d.versions.length > top.length ? `Success rate, ${top.length} most used versions` : 'Success rate per version', maxY: 1, formatY: (y) => formatPct(y) })),
    h('div', { class: 'card' }, barChart(top.filter((v) => v.meanRating !== null).map((v) => ({ label: label(v), value: v.meanRating!, note: `${v.meanRating!.toFixed(2)} (${v.ratingCount})` })), { title: 'Mean rating per version', maxY: 5, formatY: (y) => y.toFixed(0) })),
    h('div', { class: 'card' }, barChart(costPerDay(d.points).map((c) => ({ label: c.day.slice(5), value: c.usd, note: formatUsd(c.usd) + (c.unknown ? ` +${c.unknown}?` : '') })), { title: 'Cost per day (USD)', formatY: (y) => formatUsd(y) })),
    h(
      'div',
      { class: 'card' },
      barChart(hit === null ? [] : [{ label: 'from cache', value: hit, note: formatPct(hit) }, { label: 'model calls', value: 1 - hit, note: formatPct(1 - hit) }], { title: 'Cache hit rate', maxY: 1, formatY: (y) => formatPct(y) }),
    ),
  );
}

// a burst of new executions (a workspace scan) refreshes once
const refresh = debounce(() => void reload(), 500);
client.on('history.changed', () => refresh());
client.on('history.show', ({ executionId }) => void show(executionId));
client.onDaemon((d) => {
  frame();
  if (d.health === 'ready') void start();
});

async function start(): Promise<void> {
  try {
    [prompts, models] = await Promise.all([client.request('history.prompts', {}), client.request('history.models', {})]);
  } catch {
    // the filters fall back to ids; the table's own request reports the error
  }
  frame();
  await reload();
  const sel = client.state.selectedId;
  if (sel !== null) void show(sel);
}

void client.start().then((init) => {
  if (init.data?.executionId) client.setState({ selectedId: init.data.executionId });
  frame();
  void start();
});
