/**
 * SVG axes for the trajectory plot: a plot box with tick marks, tick values and light grid lines.
 * Tick positions and labels come from d3-scale (nice round steps, e.g. 0, 0.2, 0.4 or 0, 10, 20 s).
 */
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';

/** A plot box in pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Axes {
  readonly sx: ScaleLinear<number, number>;
  readonly sy: ScaleLinear<number, number>;
  /** SVG elements: grid, box, ticks, tick values, axis titles. */
  readonly svg: string[];
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** [lo, hi] of the values, widened when they are (nearly) all equal so a scale can be built. */
export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = hi - lo > 1e-12 ? 0.04 * (hi - lo) : Math.max(1, Math.abs(lo));
  return [lo - pad, hi + pad];
}

/**
 * Builds nice scales over the domains and draws the box with ticks on its left and bottom edges.
 * @example const a = axes(box, [0, 30], [-1, 1], 'time [s]', 'energy'); svg.push(...a.svg);
 */
export function axes(box: Box, xDomain: [number, number], yDomain: [number, number], xTitle: string, yTitle: string, ticks = 6): Axes {
  const sx = scaleLinear().domain(xDomain).range([box.x, box.x + box.width]).nice(ticks);
  const sy = scaleLinear().domain(yDomain).range([box.y + box.height, box.y]).nice(ticks);
  const bottom = box.y + box.height;
  const svg: string[] = [];
  const fx = sx.tickFormat(ticks);
  const fy = sy.tickFormat(ticks);
  for (const v of sx.ticks(ticks)) {
    const x = sx(v).toFixed(2);
    svg.push(`<line x1="${x}" y1="${box.y}" x2="${x}" y2="${bottom}" stroke="#e6e6e6"/>`);
    svg.push(`<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 6}" stroke="#444"/>`);
    svg.push(`<text x="${x}" y="${bottom + 20}" text-anchor="middle" font-size="12" fill="#333">${escapeXml(fx(v))}</text>`);
  }
  for (const v of sy.ticks(ticks)) {
    const y = sy(v).toFixed(2);
    svg.push(`<line x1="${box.x}" y1="${y}" x2="${box.x + box.width}" y2="${y}" stroke="#e6e6e6"/>`);
    svg.push(`<line x1="${box.x - 6}" y1="${y}" x2="${box.x}" y2="${y}" stroke="#444"/>`);
    svg.push(`<text x="${box.x - 9}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="#333">${escapeXml(fy(v))}</text>`);
  }
  svg.push(`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="#444"/>`);
  svg.push(`<text x="${box.x + box.width / 2}" y="${bottom + 42}" text-anchor="middle" font-size="14">${escapeXml(xTitle)}</text>`);
  const ly = box.y + box.height / 2;
  svg.push(`<text x="${box.x - 58}" y="${ly}" text-anchor="middle" font-size="14" transform="rotate(-90 ${box.x - 58} ${ly})">${escapeXml(yTitle)}</text>`);
  return { sx, sy, svg };
}
