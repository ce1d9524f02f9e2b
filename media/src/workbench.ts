// The Workbench panel: pick a prompt and up to four versions (and/or a draft), fill its variables with a live
// preview of the exact rendered text, run every version against one or more models side by side (streamed),
// compare two outputs with a word diff and their metrics, and save the draft as a new version.
import type { PromptVersion } from '../../shared/src/api/prompts.js';
import type { JsonObject, JsonValue, VariableSpec } from '../../shared/src/model/index.js';
import type { ModelsList } from '../../shared/src/protocol/models.js';
import type { PromptName } from '../../shared/src/webview/history.js';
import type { PromptBundle } from '../../shared/src/webview/library.js';
import { cellsFor, MAX_MODELS, MAX_VERSIONS, type Candidate, type CellResult, type DraftContent, type WorkbenchEvents, type WorkbenchInit, type WorkbenchRequests } from '../../shared/src/webview/workbench.js';
import { WebviewRequestError } from '../../shared/src/webview/protocol.js';
import { Client } from './runtime/client.js';
import { announce, debounce, formatMs, formatUsd, h, installStyles, render } from './runtime/dom.js';
import { button, checkbox, select, textArea, textField } from './runtime/form.js';
import { comparison } from './workbench/compare.js';
import { daemonBanner, emptyState, errorState, loadingState } from './runtime/states.js';

installStyles(`
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 10px; }
.columns .card pre { max-height: 360px; }
.previews { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 10px; }
`);

interface State {
  promptId: number | null;
  versionNumbers: number[];
  useDraft: boolean;
  draft: DraftContent | null;
  models: string[];
  variables: Record<string, string>;
  bypassCache: boolean;
  compare: [string, string] | null;
}
const client = new Client<WorkbenchRequests, WorkbenchEvents, WorkbenchInit, State>({
  promptId: null,
  versionNumbers: [],
  useDraft: false,
  draft: null,
  models: [],
  variables: {},
  bypassCache: false,
  compare: null,
});
const app = document.getElementById('app')!;
const previewEl = h('section', { 'aria-label': 'Rendered previews', class: 'previews' });
const resultsEl = h('section', { 'aria-label': 'Outputs', class: 'columns', id: 'outputs' });
const compareEl = h('section', { 'aria-label': 'Comparison' });
let prompts: PromptName[] = [];
let models: ModelsList | null = null;
let bundle: PromptBundle | null = null;
let results = new Map<string, CellResult>();
const outputs = new Map<string, HTMLElement>();
let running: AbortController | null = null;

function versions(): PromptVersion[] {
  return [...(bundle?.versions ?? [])].sort((a, b) => b.version_number - a.version_number);
}

function candidates(): Candidate[] {
  const s = client.state;
  const chosen: Candidate[] = versions()
    .filter((v) => s.versionNumbers.includes(v.version_number))
    .map((v) => ({ kind: 'version', versionId: v.id, versionNumber: v.version_number }));
  return s.useDraft ? [...chosen, { kind: 'draft' }] : chosen;
}

/** Variables of the chosen versions and the draft, by name (first declaration wins). */
function variableSpecs(): VariableSpec[] {
  const seen = new Map<string, VariableSpec>();
  const s = client.state;
  const lists = [...versions().filter((v) => s.versionNumbers.includes(v.version_number)).map((v) => v.variables as VariableSpec[]), ...(s.useDraft && s.draft ? [s.draft.variables as VariableSpec[]] : [])];
  for (const l of lists) for (const v of l) if (!seen.has(v.name)) seen.set(v.name, v);
  return [...seen.values()];
}

function typedVariables(): JsonObject {
  const out: JsonObject = {};
  const raw = client.state.variables;
  for (const spec of variableSpecs()) {
    const v = raw[spec.name];
    if (v === undefined || v === '') continue;
    let value: JsonValue = v;
    if (spec.type === 'number') value = Number(v);
    else if (spec.type === 'boolean') value = v === 'true';
    else if (spec.type === 'json') {
      try {
        value = JSON.parse(v) as JsonValue;
      } catch {
        value = v;
      }
    }
    out[spec.name] = value;
  }
  return out;
}

