/**
 * Plots a trajectory as a self-contained SVG (or an HTML page embedding it; no scripts, no external
 * resources), in two panels:
 *  - top: every agent's path projected to 2-D (PCA of every recorded position, see pca.ts), with tick
 *    values on both axes, time markers along the self's path and a numbered marker where each input
 *    event arrived;
 *  - bottom: the world's mechanical energy against time, with the same events as dashed lines.
 * A legend names the agents and lists the events (time, speaker, content).
 */
import { fitProjection, project } from './pca.js';
import type { Projection2d } from './pca.js';
import type { Trajectory } from './trajectory.js';
import type { ScoredEvent } from '../input/scored-event.js';
import { axes, escapeXml, extent } from './svg-axes.js';
import type { Box } from './svg-axes.js';
import { scaleLinear } from 'd3-scale';

const WIDTH = 1040;
const HEIGHT = 1000;
const TOP: Box = { x: 100, y: 70, width: 620, height: 500 };
const BOTTOM: Box = { x: 100, y: 680, width: 620, height: 220 };
const LEGEND_X = 760;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

/** Agent names: 0 is the self; others come from the trajectory's speaker table. */
function names(t: Trajectory, count: number): string[] {
  const out = Array.from({ length: count }, (_, i) => (i === 0 ? 'self' : `agent ${i}`));
  for (const [name, id] of t.final.speakers) if (id < count) out[id] = name;
  return out;
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

/** Index of the recorded sample nearest to a time (samples are in time order). */
function sampleAt(t: Trajectory, timeSec: number): number {
  let best = 0;
  t.samples.forEach((s, i) => {
    if (Math.abs(s.timeSec - timeSec) < Math.abs((t.samples[best]?.timeSec ?? 0) - timeSec)) best = i;
  });
  return best;
}

/** "ada: You are useless!" style description, cut to fit the legend. */
function describe(e: ScoredEvent): string {
  const ev = e.event;
  const what = ev.modality === 'text' ? ev.content : ev.modality === 'world' ? `${ev.content.kind} ${ev.content.intensity}` : ev.modality;
  const text = `${ev.speaker}: ${what}`;
  return text.length > 34 ? `${text.slice(0, 33)}…` : text;
}

function trajectoryPanel(t: Trajectory, proj: Projection2d, ps: [number, number][][]): string[] {
  const all = ps.flat();
  const a = axes(TOP, extent(all.map((p) => p[0])), extent(all.map((p) => p[1])), axisLabel(proj, 0), axisLabel(proj, 1));
  const out = [...a.svg];
  const pt = (p: [number, number]): string => `${a.sx(p[0]).toFixed(2)},${a.sy(p[1]).toFixed(2)}`;
  ps.forEach((path, i) => {
    const colour = PALETTE[i % PALETTE.length] as string;
    out.push(`<polyline points="${path.map(pt).join(' ')}" fill="none" stroke="${colour}" stroke-width="${i === 0 ? 2.5 : 1.5}" stroke-opacity="0.85"/>`);
    const start = path[0];
    const end = path[path.length - 1];
    if (start !== undefined) out.push(`<circle cx="${a.sx(start[0]).toFixed(2)}" cy="${a.sy(start[1]).toFixed(2)}" r="4" fill="#fff" stroke="${colour}" stroke-width="2"/>`);
    if (end !== undefined) out.push(`<circle cx="${a.sx(end[0]).toFixed(2)}" cy="${a.sy(end[1]).toFixed(2)}" r="5" fill="${colour}"/>`);
  });
  const self = ps[0] ?? [];
  const first = t.samples[0]?.timeSec ?? 0;
  const last = t.samples[t.samples.length - 1]?.timeSec ?? 0;
  // Time markers along the self's path at round times.
  for (const time of scaleLinear().domain([first, last]).ticks(8).filter((v) => v > first && v < last)) {
    const p = self[sampleAt(t, time)];
    if (p === undefined) continue;
    const [x, y] = [a.sx(p[0]), a.sy(p[1])];
    out.push(`<circle class="time-marker" cx="${x.toFixed(2)}" cy="${y.toFixed(2)}" r="2.5" fill="#222"/>`);
    out.push(`<text x="${(x + 5).toFixed(2)}" y="${(y - 5).toFixed(2)}" font-size="11" fill="#222">${escapeXml(`${time} s`)}</text>`);
  }
  // Event markers: where the self was when each event arrived.
  t.header.events.forEach((e, k) => {
    const p = self[sampleAt(t, e.event.timestampSec)];
    if (p === undefined) return;
    const [x, y] = [a.sx(p[0]), a.sy(p[1])];
    out.push(`<path class="event-marker" d="M${x.toFixed(2)},${(y - 7).toFixed(2)} l7,7 l-7,7 l-7,-7 z" fill="#ffd400" stroke="#000"/>`);
    out.push(`<text x="${(x + 9).toFixed(2)}" y="${(y + 14).toFixed(2)}" font-size="12" font-weight="bold">E${k + 1}</text>`);
  });
  return out;
}

function energyPanel(t: Trajectory): string[] {
  const times = t.samples.map((s) => s.timeSec);
  const energy = t.samples.map((s) => s.energy);
  const t0 = times[0] ?? 0;
  const t1 = times[times.length - 1] ?? 0;
  const a = axes(BOTTOM, t1 > t0 ? [t0, t1] : extent(times), extent(energy), 'simulated time [s]', 'mechanical energy', 5);
  const out = [...a.svg];
  const pts = t.samples.map((s) => `${a.sx(s.timeSec).toFixed(2)},${a.sy(s.energy).toFixed(2)}`).join(' ');
  out.push(`<polyline class="energy" points="${pts}" fill="none" stroke="#333" stroke-width="1.5"/>`);
  t.header.events.forEach((e, k) => {
    const x = a.sx(e.event.timestampSec).toFixed(2);
    out.push(`<line class="event-line" x1="${x}" y1="${BOTTOM.y}" x2="${x}" y2="${BOTTOM.y + BOTTOM.height}" stroke="#b8860b" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x}" y="${BOTTOM.y - 6}" text-anchor="middle" font-size="12" font-weight="bold">E${k + 1}</text>`);
  });
  return out;
}

function legend(t: Trajectory, who: string[]): string[] {
  const out: string[] = [`<text x="${LEGEND_X}" y="${TOP.y + 4}" font-size="14" font-weight="bold">agents</text>`];
  who.forEach((name, i) => {
    const y = TOP.y + 16 + 20 * i;
    out.push(`<rect x="${LEGEND_X}" y="${y}" width="12" height="12" fill="${PALETTE[i % PALETTE.length] as string}"/>`);
    out.push(`<text x="${LEGEND_X + 18}" y="${y + 11}" font-size="13">${escapeXml(name)}</text>`);
  });
  let y = TOP.y + 36 + 20 * who.length;
  out.push(`<text x="${LEGEND_X}" y="${y}" font-size="12">○ start  ● end  • time on the self's path</text>`);
  y += 30;
  out.push(`<text x="${LEGEND_X}" y="${y}" font-size="14" font-weight="bold">events</text>`);
  t.header.events.forEach((e, k) => {
    y += 19;
    out.push(`<text x="${LEGEND_X}" y="${y}" font-size="12"><tspan font-weight="bold">E${k + 1}</tspan> ${escapeXml(`${e.event.timestampSec} s  ${describe(e)}`)}</text>`);
  });
  return out;
}

/** Renders the plot as an SVG document. */
export function trajectorySvg(t: Trajectory): string {
  const proj = fitProjection(t.samples.flatMap((s) => s.positions));
  const ps = paths(t, proj);
  const who = names(t, ps.length);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${TOP.x + TOP.width / 2}" y="34" text-anchor="middle" font-size="18">Eidolon trajectories (seed ${t.header.seed}, ${t.final.step} steps, ${proj.kind === 'pca' ? 'PCA' : 'fixed'} projection)</text>`,
    ...trajectoryPanel(t, proj, ps),
    ...energyPanel(t),
    ...legend(t, who),
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}

/** The SVG inside a minimal HTML page. */
export function trajectoryHtml(t: Trajectory): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Eidolon trajectories</title>',
    '<style>body{margin:16px;font-family:sans-serif;background:#fafafa}</style></head><body>',
    `<p>Final state hash ${escapeXml(t.final.stateHash)}.</p>`,
    trajectorySvg(t),
    '</body></html>',
    '',
  ].join('\n');
}
