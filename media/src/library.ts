// The Prompt Library panel: browse and search (full text + filters), create and edit prompts, their variable
// schema and few-shot examples, versions (deploy, roll back, diff any two), A/B experiments with their
// significance figures, import and export. State (query, filters, selection, tab) survives reloads.
import type { Prompt, PromptList, PromptVersion } from '../../shared/src/api/prompts.js';
import { PROMPT_CATEGORIES, MODEL_TYPES } from '../../shared/src/model/index.js';
import type { LibraryEvents, LibraryInit, LibraryRequests, PromptBundle } from '../../shared/src/webview/library.js';
import { Client } from './runtime/client.js';
import { announce, debounce, formatMs, formatPct, h, installStyles, render } from './runtime/dom.js';
import { button, checkbox, select, tabPanel, tabs, textArea, textField } from './runtime/form.js';
import { contentEditor, diffView, experimentsView, type Draft } from './library/editors.js';
import { daemonBanner, emptyState, envelopeOf, errorState, loadingState } from './runtime/states.js';

installStyles();

type Tab = 'overview' | 'content' | 'versions' | 'experiments';
interface State {
  q: string;
  category: string;
  tag: string;
  modelType: string;
  activeOnly: boolean;
  sort: 'relevance' | 'recent' | 'name';
  selectedId: number | null;
  tab: Tab;
  /** unsaved edits of the selected prompt's content */
  draft: Draft | null;
  creating: boolean;
}

const client = new Client<LibraryRequests, LibraryEvents, LibraryInit, State>({
  q: '',
  category: '',
  tag: '',
  modelType: '',
  activeOnly: true,
  sort: 'relevance',
  selectedId: null,
  tab: 'overview',
  draft: null,
  creating: false,
});
const app = document.getElementById('app')!;
const listEl = h('section', { 'aria-label': 'Prompts', class: 'list-pane' });
const detailEl = h('section', { 'aria-label': 'Prompt details', class: 'detail-pane' });
let list: PromptList | null = null;
let bundle: PromptBundle | null = null;

function frame(): void {
  const s = client.state;
  const search = debounce((q: string) => {
    client.setState({ q });
    void loadList();
  }, 200);
  render(
    app,
    daemonBanner(client, client.daemon),
    h(
      'header',
      { class: 'row' },
      h('h1', { class: 'grow' }, 'Prompt library'),
      button('New prompt', () => {
        client.setState({ creating: true, selectedId: null });
        drawDetail();
      }),
      button('Import…', () => void transfer('library.import'), { secondary: true }),
      button('Export…', () => void transfer('library.export'), { secondary: true }),
    ),
    h(
      'div',
      { class: 'toolbar', role: 'search' },
      textField('Search', s.q, { onInput: search, placeholder: 'words in name, description or template', id: 'q' }),
      select('Category', ['', ...PROMPT_CATEGORIES], s.category, { onChange: (v) => (client.setState({ category: v }), void loadList()) }),
      textField('Tag', s.tag, { onChange: (v) => (client.setState({ tag: v.trim() }), void loadList()) }),
      select('Model type', ['', ...MODEL_TYPES], s.modelType, { onChange: (v) => (client.setState({ modelType: v }), void loadList()) }),
      select('Sort', ['relevance', 'recent', 'name'], s.sort, { onChange: (v) => (client.setState({ sort: v as State['sort'] }), void loadList()) }),
      checkbox('Active only', s.activeOnly, (c) => (client.setState({ activeOnly: c }), void loadList())),
    ),
    h('div', { class: 'split' }, listEl, detailEl),
  );
  app.setAttribute('aria-busy', 'false');
}