function frame(): void {
  const s = client.state;
  const refreshPreview = debounce(() => void preview(), 250);
  const vs = versions();
  render(
    app,
    daemonBanner(client, client.daemon),
    h('h1', null, 'Prompt workbench'),
    h(
      'div',
      { class: 'toolbar' },
      select('Prompt', [{ value: '', label: 'choose a prompt' }, ...prompts.map((p) => ({ value: String(p.id), label: p.name }))], s.promptId === null ? '' : String(s.promptId), {
        onChange: (v) => void open(v ? Number(v) : null),
        id: 'prompt',
      }),
    ),
    bundle
      ? h(
          'div',
          null,
          h(
            'fieldset',
            { class: 'card' },
            h('legend', null, `Versions (up to ${MAX_VERSIONS})`),
            h(
              'div',
              { class: 'row' },
              vs.map((v) =>
                checkbox(`v${v.version_number}${v.is_deployed ? ' (deployed)' : ''}`, s.versionNumbers.includes(v.version_number), (c) => {
                  const next = c ? [...s.versionNumbers, v.version_number].slice(-MAX_VERSIONS) : s.versionNumbers.filter((n) => n !== v.version_number);
                  client.setState({ versionNumbers: next });
                  frame();
                }),
              ),
              checkbox('Draft', s.useDraft, (c) => {
                client.setState({ useDraft: c, draft: client.state.draft ?? draftFrom(vs.find((v) => v.is_deployed) ?? vs[0]) });
                frame();
              }),
            ),
          ),
          s.useDraft && s.draft ? draftEditor(s.draft, refreshPreview) : null,
          h(
            'fieldset',
            { class: 'card' },
            h('legend', null, `Models (up to ${MAX_MODELS})`),
            models?.models.length
              ? h(
                  'div',
                  { class: 'row' },
                  models.models.map((m) =>
                    checkbox(`${m.id}${m.isDefault ? ' (default)' : ''}`, s.models.includes(m.id), (c) => client.setState({ models: c ? [...client.state.models, m.id].slice(-MAX_MODELS) : client.state.models.filter((x) => x !== m.id) })),
                  ),
                )
              : emptyState('No model is configured', 'Add one to codetune.models or the daemon\'s config file.', button('Configure a model', () => void client.request('host.command', { command: 'codetune.configureModels' }))),
          ),
          h(
            'fieldset',
            { class: 'card' },
            h('legend', null, 'Variables'),
            variableSpecs().length
              ? h(
                  'div',
                  { class: 'form-grid' },
                  variableSpecs().map((v) =>
                    v.type === 'enum'
                      ? select(`${v.name}${v.required ? ' *' : ''}`, ['', ...(v.values ?? [])], s.variables[v.name] ?? '', { onChange: (x) => (setVar(v.name, x), refreshPreview()) })
                      : v.type === 'code' || v.type === 'json'
                        ? textArea(`${v.name}${v.required ? ' *' : ''}`, s.variables[v.name] ?? '', { rows: 5, code: true, class: 'wide', placeholder: v.description, onInput: (x) => (setVar(v.name, x), refreshPreview()) })
                        : textField(`${v.name}${v.required ? ' *' : ''}`, s.variables[v.name] ?? '', { placeholder: v.description, onInput: (x) => (setVar(v.name, x), refreshPreview()) }),
                  ),
                )
              : h('p', { class: 'muted' }, 'The chosen versions declare no variables.'),
          ),
          h('h2', null, 'Preview'),
          previewEl,
          h(
            'div',
            { class: 'toolbar' },
            checkbox('Bypass the cache', s.bypassCache, (c) => client.setState({ bypassCache: c })),
            button('Run', () => void run(), { id: 'run' }),
            button('Cancel', () => running?.abort(), { secondary: true }),
          ),
          resultsEl,
          compareEl,
        )
      : emptyState('Choose a prompt', 'Then pick up to four of its versions (or a draft), fill the variables and run them side by side.'),
  );
  app.setAttribute('aria-busy', 'false');
  if (bundle) void preview();
  drawResults();
}

