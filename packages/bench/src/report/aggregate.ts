/**
 * Scores raw results at report time (normalisation happens here, not in the runner) and pools them per
 * configuration × dataset: corpus WER with a bootstrap CI, speed (pooled RTFx, latency percentiles, tokens/s),
 * memory, and the paired bootstrap between configurations.
 */
import type { TextNormalizer } from '@cephalon/stt';
import { compareWith, resolveNormalizer, type CompareOptions } from '../metrics/compare.js';
import { metricColumns } from '../metrics/columns.js';
import { poolRecords, type UtteranceRecord } from '../metrics/corpus.js';
import { bootstrapInterval, pairedBootstrap, quantile } from '../stats/bootstrap.js';
import type { EngineLoadRecord } from '../runner/results-file.js';
import type { ResultRecord } from '../runner/types.js';
import type { BenchReport, ConfigSummary, LatencyPercentiles, PairedComparison, UtteranceScore } from './types.js';

/** Options of {@link buildReport}. */
export interface ReportOptions extends CompareOptions {
  /** Bootstrap resamples. Default 1000. */
  readonly iterations?: number;
  /** Bootstrap seed. Default 0. */
  readonly seed?: number;
  /** Engine load times from the results file; each summary gets its engine's median. */
  readonly engineLoads?: readonly EngineLoadRecord[];
  /** Compare every pair when there are at most this many configurations per dataset; else each against the best. Default 8. */
  readonly allPairsUpTo?: number;
}

const DEFAULT_ALL_PAIRS = 8;

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Percentiles of wall times (linear interpolation). */
export function latencyPercentiles(wallSec: readonly number[]): LatencyPercentiles {
  const sorted = Float64Array.from(wallSec).sort();
  if (sorted.length === 0) return { p50: Number.NaN, p90: Number.NaN, p99: Number.NaN };
  return { p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99) };
}