async function loadList(): Promise<void> {
  const s = client.state;
  render(listEl, loadingState('Loading prompts…'));
  try {
    list = await client.request('library.list', {
      q: s.q || undefined,
      category: s.category || undefined,
      tag: s.tag ? [s.tag] : undefined,
      model_type: s.modelType || undefined,
      active: s.activeOnly ? true : undefined,
      sort: s.q ? s.sort : s.sort === 'relevance' ? 'name' : s.sort,
      limit: 200,
    });
    drawList();
    announce(`${list.total} prompt${list.total === 1 ? '' : 's'}`);
  } catch (e) {
    render(listEl, errorState(client, e, () => void loadList()));
  }
}

function drawList(): void {
  if (!list) return;
  const sel = client.state.selectedId;
  if (!list.items.length) {
    render(listEl, emptyState(client.state.q ? `No prompt matches "${client.state.q}"` : 'No prompts yet', 'Create one, or import a folder of prompt files.'));
    return;
  }
  render(
    listEl,
    h('p', { class: 'muted', id: 'count' }, `${list.total} prompt${list.total === 1 ? '' : 's'}${list.total > list.items.length ? ` (first ${list.items.length})` : ''}`),
    h(
      'ul',
      { class: 'list', 'aria-labelledby': 'count' },
      list.items.map((p) =>
        h(
          'li',
          null,
          h(
            'button',
            { class: 'item', type: 'button', 'aria-current': String(p.id === sel), dataset: { id: String(p.id) }, onclick: () => void select_(p.id) },
            h('div', { class: 'row' }, h('strong', { class: 'grow' }, p.name), h('span', { class: 'badge' }, p.category)),
            h('div', { class: 'muted' }, `${p.usage_count ? `${p.usage_count} run${p.usage_count === 1 ? '' : 's'} · ${formatPct(p.success_rate)} ok` : 'no runs yet'} · ${p.avg_rating === null ? 'no rating' : `★ ${p.avg_rating.toFixed(1)}`}${p.is_active ? '' : ' · inactive'}`),
          ),
        ),
      ),
    ),
  );
}

async function select_(id: number, keepDraft = false): Promise<void> {
  client.setState({ selectedId: id, creating: false, ...(keepDraft ? {} : { draft: null }) });
  drawList();
  render(detailEl, loadingState('Loading the prompt…'));
  try {
    bundle = await client.request('library.get', { id });
    drawDetail();
  } catch (e) {
    render(detailEl, errorState(client, e, () => void select_(id)));
  }
}

function drawDetail(): void {
  const s = client.state;
  if (s.creating) {
    render(detailEl, createForm());
    return;
  }
  if (!bundle || bundle.details.prompt.id !== s.selectedId) {
    render(detailEl, emptyState('Select a prompt', 'Its versions, variables, examples and experiments appear here.'));
    return;
  }
  const p = bundle.details.prompt;
  const deployed = bundle.details.deployed_version;
  const body =
    s.tab === 'overview'
      ? overview(p)
      : s.tab === 'content'
        ? contentEditor(client, bundle, s.draft, (d) => client.setState({ draft: d }), apply)
        : s.tab === 'versions'
          ? versionsView(bundle.versions)
          : experimentsView(client, bundle, apply);
  render(
    detailEl,
    h('h2', null, p.name, ' ', h('span', { class: 'badge' }, deployed ? `v${deployed.version_number} deployed` : 'not deployed')),
    p.description ? h('p', { class: 'muted' }, p.description) : null,
    tabs(
      'Prompt sections',
      [
        { id: 'overview', title: 'Overview' },
        { id: 'content', title: 'Template & variables' },
        { id: 'versions', title: `Versions (${bundle.versions.length})` },
        { id: 'experiments', title: 'A/B experiments' },
      ] as const,
      s.tab,
      (tab) => (client.setState({ tab }), drawDetail()),
    ),
    tabPanel(s.tab, body),
  );
}

/** Applies a request that answers the updated bundle, then redraws (errors shown in place). */
async function apply(p: Promise<PromptBundle>, done: string): Promise<void> {
  try {
    bundle = await p;
    client.setState({ draft: null });
    drawDetail();
    announce(done);
    void loadList();
  } catch (e) {
    detailEl.prepend(errorState(client, e));
  }
}

