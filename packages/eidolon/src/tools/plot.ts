/**
 * Plots a trajectory's agents projected to 2-D (PCA of every recorded position, see pca.ts) as a
 * self-contained SVG, or an HTML page embedding it (no scripts, no external resources).
 */
import { fitProjection, project } from './pca.js';
import type { Projection2d } from './pca.js';
import type { Trajectory } from './trajectory.js';

const WIDTH = 900;
const HEIGHT = 640;
const MARGIN = 70;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

/** Agent names: 0 is the self; others come from the trajectory's speaker table. */
function names(t: Trajectory, count: number): string[] {
  const out = Array.from({ length: count }, (_, i) => (i === 0 ? 'self' : `agent ${i}`));
  for (const [name, id] of t.final.speakers) if (id < count) out[id] = name;
  return out;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Per agent, its projected path (agents appear when first placed). */
function paths(t: Trajectory, proj: Projection2d): [number, number][][] {
  const count = Math.max(0, ...t.samples.map((s) => s.positions.length));
  const out: [number, number][][] = Array.from({ length: count }, () => []);
  for (const s of t.samples) s.positions.forEach((p, i) => out[i]?.push(project(proj, p)));
  return out;
}

function axisLabel(proj: Projection2d, i: 0 | 1): string {
  if (proj.kind === 'axes') return `circuit ${i + 1} (fixed projection)`;
  return `PC${i + 1} (${(100 * proj.explained[i]).toFixed(1)}% of variance)`;
}

/** Renders the plot as an SVG document. */
export function trajectorySvg(t: Trajectory): string {
  const proj = fitProjection(t.samples.flatMap((s) => s.positions));
  const ps = paths(t, proj);
  const all = ps.flat();
  const [xs, ys] = [all.map((p) => p[0]), all.map((p) => p[1])];
  const span = (v: number[]): [number, number] => {
    const lo = Math.min(...v, 0);
    const hi = Math.max(...v, 0);
    return hi - lo > 1e-12 ? [lo, hi] : [lo - 1, hi + 1];
  };
  const [x0, x1] = span(xs);
  const [y0, y1] = span(ys);
  const sx = (x: number): number => MARGIN + ((x - x0) / (x1 - x0)) * (WIDTH - 2 * MARGIN);
  const sy = (y: number): number => HEIGHT - MARGIN - ((y - y0) / (y1 - y0)) * (HEIGHT - 2 * MARGIN);
  const who = names(t, ps.length);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<rect x="${MARGIN}" y="${MARGIN}" width="${WIDTH - 2 * MARGIN}" height="${HEIGHT - 2 * MARGIN}" fill="none" stroke="#888"/>`,
    `<text x="${WIDTH / 2}" y="30" text-anchor="middle" font-size="18">Eidolon trajectories (seed ${t.header.seed}, ${t.final.step} steps, ${proj.kind === 'pca' ? 'PCA' : 'fixed'} projection)</text>`,
    `<text x="${WIDTH / 2}" y="${HEIGHT - 20}" text-anchor="middle" font-size="14">${escapeXml(axisLabel(proj, 0))}</text>`,
    `<text x="20" y="${HEIGHT / 2}" text-anchor="middle" font-size="14" transform="rotate(-90 20 ${HEIGHT / 2})">${escapeXml(axisLabel(proj, 1))}</text>`,
  ];
  ps.forEach((path, i) => {
    const colour = PALETTE[i % PALETTE.length] as string;
    const pts = path.map(([x, y]) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`).join(' ');
    parts.push(`<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="${i === 0 ? 2.5 : 1.5}" stroke-opacity="0.85"/>`);
    const start = path[0];
    const end = path[path.length - 1];
    if (start !== undefined) parts.push(`<circle cx="${sx(start[0]).toFixed(2)}" cy="${sy(start[1]).toFixed(2)}" r="4" fill="#fff" stroke="${colour}" stroke-width="2"/>`);
    if (end !== undefined) parts.push(`<circle cx="${sx(end[0]).toFixed(2)}" cy="${sy(end[1]).toFixed(2)}" r="5" fill="${colour}"/>`);
    parts.push(`<rect x="${WIDTH - MARGIN - 150}" y="${MARGIN + 10 + 20 * i}" width="12" height="12" fill="${colour}"/>`);
    parts.push(`<text x="${WIDTH - MARGIN - 132}" y="${MARGIN + 21 + 20 * i}" font-size="13">${escapeXml(who[i] ?? '')}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** The SVG inside a minimal HTML page. */
export function trajectoryHtml(t: Trajectory): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Eidolon trajectories</title>',
    '<style>body{margin:16px;font-family:sans-serif;background:#fafafa}</style></head><body>',
    `<p>Hollow circle: start; filled circle: end. Final state hash ${escapeXml(t.final.stateHash)}.</p>`,
    trajectorySvg(t),
    '</body></html>',
    '',
  ].join('\n');
}
