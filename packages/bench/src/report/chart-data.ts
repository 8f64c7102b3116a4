/**
 * Build-time data of the report's distribution charts. Axis domains and tick values come from d3-scale (`nice()`
 * domains, `ticks()` at round values, `tickFormat()` labels; log axes label only the ticks d3 chooses to label), so
 * the browser script only maps numbers to pixels. Rows are one per configuration (or per confusion pair): each row
 * label has its own line, so labels cannot collide.
 */
import { quantileSorted } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import type { AlignmentChunk } from '../metrics/levenshtein.js';
import type { BenchReport, UtteranceScore } from './types.js';

/** One axis: the nice domain, the tick values and their labels ('' = tick without label). */
export interface AxisScale {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly labels: readonly string[];
}

export interface Axis {
  readonly title: string;
  readonly linear: AxisScale;
  /** Present when every value is positive or a log view makes sense (outliers). */
  readonly log?: AxisScale;
}

/** A row of dots (one per item) with its quartile box. */
export interface StripRow {
  readonly label: string;
  readonly values: readonly number[];
  /** Hover text per value. */
  readonly hover: readonly string[];
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

export interface StripChart {
  readonly kind: 'strip';
  readonly id: string;
  readonly axis: Axis;
  readonly rows: readonly StripRow[];
}

/** Horizontal bars, optionally several series per row (grouped) or stacked. */
export interface BarChart {
  readonly kind: 'bars';
  readonly id: string;
  readonly axis: Axis;
  readonly stacked: boolean;
  readonly series: readonly string[];
  readonly rows: readonly { readonly label: string; readonly values: readonly (number | null)[]; readonly hover: readonly string[] }[];
}

export type DistributionChart = StripChart | BarChart;

export function linearAxis(max: number, min = 0, integer = false): AxisScale {
  const s = scaleLinear().domain([min, max > min ? max : min + 1]).nice(5);
  // Counts get whole-number ticks only.
  const ticks = s.ticks(5).filter((t) => !integer || Number.isInteger(t));
  const f = s.tickFormat(5);
  return { domain: s.domain() as [number, number], ticks, labels: ticks.map((t) => f(t)) };
}

function logAxis(values: readonly number[]): AxisScale | undefined {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return undefined;
  let lo = Math.min(...pos);
  let hi = Math.max(...pos);
  if (hi / lo < 10) {
    lo /= 2;
    hi *= 2;
  }
  const s = scaleLog().domain([lo, hi]).nice();
  const ticks = s.ticks();
  const f = s.tickFormat(6, '~g');
  return { domain: s.domain() as [number, number], ticks, labels: ticks.map((t) => f(t)) };
}

function axis(title: string, values: readonly number[], withLog: boolean): Axis {
  const finite = values.filter((v) => Number.isFinite(v));
  const log = withLog ? logAxis(finite) : undefined;
  return { title, linear: linearAxis(finite.length === 0 ? 1 : Math.max(...finite)), ...(log === undefined ? {} : { log }) };
}

function strip(label: string, items: readonly { v: number; hover: string }[]): StripRow {
  const sorted = items.map((x) => x.v).sort((a, b) => a - b);
  return {
    label,
    values: items.map((x) => x.v),
    hover: items.map((x) => x.hover),
    q1: quantileSorted(sorted, 0.25) ?? Number.NaN,
    median: quantileSorted(sorted, 0.5) ?? Number.NaN,
    q3: quantileSorted(sorted, 0.75) ?? Number.NaN,
  };
}

const rowLabel = (r: BenchReport, u: { configLabel: string; dataset: string }): string =>
  new Set(r.summaries.map((s) => s.dataset)).size > 1 ? `${u.configLabel} [${u.dataset}]` : u.configLabel;

function byConfig(report: BenchReport): Map<string, UtteranceScore[]> {
  const m = new Map<string, UtteranceScore[]>();
  for (const u of report.utterances) {
    if (u.error !== null) continue;
    const k = rowLabel(report, u);
    m.set(k, [...(m.get(k) ?? []), u]);
  }
  return m;
}

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '-');

/** Per-utterance WER, one row per configuration. */
export function werDistribution(report: BenchReport): StripChart {
  const rows = [...byConfig(report)].map(([label, us]) =>
    strip(label, us.filter((u) => Number(u.metrics.reference_words) > 0).map((u) => ({ v: Number(u.metrics.wer), hover: `${u.utteranceId}: WER ${f3(Number(u.metrics.wer))} (${Number(u.metrics.word_edit_distance)} errors / ${Number(u.metrics.reference_words)} words)` }))),
  );
  return { kind: 'strip', id: 'wer-distribution', axis: axis('per-utterance WER', rows.flatMap((r) => r.values), true), rows };
}

/** Latency: every timing trial of every utterance, one row per configuration; and time to first token. */
export function latencyCharts(report: BenchReport): StripChart[] {
  const groups = [...byConfig(report)];
  const trials = groups.map(([label, us]) => strip(label, us.flatMap((u) => u.wallSecTrials.map((t, k) => ({ v: t, hover: `${u.utteranceId} trial ${k + 1}: ${f3(t)} s (${f3(u.audioSec)} s audio)` })))));
  const out: StripChart[] = [{ kind: 'strip', id: 'latency', axis: axis('wall seconds per utterance (every timing trial)', trials.flatMap((r) => r.values), true), rows: trials }];
  const ttft = groups
    .map(([label, us]) => strip(label, us.flatMap((u) => (u.timeToFirstTokenSec === null ? [] : [{ v: u.timeToFirstTokenSec, hover: `${u.utteranceId}: first token after ${f3(u.timeToFirstTokenSec)} s${u.decoderSteps === null ? '' : `, ${u.decoderSteps} decoder steps`}` }]))))
    .filter((r) => r.values.length > 0);
  if (ttft.length > 0) out.push({ kind: 'strip', id: 'ttft', axis: axis('time to first token, seconds', ttft.flatMap((r) => r.values), true), rows: ttft });
  return out;
}

