/**
 * Build-time data of the report's accuracy-vs-speed scatter (WER against RTFx, one point per configuration): axis
 * domains, ticks and tick labels from d3-scale (log RTFx, linear WER), and per point its label and hover text. The
 * browser script (`chart-script.ts`) maps values to pixels and places the labels so that none collides.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { AxisScale } from './chart-data.js';
import type { BenchReport } from './types.js';

export interface ScatterPoint {
  readonly label: string;
  readonly engine: string;
  readonly rtfx: number;
  readonly wer: number;
  readonly hover: string;
}

export interface ScatterChart {
  readonly x: AxisScale;
  readonly y: AxisScale;
  readonly points: readonly ScatterPoint[];
}

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '-');

/** The scatter of every configuration with a positive, finite RTFx and a finite WER. */
export function scatterChart(report: BenchReport): ScatterChart {
  const multi = new Set(report.summaries.map((s) => s.dataset)).size > 1;
  const points = report.summaries
    .filter((s) => Number.isFinite(s.rtfx) && s.rtfx > 0 && Number.isFinite(s.wer))
    .map((s) => {
      const label = multi ? `${s.label} [${s.dataset}]` : s.label;
      return {
        label, engine: s.engine, rtfx: s.rtfx, wer: s.wer,
        hover: `${label}: WER ${f3(s.wer)} (95% CI ${f3(s.werCi.lower)}–${f3(s.werCi.upper)}), RTFx ${s.rtfx.toFixed(2)}, ${s.utterances} utterances`,
      };
    });
  const rtfx = points.map((p) => p.rtfx);
  let lo = rtfx.length === 0 ? 1 : Math.min(...rtfx);
  let hi = rtfx.length === 0 ? 10 : Math.max(...rtfx);
  if (hi / lo < 10) {
    lo /= 2;
    hi *= 2;
  }
  const xs = scaleLog().domain([lo, hi]).nice();
  const xt = xs.ticks();
  const xf = xs.tickFormat(8, '~g');
  const maxWer = Math.max(0, ...points.map((p) => p.wer));
  const ys = scaleLinear().domain([0, maxWer > 0 ? maxWer * 1.05 : 1]).nice(5);
  const yt = ys.ticks(5);
  const yf = ys.tickFormat(5);
  return {
    x: { domain: xs.domain() as [number, number], ticks: xt, labels: xt.map((t) => xf(t)) },
    y: { domain: ys.domain() as [number, number], ticks: yt, labels: yt.map((t) => yf(t)) },
    points,
  };
}