function overview(p: Prompt): HTMLElement {
  const meta = { name: p.name, description: p.description, category: p.category, use_case: p.use_case, tags: p.tags.join(', '), cache_policy: p.cache_policy };
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'stat' }, h('b', null, String(p.usage_count)), 'executions'),
      h('span', { class: 'stat' }, h('b', null, formatPct(p.usage_count ? p.success_rate : null)), 'success'),
      h('span', { class: 'stat' }, h('b', null, formatMs(p.usage_count ? p.avg_execution_time : null)), 'mean latency'),
      h('span', { class: 'stat' }, h('b', null, p.avg_rating === null ? '—' : p.avg_rating.toFixed(2)), 'mean rating'),
    ),
    h(
      'div',
      { class: 'form-grid' },
      textField('Name', meta.name, { onInput: (v) => (meta.name = v) }),
      select('Category', PROMPT_CATEGORIES, meta.category, { onChange: (v) => (meta.category = v) }),
      textField('Use case', meta.use_case, { onInput: (v) => (meta.use_case = v) }),
      textField('Tags (comma separated)', meta.tags, { onInput: (v) => (meta.tags = v) }),
      select('Cache policy', ['always', 'deterministic', 'never'], meta.cache_policy, { onChange: (v) => (meta.cache_policy = v) }),
      textArea('Description', meta.description, { rows: 3, class: 'wide', onInput: (v) => (meta.description = v) }),
    ),
    h(
      'div',
      { class: 'row' },
      button('Save details', () =>
        void apply(
          client.request('library.update', {
            id: p.id,
            patch: { name: meta.name.trim(), description: meta.description, category: meta.category, use_case: meta.use_case, tags: meta.tags.split(',').map((t) => t.trim()).filter(Boolean), cache_policy: meta.cache_policy },
          }),
          'Details saved',
        ),
      ),
      button('Open in workbench', () => void client.request('library.openInWorkbench', { id: p.id }), { secondary: true }),
      button(p.is_active ? 'Deactivate' : 'Activate', () => void apply(client.request('library.update', { id: p.id, patch: { is_active: !p.is_active } }), p.is_active ? 'Deactivated' : 'Activated'), { secondary: true }),
      button('Delete…', async () => {
        // the host asks for confirmation in VS Code's own modal dialog
        try {
          await client.request('library.delete', { id: p.id, hard: true });
          bundle = null;
          client.setState({ selectedId: null, draft: null });
          drawDetail();
          announce(`Deleted ${p.name}`);
          void loadList();
        } catch (e) {
          const env = envelopeOf(e);
          if (env.code !== 'cancelled') detailEl.prepend(errorState(client, e));
        }
      }, { secondary: true, label: `Delete ${p.name} and its versions` }),
    ),
  );
}

