// The Prompt Library's editors: template and configuration of a new version with the variable schema and
// few-shot examples editors and a live preview of the rendered text, the field-by-field diff of two versions,
// and A/B experiments (set-up, results with confidence intervals and significance tests, promotion).
import type { ExperimentResults, VersionDiff } from '../../../shared/src/api/prompts.js';
import { MODEL_TYPES, VARIABLE_TYPES, type FewShotExample, type JsonValue, type VariableSpec } from '../../../shared/src/model/index.js';
import type { LibraryEvents, LibraryRequests, PromptBundle } from '../../../shared/src/webview/library.js';
import type { Client } from '../runtime/client.js';
import { debounce, formatMs, formatPct, h, render } from '../runtime/dom.js';
import { button, checkbox, select, textArea, textField } from '../runtime/form.js';
import { errorState } from '../runtime/states.js';

export interface Draft {
  system_prompt: string;
  user_prompt_template: string;
  variables: VariableSpec[];
  few_shot_examples: FewShotExample[];
  model_type: string;
  temperature: number;
  max_tokens: number;
  change_notes: string;
  deploy: boolean;
}

type LibClient = Pick<Client<LibraryRequests, LibraryEvents, unknown, object>, 'request' | 'daemon'>;

/** Variables named in a template ({{name}}), in order of first use. */
export function templateVariables(template: string): string[] {
  const seen = new Set<string>();
  for (const m of template.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) seen.add(m[1]!);
  return [...seen];
}

/** A sample value for a variable in the preview (its default, else something of its type). */
function sample(v: VariableSpec): JsonValue {
  if (v.default !== undefined) return v.default;
  switch (v.type) {
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'enum':
      return v.values?.[0] ?? '';
    case 'json':
      return {};
    case 'code':
      return 'def add(a, b):\n    return a + b';
    default:
      return `<${v.name}>`;
  }
}