/** Median load time of `engine` in seconds, or null when none was recorded. */
function medianLoad(loads: readonly EngineLoadRecord[], engine: string): number | null {
  const times = Float64Array.from(loads.filter((l) => l.engine === engine).map((l) => l.loadSec)).sort();
  return times.length === 0 ? null : quantile(times, 0.5);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The model id and dtype of the engine's last load that recorded them. */
function modelOf(loads: readonly EngineLoadRecord[], engine: string): { modelId: string | null; modelDtype: string | null } {
  const m = loads.filter((l) => l.engine === engine && l.model !== undefined).at(-1)?.model;
  return { modelId: m?.id ?? null, modelDtype: m?.dtype ?? null };
}

function score(r: ResultRecord, normalizer: TextNormalizer): { score: UtteranceScore; record: UtteranceRecord } {
  const c = compareWith(r.hypothesis, r.reference, normalizer, true);
  const a = c.alignment;
  const score: UtteranceScore = {
    configId: r.configId, configLabel: r.configLabel, engine: r.engine, dataset: r.dataset, utteranceId: r.utteranceId,
    reference: r.reference, hypothesis: r.hypothesis, audioSec: r.audioSec, wallSec: r.wallSec,
    tokens: r.tokens ?? null, meanConfidence: mean(r.confidences ?? []), peakMemoryBytes: r.peakMemoryBytes ?? null,
    error: r.error === undefined ? null : `${r.error.code}: ${r.error.message}`,
    metrics: metricColumns(c), refWords: a?.referenceWords ?? [], hypWords: a?.hypothesisWords ?? [], chunks: a?.chunks ?? [],
    tags: r.tags ?? {}, tokenTexts: r.tokenTexts ?? null, confidences: r.confidences ?? null,
    wallSecTrials: r.error === undefined ? (r.wallSecTrials ?? [r.wallSec]) : [],
    timeToFirstTokenSec: r.timeToFirstTokenSec ?? null, decoderSteps: r.decoderSteps ?? null,
  };
  return { score, record: { id: r.utteranceId, ...c } };
}

function summarize(group: readonly ResultRecord[], scored: readonly { score: UtteranceScore; record: UtteranceRecord }[], options: ReportOptions, normalizer: TextNormalizer): ConfigSummary {
  const first = group[0] as ResultRecord;
  const ok = group.filter((r) => r.error === undefined);
  const corpus = poolRecords({ name: normalizer.name, version: normalizer.version }, scored.map((s) => s.record));
  const audioSec = ok.reduce((n, r) => n + r.audioSec, 0);
  const wallSec = ok.reduce((n, r) => n + r.wallSec, 0);
  const withTokens = ok.filter((r) => r.tokens !== undefined);
  const mem = ok.flatMap((r) => (r.peakMemoryBytes === undefined ? [] : [r.peakMemoryBytes]));
  const confs = scored.flatMap((s) => (s.score.meanConfidence === null ? [] : [s.score.meanConfidence]));
  return {
    configId: first.configId, label: first.configLabel, engine: first.engine, engineKind: first.engineKind, params: first.params,
    swept: first.swept, dataset: first.dataset, normalizer: corpus.normalizer, utterances: group.length, errors: group.length - ok.length,
    wer: corpus.words.wer,
    werCi: bootstrapInterval(scored.map((s) => s.record.words), { iterations: options.iterations ?? 1000, seed: options.seed ?? 0 }),
    cer: corpus.chars.cer, mer: corpus.words.mer, wil: corpus.words.wil, rawWer: corpus.raw.words.wer,
    sentenceErrorRate: corpus.sentenceErrorRate, substitutions: corpus.words.substitutions, deletions: corpus.words.deletions,
    insertions: corpus.words.insertions, referenceWords: corpus.words.referenceLength,
    audioSec, wallSec, rtfx: wallSec > 0 ? audioSec / wallSec : Number.NaN, latencySec: latencyPercentiles(ok.map((r) => r.wallSec)),
    tokensPerSec: withTokens.length === 0 ? null : withTokens.reduce((n, r) => n + (r.tokens ?? 0), 0) / Math.max(withTokens.reduce((n, r) => n + r.wallSec, 0), Number.MIN_VALUE),
    peakMemoryBytes: mem.length === 0 ? null : Math.max(...mem), meanConfidence: mean(confs),
    threads: first.threads ?? null, device: first.device ?? null,
    engineLoadSec: medianLoad(options.engineLoads ?? [], first.engine),
    ...modelOf(options.engineLoads ?? [], first.engine),
    timeToFirstTokenP50: median(ok.flatMap((r) => (r.timeToFirstTokenSec === undefined ? [] : [r.timeToFirstTokenSec]))),
    decoderStepsMean: mean(ok.flatMap((r) => (r.decoderSteps === undefined ? [] : [r.decoderSteps]))),
  };
}

function pairs(summaries: readonly ConfigSummary[], allPairsUpTo: number): [ConfigSummary, ConfigSummary][] {
  const out: [ConfigSummary, ConfigSummary][] = [];
  if (summaries.length <= allPairsUpTo) {
    summaries.forEach((a, i) => summaries.slice(i + 1).forEach((b) => out.push([a, b])));
    return out;
  }
  const best = [...summaries].sort((x, y) => x.wer - y.wer)[0] as ConfigSummary;
  for (const s of summaries) if (s !== best) out.push([best, s]);
  return out;
}

function comparePair(a: ConfigSummary, b: ConfigSummary, byKey: ReadonlyMap<string, UtteranceRecord>, options: ReportOptions): PairedComparison | undefined {
  const ids = [...byKey.keys()].filter((k) => k.startsWith(`${a.configId}|${a.dataset}|`)).map((k) => k.slice(`${a.configId}|${a.dataset}|`.length));
  const common = ids.filter((id) => byKey.has(`${b.configId}|${b.dataset}|${id}`)).sort();
  if (common.length === 0) return undefined;
  const pick = (s: ConfigSummary): UtteranceRecord['words'][] => common.map((id) => (byKey.get(`${s.configId}|${s.dataset}|${id}`) as UtteranceRecord).words);
  const p = pairedBootstrap(pick(a), pick(b), { iterations: options.iterations ?? 1000, seed: options.seed ?? 0 });
  return { dataset: a.dataset, a: a.label, b: b.label, utterances: common.length, werA: p.a, werB: p.b, difference: p.difference, probabilityABetter: p.probabilityABetter };
}

/**
 * Scores results and builds the report data (summaries sorted by dataset, then WER).
 * @example const report = buildReport(readResults('r.jsonl').results, { normalizer: 'whisper-basic' });
 */
export function buildReport(results: readonly ResultRecord[], options: ReportOptions = {}): BenchReport {
  const normalizer = resolveNormalizer(options);
  const groups = new Map<string, ResultRecord[]>();
  for (const r of results) groups.set(`${r.configId}|${r.dataset}`, [...(groups.get(`${r.configId}|${r.dataset}`) ?? []), r]);
  const utterances: UtteranceScore[] = [];
  const byKey = new Map<string, UtteranceRecord>();
  const summaries: ConfigSummary[] = [];
  for (const group of groups.values()) {
    group.sort((x, y) => x.utteranceId.localeCompare(y.utteranceId));
    const scored = group.map((r) => score(r, normalizer));
    scored.forEach((s, i) => byKey.set((group[i] as ResultRecord).key, s.record));
    utterances.push(...scored.map((s) => s.score));
    summaries.push(summarize(group, scored, options, normalizer));
  }
  summaries.sort((x, y) => x.dataset.localeCompare(y.dataset) || x.wer - y.wer || x.label.localeCompare(y.label));
  const comparisons: PairedComparison[] = [];
  for (const ds of new Set(summaries.map((s) => s.dataset))) {
    for (const [a, b] of pairs(summaries.filter((s) => s.dataset === ds), options.allPairsUpTo ?? DEFAULT_ALL_PAIRS)) {
      const c = comparePair(a, b, byKey, options);
      if (c !== undefined) comparisons.push(c);
    }
  }
  return { generatedAt: new Date().toISOString(), normalizer: { name: normalizer.name, version: normalizer.version }, summaries, utterances, comparisons };
}
