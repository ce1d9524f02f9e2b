// The Workbench's comparison of two finished outputs: their metrics side by side and a word diff.
import { diffWords } from 'diff';
import type { CellResult } from '../../../shared/src/webview/workbench.js';
import { formatMs, formatUsd, h } from '../runtime/dom.js';
import { select } from '../runtime/form.js';

export function comparison(ids: string[], ra: CellResult, rb: CellResult, pick: (left: string, right: string) => void): Node[] {
  const [a, b] = [ra.cellId, rb.cellId];
  const rows = [
    ['latency', formatMs(ra.executionTimeMs), formatMs(rb.executionTimeMs)],
    ['first token', formatMs(ra.firstTokenMs), formatMs(rb.firstTokenMs)],
    ['tokens', String(ra.tokensUsed ?? '—'), String(rb.tokensUsed ?? '—')],
    ['cost', formatUsd(ra.costUsd), formatUsd(rb.costUsd)],
    ['length (chars)', String(ra.output.length), String(rb.output.length)],
  ];
  return [
    h('h2', null, 'Compare outputs'),
    h('div', { class: 'toolbar' }, select('Left', ids, a, { onChange: (v) => pick(v, b) }), select('Right', ids, b, { onChange: (v) => pick(a, v) })),
    h(
      'table',
      { class: 'grid', 'aria-label': 'Metrics' },
      h('thead', null, h('tr', null, ['Metric', a, b].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.map((row) => h('tr', null, row.map((c) => h('td', null, c))))),
    ),
    h(
      'pre',
      { class: 'diff', 'aria-label': `Word diff from ${a} to ${b}` },
      diffWords(ra.output, rb.output).map((p) => (p.added ? h('ins', { class: 'add' }, p.value) : p.removed ? h('del', { class: 'del' }, p.value) : p.value)),
    ),
  ];
}