export function contentEditor(client: LibClient, bundle: PromptBundle, saved: Draft | null, save: (d: Draft) => void, apply: (p: Promise<PromptBundle>, done: string) => Promise<void>): HTMLElement {
  const p = bundle.details.prompt;
  const d: Draft = saved ?? {
    system_prompt: p.system_prompt,
    user_prompt_template: p.user_prompt_template,
    variables: structuredClone(p.variables) as VariableSpec[],
    few_shot_examples: structuredClone(p.few_shot_examples),
    model_type: p.model_type,
    temperature: p.temperature,
    max_tokens: p.max_tokens,
    change_notes: '',
    deploy: true,
  };
  const preview = h('pre', { 'aria-label': 'Rendered preview', 'aria-live': 'polite', id: 'preview' });
  const refresh = debounce(async () => {
    save(d);
    try {
      const vars = Object.fromEntries(d.variables.map((v) => [v.name, sample(v)]));
      const r = await client.request('library.preview', { id: p.id, variables: vars, draft: { system_prompt: d.system_prompt, user_prompt_template: d.user_prompt_template, few_shot_examples: d.few_shot_examples, variables: d.variables, model_type: d.model_type } });
      render(preview, r.text);
    } catch (e) {
      render(preview, errorState(client, e));
    }
  }, 250);
  const varsEl = h('div', { class: 'rows', role: 'group', 'aria-label': 'Variables' });
  const shotsEl = h('div', { class: 'rows', role: 'group', 'aria-label': 'Few-shot examples' });
  const drawVars = () =>
    render(
      varsEl,
      d.variables.map((v, i) =>
        h(
          'div',
          { class: 'row-item' },
          textField(`Variable ${i + 1} name`, v.name, { onInput: (x) => ((v.name = x.trim()), refresh()) }),
          select(`Variable ${i + 1} type`, VARIABLE_TYPES, v.type, { onChange: (x) => ((v.type = x as VariableSpec['type']), drawVars(), refresh()) }),
          checkbox('required', v.required, (c) => ((v.required = c), refresh())),
          textField(`Variable ${i + 1} default`, v.default === undefined ? '' : typeof v.default === 'string' ? v.default : JSON.stringify(v.default), {
            onInput: (x) => {
              if (!x) delete v.default;
              else v.default = v.type === 'number' && Number.isFinite(Number(x)) ? Number(x) : v.type === 'boolean' ? x === 'true' : x;
              refresh();
            },
          }),
          v.type === 'enum' ? textField(`Variable ${i + 1} values (comma separated)`, (v.values ?? []).join(', '), { onInput: (x) => ((v.values = x.split(',').map((s) => s.trim()).filter(Boolean)), refresh()) }) : null,
          textField(`Variable ${i + 1} description`, v.description ?? '', { onInput: (x) => (v.description = x) }),
          button('Remove', () => (d.variables.splice(i, 1), drawVars(), refresh()), { secondary: true, label: `Remove variable ${v.name || i + 1}` }),
        ),
      ),
      h(
        'div',
        { class: 'row' },
        button('Add variable', () => (d.variables.push({ name: '', type: 'string', required: true }), drawVars()), { secondary: true }),
        button('Add variables used in the template', () => {
          const have = new Set(d.variables.map((v) => v.name));
          for (const n of templateVariables(d.user_prompt_template + '\n' + d.system_prompt)) if (!have.has(n)) d.variables.push({ name: n, type: n === 'code' ? 'code' : 'string', required: true });
          drawVars();
          refresh();
        }, { secondary: true }),
      ),
    );
  const drawShots = () =>
    render(
      shotsEl,
      d.few_shot_examples.map((ex, i) =>
        h(
          'div',
          { class: 'row-item' },
          textArea(`Example ${i + 1} input`, ex.input, { rows: 3, code: true, class: 'grow', onInput: (x) => ((ex.input = x), refresh()) }),
          textArea(`Example ${i + 1} output`, ex.output, { rows: 3, code: true, class: 'grow', onInput: (x) => ((ex.output = x), refresh()) }),
          button('Remove', () => (d.few_shot_examples.splice(i, 1), drawShots(), refresh()), { secondary: true, label: `Remove example ${i + 1}` }),
        ),
      ),
      button('Add example', () => (d.few_shot_examples.push({ input: '', output: '' }), drawShots()), { secondary: true }),
    );
  drawVars();
  drawShots();
  refresh();
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'form-grid' },
      textArea('System prompt', d.system_prompt, { rows: 3, code: true, class: 'wide', onInput: (x) => ((d.system_prompt = x), refresh()) }),
      textArea('User prompt template ({{variable}})', d.user_prompt_template, { rows: 8, code: true, class: 'wide', onInput: (x) => ((d.user_prompt_template = x), refresh()) }),
      select('Model type', MODEL_TYPES, d.model_type, { onChange: (x) => ((d.model_type = x), refresh()) }),
      textField('Temperature', String(d.temperature), { type: 'number', onInput: (x) => (d.temperature = Number(x)) }),
      textField('Max tokens', String(d.max_tokens), { type: 'number', onInput: (x) => (d.max_tokens = Math.trunc(Number(x))) }),
    ),
    h('h3', null, 'Variables'),
    varsEl,
    h('h3', null, 'Few-shot examples'),
    shotsEl,
    h('h3', null, 'Preview (sample values)'),
    preview,
    h(
      'div',
      { class: 'toolbar' },
      textField('Change notes', d.change_notes, { class: 'grow', onInput: (x) => ((d.change_notes = x), save(d)) }),
      checkbox('Deploy it', d.deploy, (c) => ((d.deploy = c), save(d))),
      button('Save as new version', () => {
        const { change_notes, deploy, ...content } = d;
        void apply(client.request('library.createVersion', { id: p.id, version: { ...content, change_notes, deploy } }), 'New version saved');
      }, { id: 'save-version' }),
      button('Discard changes', () => (save(null as unknown as Draft), void apply(client.request('library.get', { id: p.id }), 'Changes discarded')), { secondary: true }),
    ),
  );
}

/** Field-by-field diff of two versions; text fields as a coloured unified line diff. */
export function diffView(diff: VersionDiff): HTMLElement {
  const changed = diff.fields.filter((f) => f.changed);
  if (!changed.length) return h('p', { class: 'muted' }, `v${diff.from} and v${diff.to} have the same content.`);
  return h(
    'div',
    { 'aria-label': `Differences between v${diff.from} and v${diff.to}` },
    changed.map((f) =>
      h(
        'div',
        { class: 'card' },
        h('h3', null, f.field, ' ', h('span', { class: 'muted' }, `+${f.added_lines} −${f.removed_lines}`)),
        f.patch
          ? h(
              'pre',
              { class: 'diff' },
              f.patch
                .split('\n')
                .filter((l) => !l.startsWith('---') && !l.startsWith('+++') && !l.startsWith('==='))
                .map((l) => h('div', { class: l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : l.startsWith('@@') ? 'muted' : '' }, l || ' ')),
            )
          : h('p', null, h('span', { class: 'del' }, JSON.stringify(f.from)), ' → ', h('span', { class: 'add' }, JSON.stringify(f.to))),
      ),
    ),
  );
}

