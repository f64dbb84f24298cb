/** Small inline SVG charts for the evidence reports. Pure; every label is escaped; layouts are deterministic. */
import { escapeHtml } from '../lib/html.js';

const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#b58840', '#28a197', '#912b88', '#505a5f'];

export function colourAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

export interface NetworkNode {
  id: string;
  label: string;
  /** 0..1, drives the circle size. */
  size: number;
  group: string | null;
}

export interface NetworkEdge {
  from: string;
  to: string;
  weight: number;
}

/** Accounts on a circle in rank order (clockwise from the top), arrows for interactions. */
export function networkSvg(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[], title: string): string {
  const width = 640;
  const height = 640;
  const cx = width / 2;
  const cy = height / 2;
  const radius = nodes.length > 1 ? 230 : 0;
  const groups = [...new Set(nodes.map((n) => n.group ?? 'unclassified'))].sort();
  const position = new Map(
    nodes.map((node, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, nodes.length);
      return [node.id, { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle), r: 6 + 18 * Math.sqrt(Math.max(0, node.size)), angle }];
    }),
  );
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const lines = edges
    .map((edge) => {
      const a = position.get(edge.from);
      const b = position.get(edge.to);
      if (!a || !b) return '';
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const length = Math.hypot(dx, dy) || 1;
      // stop the line at the target's edge so the arrow head shows
      const x2 = b.x - (dx / length) * (b.r + 2);
      const y2 = b.y - (dy / length) * (b.r + 2);
      const stroke = 0.6 + 3 * Math.log1p(edge.weight) / Math.log1p(maxWeight);
      return `<line x1="${fmt(a.x)}" y1="${fmt(a.y)}" x2="${fmt(x2)}" y2="${fmt(y2)}" stroke="#8a8f93" stroke-opacity="0.55" stroke-width="${fmt(stroke)}" marker-end="url(#arrow)"><title>${escapeHtml(`${edge.from} → ${edge.to}: weight ${edge.weight}`)}</title></line>`;
    })
    .join('\n');
  const circles = nodes
    .map((node) => {
      const p = position.get(node.id)!;
      const colour = colourAt(groups.indexOf(node.group ?? 'unclassified'));
      const labelX = cx + (radius + p.r + 8) * Math.cos(p.angle);
      const labelY = cy + (radius + p.r + 8) * Math.sin(p.angle);
      const anchor = Math.abs(Math.cos(p.angle)) < 0.2 ? 'middle' : Math.cos(p.angle) > 0 ? 'start' : 'end';
      return `<circle cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="${fmt(p.r)}" fill="${colour}" fill-opacity="0.85"><title>${escapeHtml(node.label)}</title></circle>
<text x="${fmt(labelX)}" y="${fmt(labelY + 4)}" font-size="11" text-anchor="${anchor}">${escapeHtml(node.label)}</text>`;
    })
    .join('\n');
  const legend = groups
    .map((group, i) => `<rect x="8" y="${8 + i * 16}" width="10" height="10" fill="${colourAt(i)}"/><text x="22" y="${17 + i * 16}" font-size="11">${escapeHtml(group)}</text>`)
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-80 0 ${width + 160} ${height}" role="img" aria-label="${escapeHtml(title)}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a8f93"/></marker></defs>
${lines}
${circles}
${legend}
</svg>`;
}

export interface Series {
  label: string;
  values: readonly number[];
  /** Optional straight line drawn dashed: value at the first and at the last point. */
  trend?: readonly [number, number];
}

/** Lines over days, each with an optional dashed trend line. */
export function lineChartSvg(days: readonly string[], series: readonly Series[], title: string): string {
  const width = 640;
  const height = 220;
  const left = 40;
  const right = 10;
  const top = 10;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const maxValue = Math.max(1, ...series.flatMap((s) => [...s.values, ...(s.trend ?? [])]));
  const x = (i: number) => left + (days.length > 1 ? (plotW * i) / (days.length - 1) : plotW / 2);
  const y = (v: number) => top + plotH - (plotH * Math.max(0, v)) / maxValue;
  const paths = series
    .map((s, k) => {
      const colour = colourAt(k);
      const points = s.values.map((v, i) => `${fmt(x(i))},${fmt(y(v))}`).join(' ');
      const trend = s.trend
        ? `<line x1="${fmt(x(0))}" y1="${fmt(y(s.trend[0]))}" x2="${fmt(x(days.length - 1))}" y2="${fmt(y(s.trend[1]))}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="5 4"/>`
        : '';
      return `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"><title>${escapeHtml(s.label)}</title></polyline>${trend}`;
    })
    .join('\n');
  const axis = `<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#b1b4b6"/>
<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#b1b4b6"/>
<text x="${left - 4}" y="${top + 10}" font-size="10" text-anchor="end">${fmt(maxValue)}</text>
<text x="${left - 4}" y="${top + plotH}" font-size="10" text-anchor="end">0</text>
<text x="${left}" y="${height - 8}" font-size="10">${escapeHtml(days[0] ?? '')}</text>
<text x="${width - right}" y="${height - 8}" font-size="10" text-anchor="end">${escapeHtml(days[days.length - 1] ?? '')}</text>`;
  const legend =
    series.length > 1
      ? series.map((s, k) => `<tspan fill="${colourAt(k)}">■ ${escapeHtml(s.label)}</tspan>`).join(' ')
      : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height + (legend ? 16 : 0)}" role="img" aria-label="${escapeHtml(title)}">
${axis}
${paths}
${legend ? `<text x="${left}" y="${height + 10}" font-size="11">${legend}</text>` : ''}
</svg>`;
}

/** A horizontal progress bar: actual against target, with a tick where the pro-rata expectation is. */
export function progressBarSvg(actual: number, target: number, expected: number | null, colour: string, label: string): string {
  const width = 320;
  const height = 22;
  const scale = Math.max(target, actual, 1);
  const barW = (width * Math.min(actual, scale)) / scale;
  const targetX = (width * target) / scale;
  const tick = expected === null ? '' : `<line x1="${fmt((width * expected) / scale)}" y1="0" x2="${fmt((width * expected) / scale)}" y2="${height}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="3 2"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">
<rect x="0" y="3" width="${fmt(targetX)}" height="${height - 6}" fill="#f3f2f1" stroke="#b1b4b6"/>
<rect x="0" y="3" width="${fmt(barW)}" height="${height - 6}" fill="${colour}"/>
${tick}
</svg>`;
}
