// Labelled form fields built from @vscode-elements/elements. Each field has a visible label and the same
// text as its accessible name (the components put `label` on their inner control as aria-label).
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h } from './dom.js';

export interface FieldOptions {
  /** called on every keystroke with the current value */
  onInput?: (value: string) => void;
  onChange?: (value: string) => void;
  placeholder?: string;
  id?: string;
  class?: string;
}

function wrap(label: string, control: HTMLElement, cls?: string): HTMLElement {
  return h('div', { class: `field ${cls ?? ''}` }, h('span', { class: 'field-label', 'aria-hidden': 'true' }, label), control);
}

function wire(el: HTMLElement, o: FieldOptions): void {
  if (o.onInput) el.addEventListener('input', () => o.onInput!(String((el as unknown as { value: string }).value ?? '')));
  if (o.onChange) el.addEventListener('change', () => o.onChange!(String((el as unknown as { value: string }).value ?? '')));
}

export function textField(label: string, value: string, o: FieldOptions & { type?: string } = {}): HTMLElement {
  const el = h('vscode-textfield', { label, value, placeholder: o.placeholder ?? null, id: o.id ?? null, type: o.type ?? null, 'data-field': label });
  wire(el, o);
  return wrap(label, el, o.class);
}

export function textArea(label: string, value: string, o: FieldOptions & { rows?: number; code?: boolean } = {}): HTMLElement {
  const el = h('vscode-textarea', { label, value, rows: o.rows ?? 4, placeholder: o.placeholder ?? null, id: o.id ?? null, class: o.code ? 'code' : null, resize: 'vertical', 'data-field': label });
  wire(el, o);
  return wrap(label, el, o.class);
}

export function select(label: string, options: readonly (string | { value: string; label: string })[], value: string, o: FieldOptions = {}): HTMLElement {
  const el = h(
    'vscode-single-select',
    { label, id: o.id ?? null, 'data-field': label, 'aria-label': label },
    options.map((opt) => {
      const v = typeof opt === 'string' ? opt : opt.value;
      const text = typeof opt === 'string' ? opt || 'any' : opt.label;
      return h('vscode-option', { value: v, selected: v === value }, text);
    }),
  );
  (el as unknown as { value: string }).value = value;
  wire(el, o);
  return wrap(label, el, o.class);
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  // the component renders `label` itself (and adds it to the inner control's accessible name)
  const el = h('vscode-checkbox', { label, checked, 'data-field': label });
  el.addEventListener('change', () => onChange(!!(el as unknown as { checked: boolean }).checked));
  return el;
}

export function button(text: string, onClick: () => void, o: { secondary?: boolean; label?: string; disabled?: boolean; id?: string } = {}): HTMLElement {
  return h('vscode-button', { secondary: !!o.secondary, 'aria-label': o.label ?? null, disabled: !!o.disabled, id: o.id ?? null, onclick: () => onClick() }, text);
}

/** The value of the control inside a field built above. */
export function fieldValue(field: Element): string {
  const c = field.matches('[data-field]') ? field : field.querySelector('[data-field]');
  return String((c as unknown as { value?: unknown } | null)?.value ?? '');
}

/** Simple accessible tabs (roving tabindex, arrow keys) over panels rendered on demand. */
export function tabs<T extends string>(label: string, items: readonly { id: T; title: string }[], current: T, onSelect: (id: T) => void): HTMLElement {
  const list = h('div', { role: 'tablist', 'aria-label': label, class: 'tabs' });
  items.forEach((t, i) => {
    const b = h(
      'button',
      {
        role: 'tab',
        type: 'button',
        id: `tab-${t.id}`,
        'aria-selected': String(t.id === current),
        'aria-controls': `panel-${t.id}`,
        tabindex: t.id === current ? 0 : -1,
        onclick: () => onSelect(t.id),
        onkeydown: (ev: Event) => {
          const k = (ev as KeyboardEvent).key;
          if (k !== 'ArrowRight' && k !== 'ArrowLeft') return;
          const next = items[(i + (k === 'ArrowRight' ? 1 : items.length - 1)) % items.length]!;
          onSelect(next.id);
          requestAnimationFrame(() => document.getElementById(`tab-${next.id}`)?.focus());
        },
      },
      t.title,
    );
    list.appendChild(b);
  });
  return list;
}

export function tabPanel(id: string, ...children: (Node | string | null)[]): HTMLElement {
  return h('div', { role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, tabindex: 0 }, ...children);
}