function setVar(name: string, value: string): void {
  client.setState({ variables: { ...client.state.variables, [name]: value } });
}

function draftFrom(v: PromptVersion | undefined): DraftContent {
  return {
    system_prompt: v?.system_prompt ?? '',
    user_prompt_template: v?.user_prompt_template ?? '',
    few_shot_examples: v?.few_shot_examples ?? [],
    variables: v?.variables ?? [],
    model_type: v?.model_type ?? 'chat',
    temperature: v?.temperature ?? 0,
    max_tokens: v?.max_tokens ?? 1024,
  };
}

function draftEditor(d: DraftContent, refresh: () => void): HTMLElement {
  let notes = '';
  let deploy = false;
  const save = () => client.setState({ draft: d });
  return h(
    'fieldset',
    { class: 'card' },
    h('legend', null, 'Draft'),
    textArea('Draft system prompt', d.system_prompt, { rows: 3, code: true, onInput: (x) => ((d.system_prompt = x), save(), refresh()) }),
    textArea('Draft user prompt template', d.user_prompt_template, { rows: 6, code: true, onInput: (x) => ((d.user_prompt_template = x), save(), refresh()) }),
    h(
      'div',
      { class: 'toolbar' },
      textField('Temperature', String(d.temperature), { type: 'number', onInput: (x) => ((d.temperature = Number(x)), save()) }),
      textField('Change notes', '', { onInput: (x) => (notes = x) }),
      checkbox('Deploy it', false, (c) => (deploy = c)),
      button('Save draft as new version', async () => {
        try {
          const v = await client.request('workbench.saveDraft', { promptId: client.state.promptId!, draft: d, changeNotes: notes, deploy });
          announce(`Saved as version ${v.version_number}`);
          client.setState({ useDraft: false, draft: null, versionNumbers: [...client.state.versionNumbers, v.version_number].slice(-MAX_VERSIONS) });
          await open(client.state.promptId, true);
        } catch (e) {
          previewEl.prepend(errorState(client, e));
        }
      }, { id: 'save-draft' }),
    ),
  );
}

async function preview(): Promise<void> {
  const s = client.state;
  if (s.promptId === null) return;
  const cands = candidates();
  if (!cands.length) {
    render(previewEl, h('p', { class: 'muted' }, 'Choose a version or the draft to see the text a model receives.'));
    return;
  }
  const vars = typedVariables();
  const parts = await Promise.all(
    cands.map(async (c) => {
      const title = c.kind === 'draft' ? 'Draft' : `v${c.versionNumber}`;
      try {
        const r = await client.request('workbench.preview', { promptId: s.promptId!, candidate: c, draft: c.kind === 'draft' ? (s.draft ?? undefined) : undefined, variables: vars });
        return h('div', { class: 'card' }, h('h3', null, title), h('pre', { 'aria-label': `${title} rendered text` }, r.text));
      } catch (e) {
        return h('div', { class: 'card' }, h('h3', null, title), errorState(client, e));
      }
    }),
  );
  render(previewEl, parts);
}

async function open(id: number | null, keep = false): Promise<void> {
  client.setState(keep ? { promptId: id } : { promptId: id, versionNumbers: [], useDraft: false, draft: null, compare: null });
  results = new Map();
  if (id === null) {
    bundle = null;
    frame();
    return;
  }
  render(previewEl, loadingState('Loading the prompt…'));
  try {
    bundle = await client.request('workbench.load', { id });
    if (!client.state.versionNumbers.length) {
      const deployed = bundle.versions.find((v) => v.is_deployed) ?? versions()[0];
      if (deployed) client.setState({ versionNumbers: [deployed.version_number] });
    }
    frame();
  } catch (e) {
    render(app, errorState(client, e, () => void open(id)));
  }
}

