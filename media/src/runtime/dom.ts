// A small DOM builder (no framework: the panels are forms and tables, and a virtual DOM would cost more
// bundle than it saves) plus the theme stylesheet, inserted with the page's CSP nonce.
import baseCss from '../base.css';

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener | Record<string, string>>;

/** h('button', { class: 'x', onclick: fn, 'aria-label': '…' }, 'text', child…) */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'dataset' && typeof v === 'object') Object.assign(el.dataset, v);
    else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'label') (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children.flat(Infinity as 1) as Child[]) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : (c as Node));
  }
}

/** Replaces the children of `el`. */
export function render(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Inserts the shared theme CSS and the panel's own, with the CSP nonce of this render. */
export function installStyles(panelCss = ''): void {
  const nonce = document.body.dataset.nonce ?? '';
  const style = document.createElement('style');
  style.setAttribute('nonce', nonce);
  style.textContent = baseCss + '\n' + panelCss;
  document.head.appendChild(style);
}

/** Reads the value of an input, textarea or vscode-elements field. */
export function valueOf(el: Element | null): string {
  return el ? String((el as unknown as { value?: unknown }).value ?? '') : '';
}

export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    if (t) clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  return usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(5)}` : `$${usd.toFixed(2)}`;
}

export function formatPct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** Announces a change to screen readers through the page's live region. */
export function announce(text: string): void {
  let region = document.getElementById('ct-live');
  if (!region) {
    region = h('div', { id: 'ct-live', class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
    document.body.appendChild(region);
  }
  region.textContent = text;
}