function pValue(p: number | null): string {
  return p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function resultsTable(r: ExperimentResults): HTMLElement {
  const byId = new Map(r.variants.map((v) => [v.version_id, v]));
  return h(
    'div',
    null,
    h(
      'table',
      { class: 'grid', 'aria-label': `Results of ${r.experiment.name}` },
      h('thead', null, h('tr', null, ['Version', 'Weight', 'Runs', 'Success (95% CI)', 'Mean / p95 latency', 'Rating'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        null,
        r.variants.map((v) =>
          h(
            'tr',
            null,
            h('td', null, `v${v.version_number}`, v.version_id === r.leader_version_id ? h('span', { class: 'badge' }, ' leader') : null),
            h('td', null, String(v.weight)),
            h('td', null, String(v.count)),
            h('td', null, `${formatPct(v.success_rate)}${v.success_ci ? ` (${formatPct(v.success_ci.low)}–${formatPct(v.success_ci.high)})` : ''}`),
            h('td', null, `${formatMs(v.mean_latency_ms)} / ${formatMs(v.p95_latency_ms)}`),
            h('td', null, v.mean_rating === null ? '—' : `${v.mean_rating.toFixed(2)} (${v.ratings})`),
          ),
        ),
      ),
    ),
    r.comparisons.length
      ? h(
          'ul',
          { 'aria-label': 'Significance tests against the baseline' },
          r.comparisons.map((c) => {
            const base = byId.get(c.baseline_version_id);
            const v = byId.get(c.version_id);
            return h(
              'li',
              null,
              `v${v?.version_number ?? c.version_id} vs v${base?.version_number ?? c.baseline_version_id}: success z = ${c.success.statistic?.toFixed(2) ?? '—'}, p = ${pValue(c.success.p_value)}${c.success.significant ? ' (significant)' : ''}; latency Welch t = ${c.latency.statistic?.toFixed(2) ?? '—'}${c.latency.df ? `, df = ${c.latency.df.toFixed(1)}` : ''}, p = ${pValue(c.latency.p_value)}${c.latency.significant ? ' (significant)' : ''}`,
            );
          }),
        )
      : null,
  );
}

export function experimentsView(client: LibClient, bundle: PromptBundle, apply: (p: Promise<PromptBundle>, done: string) => Promise<void>): HTMLElement {
  const id = bundle.details.prompt.id;
  const versions = [...bundle.versions].sort((a, b) => b.version_number - a.version_number);
  const chosen = new Map<number, number>(versions.slice(0, 2).map((v) => [v.id, 50]));
  let name = '';
  const running = bundle.experiments.find((e) => e.status === 'running');
  const out = h('div');
  const show = async (experimentId: number) => {
    try {
      const r = await client.request('library.experimentResults', { experimentId });
      render(
        out,
        h('h3', null, `${r.experiment.name} (${r.experiment.status})`),
        resultsTable(r),
        r.experiment.status === 'running' && r.leader_version_id !== null
          ? button('Promote the leader and end', async () => {
              try {
                await client.request('library.experimentPromote', { experimentId });
                await apply(client.request('library.get', { id }), 'Experiment ended; leader deployed');
              } catch (e) {
                out.prepend(errorState(client, e));
              }
            })
          : null,
      );
    } catch (e) {
      render(out, errorState(client, e));
    }
  };
  if (running) void show(running.id);
  return h(
    'div',
    null,
    bundle.experiments.length
      ? h(
          'ul',
          { class: 'list', 'aria-label': 'Experiments' },
          bundle.experiments.map((e) => h('li', null, h('button', { class: 'item', type: 'button', onclick: () => void show(e.id) }, `${e.name} — ${e.status}, ${e.variants.length} versions`))),
        )
      : h('p', { class: 'muted' }, 'No experiment yet.'),
    out,
    running
      ? h('p', { class: 'muted' }, `"${running.name}" is running; end it (promote) before starting another.`)
      : h(
          'form',
          { class: 'card', 'aria-label': 'New experiment', onsubmit: (e: Event) => e.preventDefault() },
          h('h3', null, 'New experiment'),
          textField('Experiment name', '', { onInput: (x) => (name = x) }),
          h(
            'div',
            { class: 'rows' },
            versions.map((v) =>
              h(
                'div',
                { class: 'row' },
                checkbox(`v${v.version_number}`, chosen.has(v.id), (c) => (c ? chosen.set(v.id, 50) : chosen.delete(v.id))),
                textField(`Weight of v${v.version_number}`, '50', { type: 'number', onInput: (x) => chosen.has(v.id) && chosen.set(v.id, Number(x)) }),
              ),
            ),
          ),
          button('Start experiment', () =>
            void apply(client.request('library.experimentCreate', { id, experiment: { name: name.trim(), variants: [...chosen].map(([version_id, weight]) => ({ version_id, weight })) } }), 'Experiment started'),
          ),
        ),
  );
}