async function run(): Promise<void> {
  const s = client.state;
  const cells = cellsFor(candidates(), s.models.length ? s.models : models?.defaultModel ? [models.defaultModel] : []);
  if (!cells.length) {
    render(resultsEl, errorState(client, new Error('Choose at least one version (or the draft) and one model.')));
    return;
  }
  running?.abort();
  running = new AbortController();
  results = new Map(cells.map((c) => [c.cellId, { cellId: c.cellId, ok: true, output: '' }]));
  drawResults(true);
  try {
    const all = await client.request('workbench.run', { promptId: s.promptId!, cells, variables: typedVariables(), draft: s.useDraft ? (s.draft ?? undefined) : undefined, bypassCache: s.bypassCache }, running.signal);
    for (const r of all) results.set(r.cellId, r);
    announce(`${all.filter((r) => r.ok).length} of ${all.length} runs succeeded`);
  } catch (e) {
    resultsEl.prepend(errorState(client, e));
  }
  running = null;
  drawResults();
}

function drawResults(runningNow = false): void {
  outputs.clear();
  if (!results.size) {
    render(resultsEl);
    render(compareEl);
    return;
  }
  render(
    resultsEl,
    [...results.values()].map((r) => {
      const out = h('pre', { 'aria-label': `Output of ${r.cellId}`, 'aria-live': runningNow ? 'polite' : 'off' }, r.output);
      outputs.set(r.cellId, out);
      return h(
        'div',
        { class: 'card', dataset: { cell: r.cellId } },
        h('h3', null, r.cellId),
        out,
        r.error ? errorState(client, new WebviewRequestError(r.error)) : null,
        r.executionTimeMs !== undefined
          ? h('p', { class: 'muted' }, `${formatMs(r.executionTimeMs)} · first token ${formatMs(r.firstTokenMs)} · ${r.tokensUsed ?? 0} tokens · ${formatUsd(r.costUsd)}${r.fromCache ? ' · cache' : ''}${r.executionId ? ` · #${r.executionId}` : ''}`)
          : null,
      );
    }),
  );
  drawCompare();
}

function drawCompare(): void {
  const done = [...results.values()].filter((r) => r.ok && r.output);
  if (done.length < 2) {
    render(compareEl);
    return;
  }
  const ids = done.map((r) => r.cellId);
  const [a, b] = client.state.compare && ids.includes(client.state.compare[0]) && ids.includes(client.state.compare[1]) ? client.state.compare : [ids[0]!, ids[1]!];
  const pick = (left: string, right: string) => (client.setState({ compare: [left, right] }), drawCompare());
  render(compareEl, ...comparison(ids, results.get(a)!, results.get(b)!, pick));
}

client.on('cell.token', ({ cellId, text }) => {
  const r = results.get(cellId);
  if (!r) return;
  r.output += text;
  outputs.get(cellId)?.append(text);
});
client.on('cell.done', (r) => {
  results.set(r.cellId, r);
  drawResults(running !== null);
});
client.on('library.changed', ({ ids }) => {
  const id = client.state.promptId;
  if (id !== null && (!ids.length || ids.includes(id))) void open(id, true);
});
client.on('workbench.open', ({ promptId, versionNumbers }) => {
  if (promptId === undefined) return;
  client.setState({ versionNumbers: versionNumbers ?? [], useDraft: false, draft: null });
  void open(promptId, true);
});
client.onDaemon((d) => {
  if (d.health === 'ready') void start();
  else frame();
});

async function start(): Promise<void> {
  try {
    [prompts, models] = await Promise.all([client.request('workbench.prompts', {}), client.request('workbench.models', {})]);
  } catch (e) {
    render(app, daemonBanner(client, client.daemon), errorState(client, e, () => void start()));
    return;
  }
  if (!client.state.models.length && models.defaultModel) client.setState({ models: [models.defaultModel] });
  const id = client.state.promptId;
  if (id !== null) await open(id, true);
  else frame();
}

void client.start().then((init) => {
  if (init.data?.promptId && !(init.data.fallback && client.state.promptId !== null)) client.setState({ promptId: init.data.promptId, versionNumbers: init.data.versionNumbers ?? [], useDraft: false, draft: null, ...(init.data.variables ? { variables: init.data.variables } : {}) });
  frame();
  void start();
});
