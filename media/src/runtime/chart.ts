// Small SVG charts drawn from data (no images, no charting library): a line chart for values over time and a
// bar chart for values per category. Colours come from VS Code's chart theme variables (base.css), so the
// charts follow light, dark and high-contrast themes. Each chart has a text alternative for screen readers.
const NS = 'http://www.w3.org/2000/svg';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}
export interface Bar {
  label: string;
  value: number;
  /** shown above the bar instead of the formatted value */
  note?: string;
}
export interface ChartOptions {
  title: string;
  width?: number;
  height?: number;
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** y axis starts at 0 (rates, counts) */
  zero?: boolean;
  /** y axis maximum (1 for rates) */
  maxY?: number;
}

const PAD = { left: 60, right: 12, top: 22, bottom: 28 };

/** "Nice" axis ticks: 1, 2 or 5 × 10^n steps covering [min, max]. */
export function ticks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d0 === d1) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function frame(o: ChartOptions, summary: string): { svg: SVGSVGElement; w: number; h: number } {
  const w = o.width ?? 360;
  const h = o.height ?? 180;
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, class: 'chart', role: 'img', 'aria-label': `${o.title}. ${summary}` });
  svg.appendChild(el('title', {}, o.title));
  svg.appendChild(el('text', { x: PAD.left, y: 13, 'font-weight': 600 }, o.title));
  return { svg, w, h };
}

export function lineChart(series: Series[], o: ChartOptions): SVGSVGElement {
  const all = series.flatMap((s) => s.points);
  const fx = o.formatX ?? String;
  const fy = o.formatY ?? ((y: number) => y.toFixed(0));
  const summary = all.length
    ? series.map((s) => `${s.name}: ${s.points.length} points, from ${fy(Math.min(...s.points.map((p) => p.y)))} to ${fy(Math.max(...s.points.map((p) => p.y)))}`).join('; ')
    : 'No data.';
  const { svg, w, h } = frame(o, summary);
  if (!all.length) {
    svg.appendChild(el('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle' }, 'No data yet'));
    return svg;
  }
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const y0 = o.zero ? 0 : Math.min(...ys);
  const y1 = o.maxY ?? Math.max(...ys, y0 + 1e-9);
  const sx = scale(Math.min(...xs), Math.max(...xs), PAD.left, w - PAD.right);
  const sy = scale(y0, y1, h - PAD.bottom, PAD.top);
  axes(svg, w, h);
  for (const t of ticks(y0, y1)) {
    svg.appendChild(el('text', { x: PAD.left - 4, y: sy(t) + 3, 'text-anchor': 'end' }, fy(t)));
  }
  const xt = [Math.min(...xs), Math.max(...xs)];
  svg.appendChild(el('text', { x: PAD.left, y: h - 8 }, fx(xt[0]!)));
  svg.appendChild(el('text', { x: w - PAD.right, y: h - 8, 'text-anchor': 'end' }, fx(xt[1]!)));
  series.forEach((s, i) => {
    const cls = `series-${i % 4}`;
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    if (pts.length > 1) svg.appendChild(el('polyline', { class: `line ${cls}`, points: pts.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ') }));
    for (const p of pts.length <= 60 ? pts : []) svg.appendChild(el('circle', { class: cls, cx: sx(p.x).toFixed(1), cy: sy(p.y).toFixed(1), r: 2 }));
  });
  if (series.length > 1) legend(svg, series.map((s) => s.name), w);
  return svg;
}

export function barChart(bars: Bar[], o: ChartOptions): SVGSVGElement {
  const fy = o.formatY ?? ((y: number) => y.toFixed(0));
  const summary = bars.length ? bars.map((b) => `${b.label}: ${b.note ?? fy(b.value)}`).join('; ') : 'No data.';
  const { svg, w, h } = frame(o, summary);
  if (!bars.length) {
    svg.appendChild(el('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle' }, 'No data yet'));
    return svg;
  }
  const max = o.maxY ?? Math.max(...bars.map((b) => b.value), 1e-9);
  const sy = scale(0, max, h - PAD.bottom, PAD.top + 8);
  axes(svg, w, h);
  const slot = (w - PAD.left - PAD.right) / bars.length;
  const bw = Math.max(4, Math.min(40, slot * 0.6));
  for (const t of ticks(0, max)) svg.appendChild(el('text', { x: PAD.left - 4, y: sy(t) + 3, 'text-anchor': 'end' }, fy(t)));
  bars.forEach((b, i) => {
    const x = PAD.left + slot * i + (slot - bw) / 2;
    const y = sy(Math.max(0, b.value));
    const rect = el('rect', { class: 'series-0', x: x.toFixed(1), y: y.toFixed(1), width: bw.toFixed(1), height: Math.max(0, h - PAD.bottom - y).toFixed(1) });
    rect.appendChild(el('title', {}, `${b.label}: ${b.note ?? fy(b.value)}`));
    svg.appendChild(rect);
    // with many bars the values would overlap: they stay in each bar's tooltip and the text alternative
    if (slot >= 44) svg.appendChild(el('text', { x: (x + bw / 2).toFixed(1), y: (y - 3).toFixed(1), 'text-anchor': 'middle' }, b.note ?? fy(b.value)));
    // labels get the width of their slot (about 6 px a character at this size)
    const max = Math.max(3, Math.floor(slot / 6));
    const label = b.label.length > max ? `${b.label.slice(0, max - 1)}…` : b.label;
    svg.appendChild(el('text', { x: (x + bw / 2).toFixed(1), y: h - 10, 'text-anchor': 'middle' }, label));
  });
  return svg;
}

function axes(svg: SVGSVGElement, w: number, h: number): void {
  svg.appendChild(el('line', { class: 'axis', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: h - PAD.bottom }));
  svg.appendChild(el('line', { class: 'axis', x1: PAD.left, y1: h - PAD.bottom, x2: w - PAD.right, y2: h - PAD.bottom }));
}

function legend(svg: SVGSVGElement, names: string[], w: number): void {
  let x = w - PAD.right;
  names
    .map((n, i) => ({ n, i }))
    .reverse()
    .forEach(({ n, i }) => {
      const t = el('text', { x, y: 13, 'text-anchor': 'end', class: `series-${i % 4}`, stroke: 'none' }, n);
      svg.appendChild(t);
      x -= n.length * 6 + 12;
    });
}