function versionsView(versions: PromptVersion[]): HTMLElement {
  const id = client.state.selectedId!;
  const sorted = [...versions].sort((a, b) => b.version_number - a.version_number);
  const out = h('div', { class: 'diff-out' });
  const nums = sorted.map((v) => String(v.version_number));
  let from = nums[1] ?? nums[0] ?? '1';
  let to = nums[0] ?? '1';
  return h(
    'div',
    null,
    h(
      'table',
      { class: 'grid', 'aria-label': 'Versions' },
      h('thead', null, h('tr', null, ['Version', 'Created', 'Notes', 'Runs', 'Success', 'Latency', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        null,
        sorted.map((v) =>
          h(
            'tr',
            null,
            h('td', null, `v${v.version_number}`, v.is_deployed ? h('span', { class: 'badge' }, ' deployed') : null),
            h('td', null, new Date(v.created_at).toLocaleString()),
            h('td', null, v.change_notes || h('span', { class: 'muted' }, '—')),
            h('td', null, String(v.test_executions)),
            h('td', null, formatPct(v.test_executions ? v.test_success_rate : null)),
            h('td', null, formatMs(v.test_executions ? v.test_avg_execution_time : null)),
            h('td', null, v.is_deployed ? null : button(`Deploy v${v.version_number}`, () => void apply(client.request('library.deploy', { id, versionNumber: v.version_number }), `v${v.version_number} deployed`), { secondary: true })),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      button('Roll back', () => void apply(client.request('library.rollback', { id }), 'Rolled back'), { secondary: true, label: 'Roll back to the version before the deployed one' }),
      select('Diff from', nums, from, { onChange: (v) => (from = v) }),
      select('to', nums, to, { onChange: (v) => (to = v) }),
      button('Show diff', async () => {
        try {
          render(out, diffView(await client.request('library.diff', { id, from: Number(from), to: Number(to) })));
        } catch (e) {
          render(out, errorState(client, e));
        }
      }),
    ),
    out,
  );
}

function createForm(): HTMLElement {
  const v = { name: '', category: 'other', description: '', system_prompt: '', user_prompt_template: '' };
  return h(
    'form',
    { 'aria-label': 'New prompt', onsubmit: (e: Event) => e.preventDefault() },
    h('h2', null, 'New prompt'),
    h(
      'div',
      { class: 'form-grid' },
      textField('Name', '', { onInput: (x) => (v.name = x), id: 'new-name' }),
      select('Category', PROMPT_CATEGORIES, v.category, { onChange: (x) => (v.category = x) }),
      textArea('Description', '', { rows: 2, class: 'wide', onInput: (x) => (v.description = x) }),
      textArea('System prompt', '', { rows: 3, class: 'wide', code: true, onInput: (x) => (v.system_prompt = x) }),
      textArea('User prompt template ({{variable}})', '', { rows: 6, class: 'wide', code: true, id: 'new-template', onInput: (x) => (v.user_prompt_template = x) }),
    ),
    h(
      'div',
      { class: 'row' },
      button('Create', async () => {
        try {
          bundle = await client.request('library.create', { ...v, name: v.name.trim() });
          client.setState({ creating: false, selectedId: bundle.details.prompt.id, tab: 'content' });
          await loadList();
          drawDetail();
          announce(`Created ${bundle.details.prompt.name}`);
        } catch (e) {
          detailEl.prepend(errorState(client, e));
        }
      }, { id: 'create-prompt' }),
      button('Cancel', () => (client.setState({ creating: false }), drawDetail()), { secondary: true }),
    ),
  );
}

async function transfer(method: 'library.import' | 'library.export'): Promise<void> {
  try {
    const r = await client.request(method, {});
    if (!r) return;
    announce(`${method === 'library.import' ? 'Imported' : 'Exported'} ${r.count} prompts`);
    if (r.problems.length) detailEl.prepend(h('div', { class: 'card', role: 'alert' }, h('p', null, `${r.problems.length} file(s) were not imported:`), h('ul', null, r.problems.map((p) => h('li', null, p)))));
    void loadList();
  } catch (e) {
    detailEl.prepend(errorState(client, e));
  }
}

client.on('library.changed', ({ ids }) => {
  void loadList();
  const sel = client.state.selectedId;
  // refresh the open prompt unless the user is editing it
  if (sel !== null && (!ids.length || ids.includes(sel)) && !client.state.draft) void select_(sel);
});
client.on('library.select', ({ id }) => void select_(id));
client.onDaemon((d) => {
  frame();
  if (d.health === 'ready') void loadList();
});

void client.start().then((init) => {
  if (init.data?.selectId && !(init.data.fallback && client.state.selectedId !== null)) client.setState({ selectedId: init.data.selectId, creating: false });
  frame();
  void loadList();
  const sel = client.state.selectedId;
  if (sel !== null) void select_(sel, true);
  else drawDetail();
});
