/**
 * CSV output (RFC 4180 quoting): per-utterance rows and per configuration × dataset rows, with the normaliser's
 * name and version in every row. Column order is fixed; new columns are added at the end.
 */
import { METRIC_COLUMNS, type MetricCell } from '../metrics/columns.js';
import type { LanguageModelInfo } from '../lm/lm-spec.js';
import { summaryPerplexityCells, summaryPerplexityHeader, utterancePerplexityCells, utterancePerplexityHeader } from './perplexity-columns.js';
import type { BenchReport, ConfigSummary, UtteranceScore } from './types.js';

/** One CSV cell: empty for null (a missing value, not zero). */
export function csvCell(v: MetricCell | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (header first) as CSV text. */
export function toCsv(header: readonly string[], rows: readonly (readonly MetricCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

const UTTERANCE_HEAD = ['config_id', 'config_label', 'engine', 'dataset', 'utterance_id', 'audio_sec', 'wall_sec', 'tokens', 'mean_confidence', 'peak_memory_bytes', 'error'] as const;
const UTTERANCE_TAIL = ['reference', 'hypothesis'] as const;

/** Per-utterance CSV: identity, timing, every metric column, the raw texts, then the perplexities under `lms`. */
export function utterancesCsv(utterances: readonly UtteranceScore[], lms: readonly LanguageModelInfo[] = []): string {
  const header = [...UTTERANCE_HEAD, ...METRIC_COLUMNS, ...UTTERANCE_TAIL, ...utterancePerplexityHeader(lms)];
  const rows = utterances.map((u) => [
    u.configId, u.configLabel, u.engine, u.dataset, u.utteranceId, u.audioSec, u.wallSec, u.tokens, u.meanConfidence, u.peakMemoryBytes, u.error,
    ...METRIC_COLUMNS.map((c) => u.metrics[c]), u.reference, u.hypothesis, ...utterancePerplexityCells(u, lms),
  ]);
  return toCsv(header, rows);
}

/** Summary column names and how to read each from a summary. */
const SUMMARY_COLUMNS: readonly [string, (s: ConfigSummary) => MetricCell][] = [
  ['config_id', (s) => s.configId], ['config_label', (s) => s.label], ['engine', (s) => s.engine], ['engine_kind', (s) => s.engineKind],
  ['dataset', (s) => s.dataset], ['params', (s) => JSON.stringify(s.params)], ['normalizer', (s) => s.normalizer.name],
  ['normalizer_version', (s) => s.normalizer.version], ['utterances', (s) => s.utterances], ['errors', (s) => s.errors],
  ['wer', (s) => s.wer], ['wer_ci_lower', (s) => s.werCi.lower], ['wer_ci_upper', (s) => s.werCi.upper], ['wer_ci_confidence', (s) => s.werCi.confidence],
  ['cer', (s) => s.cer], ['mer', (s) => s.mer], ['wil', (s) => s.wil], ['raw_wer', (s) => s.rawWer], ['sentence_error_rate', (s) => s.sentenceErrorRate],
  ['substitutions', (s) => s.substitutions], ['deletions', (s) => s.deletions], ['insertions', (s) => s.insertions], ['reference_words', (s) => s.referenceWords],
  ['audio_sec', (s) => s.audioSec], ['wall_sec', (s) => s.wallSec], ['rtfx', (s) => s.rtfx],
  ['latency_p50_sec', (s) => s.latencySec.p50], ['latency_p90_sec', (s) => s.latencySec.p90], ['latency_p99_sec', (s) => s.latencySec.p99],
  ['tokens_per_sec', (s) => s.tokensPerSec], ['peak_memory_bytes', (s) => s.peakMemoryBytes], ['mean_confidence', (s) => s.meanConfidence],
  ['threads', (s) => s.threads], ['device', (s) => s.device], ['engine_load_sec', (s) => s.engineLoadSec],
];

/** Per configuration × dataset CSV; with `lms`, one block of perplexity columns per LM at the end. */
export function summaryCsv(summaries: readonly ConfigSummary[], lms: readonly LanguageModelInfo[] = []): string {
  const header = [...SUMMARY_COLUMNS.map(([name]) => name), ...summaryPerplexityHeader(lms)];
  return toCsv(header, summaries.map((s) => [...SUMMARY_COLUMNS.map(([, get]) => get(s)), ...summaryPerplexityCells(s, lms)]));
}

/** The report as JSON (summaries, comparisons and per-utterance scores with alignments). */
export function reportJson(report: BenchReport): string {
  return JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}
