/**
 * Build-time axes of the report's summary charts (WER bars, parameter sweeps, calibration): nice domains and round
 * tick values from d3-scale, as the scatter and distribution charts have, so the browser script only maps numbers
 * to pixels and never prints a tick like 0.117.
 */
import { linearAxis } from './chart-data.js';
import type { AxisScale } from './chart-data.js';
import type { BenchReport } from './types.js';

export interface SummaryAxes {
  /** WER axis of the "WER per configuration" bars (covers every bar and CI upper end). */
  readonly werBars: AxisScale;
  /** Per sweep group (`engine [dataset]`, the key the script groups by): the WER and RTFx axes of its charts. */
  readonly sweeps: Readonly<Record<string, { readonly wer: AxisScale; readonly rtfx: AxisScale }>>;
  /** The [0, 1] axis of the calibration chart. */
  readonly unit: AxisScale;
}

const finiteMax = (values: readonly number[], floor: number): number => Math.max(floor, ...values.filter((v) => Number.isFinite(v)));

/** The axes of the summary charts of `report`. */
export function summaryAxes(report: BenchReport): SummaryAxes {
  const werBars = linearAxis(finiteMax(report.summaries.flatMap((s) => [s.wer, s.werCi.upper]), 0.01));
  const groups = new Map<string, BenchReport['summaries'][number][]>();
  for (const s of report.summaries) {
    if (s.swept.length === 0) continue;
    const key = `${s.engine} [${s.dataset}]`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const sweeps: Record<string, { wer: AxisScale; rtfx: AxisScale }> = {};
  for (const [key, group] of groups) {
    // 5 % headroom above the highest point so markers do not sit on the frame; nice() rounds the end.
    sweeps[key] = {
      wer: linearAxis(finiteMax(group.map((s) => s.wer), 0) * 1.05),
      rtfx: linearAxis(finiteMax(group.map((s) => s.rtfx), 0) * 1.05),
    };
  }
  return { werBars, sweeps, unit: linearAxis(1) };
}