/** S/D/I counts per configuration, stacked. */
export function sdiBars(report: BenchReport): BarChart {
  const multi = new Set(report.summaries.map((s) => s.dataset)).size > 1;
  const rows = report.summaries.map((s) => ({
    label: multi ? `${s.label} [${s.dataset}]` : s.label,
    values: [s.substitutions, s.deletions, s.insertions],
    hover: [`substitutions ${s.substitutions}`, `deletions ${s.deletions}`, `insertions ${s.insertions}`].map((h) => `${h} of ${s.referenceWords} reference words`),
  }));
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  return { kind: 'bars', id: 'sdi', stacked: true, series: ['substitutions', 'deletions', 'insertions'], axis: { title: 'word errors (count)', linear: linearAxis(max, 0, true) }, rows };
}

/**
 * Conditions of an utterance from the synthetic set's augmentation tags: the augmentation kinds it had (`aug_noise_snr_db`
 * -> `noise`, `aug_speed` -> `speed`, `aug_reverb`, `aug_pitch_cents`; seeds ignored), or `clean` when none. An
 * utterance with noise and pitch counts under both.
 */
export function conditionsOf(tags: Readonly<Record<string, string | number | boolean>>): string[] {
  const kinds = Object.keys(tags)
    .filter((k) => k.startsWith('aug_') && !k.endsWith('_seed'))
    .map((k) => k.slice(4).split('_')[0] ?? k);
  return kinds.length === 0 ? ['clean'] : [...new Set(kinds)].sort();
}

/** The condition values of an utterance, for hover text (`noise_snr_db=15 speed=1.1`). */
export function conditionOf(tags: Readonly<Record<string, string | number | boolean>>): string {
  const parts = Object.entries(tags)
    .filter(([k]) => k.startsWith('aug_') && !k.endsWith('_seed')) // a noise seed is not a condition
    .map(([k, v]) => `${k.slice(4)}=${String(v)}`)
    .sort();
  return parts.length === 0 ? 'clean' : parts.join(' ');
}

/** Pooled WER per configuration and condition (grouped bars; one series per condition). */
export function werByCondition(report: BenchReport): BarChart {
  const groups = byConfig(report);
  const conditions = [...new Set(report.utterances.flatMap((u) => conditionsOf(u.tags)))].sort((a, b) => (a === 'clean' ? -1 : b === 'clean' ? 1 : a < b ? -1 : 1));
  const rows = [...groups].map(([label, us]) => {
    const cells = conditions.map((c) => {
      const g = us.filter((u) => conditionsOf(u.tags).includes(c));
      const words = g.reduce((n, u) => n + Number(u.metrics.reference_words), 0);
      const errors = g.reduce((n, u) => n + Number(u.metrics.word_edit_distance), 0);
      return { wer: words > 0 ? errors / words : null, n: g.length, words, errors };
    });
    return { label, values: cells.map((c) => c.wer), hover: cells.map((c, i) => `${conditions[i] ?? ''}: WER ${c.wer === null ? '-' : f3(c.wer)} (${c.errors} errors / ${c.words} words, ${c.n} utterances)`) };
  });
  const all = rows.flatMap((r) => r.values.filter((v): v is number => v !== null));
  return { kind: 'bars', id: 'wer-condition', stacked: false, series: conditions, axis: axis('pooled WER', all, false), rows };
}

/** Word-by-word substitution pairs of an alignment (a substitution chunk pairs its words in order). */
function substitutions(ref: readonly string[], hyp: readonly string[], chunks: readonly AlignmentChunk[]): [string, string][] {
  const out: [string, string][] = [];
  for (const c of chunks) {
    if (c.type !== 'substitute') continue;
    for (let k = 0; k < c.refEnd - c.refStart; k++) out.push([ref[c.refStart + k] ?? '', hyp[c.hypStart + k] ?? '']);
  }
  return out;
}

/** The most frequent confusion pairs (reference word → hypothesis word) over all configurations. */
export function confusionPairs(report: BenchReport, top = 15): BarChart {
  const count = new Map<string, { n: number; configs: Map<string, number> }>();
  for (const u of report.utterances) {
    for (const [r, h] of substitutions(u.refWords, u.hypWords, u.chunks)) {
      const k = `${r} → ${h}`;
      const e = count.get(k) ?? { n: 0, configs: new Map<string, number>() };
      e.n += 1;
      e.configs.set(u.configLabel, (e.configs.get(u.configLabel) ?? 0) + 1);
      count.set(k, e);
    }
  }
  const rows = [...count].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, top).map(([k, e]) => ({
    label: k,
    values: [e.n],
    hover: [`${k}: ${e.n} time(s); ${[...e.configs].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([c, n]) => `${c} ${n}`).join(', ')}`],
  }));
  return { kind: 'bars', id: 'confusions', stacked: false, series: ['substitutions'], axis: { title: 'times substituted', linear: linearAxis(Math.max(1, ...rows.map((r) => r.values[0] ?? 0)), 0, true) }, rows };
}

/** Every distribution chart of the report, by id. */
export function distributionCharts(report: BenchReport): DistributionChart[] {
  return [werByCondition(report), werDistribution(report), sdiBars(report), confusionPairs(report), ...latencyCharts(report)];
}
