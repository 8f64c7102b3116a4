/** Value types of bench reports. */
import type { NormalizerId } from '@cephalon/stt';
import type { EngineParams } from '../engines/types.js';
import type { AlignmentChunk } from '../metrics/levenshtein.js';
import type { MetricCell, MetricColumn } from '../metrics/columns.js';
import type { ConfidenceInterval } from '../stats/bootstrap.js';
import type { LanguageModelInfo } from '../lm/lm-spec.js';
import type { PerplexityFigures } from '../lm/perplexity.js';

/** Perplexity of one configuration × dataset under one LM: hypotheses and references of the same utterances. */
export interface SummaryPerplexity {
  /** Name of the LM (see {@link BenchReport.languageModels}, same order). */
  readonly lm: string;
  /** Pooled over the utterances without engine errors. */
  readonly hypothesis: PerplexityFigures;
  readonly reference: PerplexityFigures;
  /** hypothesis.perTokenPerplexity / reference.perTokenPerplexity (same model, same tokenizer); null if undefined. */
  readonly hypothesisToReference: number | null;
}

/** Per-utterance perplexities under one LM (null for utterances the engine failed on, or without a scored token). */
export interface UtterancePerplexity {
  readonly lm: string;
  readonly hypothesisPerToken: number | null;
  readonly referencePerToken: number | null;
  readonly hypothesisPerWord: number | null;
  readonly referencePerWord: number | null;
}

/** Latency percentiles of per-utterance wall times, in seconds. */
export interface LatencyPercentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** One scored utterance of one configuration. */
export interface UtteranceScore {
  readonly configId: string;
  readonly configLabel: string;
  readonly engine: string;
  readonly dataset: string;
  readonly utteranceId: string;
  readonly reference: string;
  readonly hypothesis: string;
  readonly audioSec: number;
  readonly wallSec: number;
  readonly tokens: number | null;
  readonly meanConfidence: number | null;
  readonly peakMemoryBytes: number | null;
  readonly error: string | null;
  readonly metrics: Record<MetricColumn, MetricCell>;
  /** Word alignment of the normalised texts (for the worst-utterance view). */
  readonly refWords: readonly string[];
  readonly hypWords: readonly string[];
  readonly chunks: readonly AlignmentChunk[];
  /** Utterance tags (synthetic augmentations: `aug_noise`, `aug_speed`, `aug_reverb`, ...). */
  readonly tags: Readonly<Record<string, string | number | boolean>>;
  /** Per-token text and confidence, when the engine exposes them. */
  readonly tokenTexts: readonly string[] | null;
  readonly confidences: readonly number[] | null;
  /** Wall seconds of every timing trial (one when the run had a single trial). */
  readonly wallSecTrials: readonly number[];
  readonly timeToFirstTokenSec: number | null;
  readonly decoderSteps: number | null;
  /** One entry per LM of the report (when LMs were given). */
  readonly perplexity?: readonly UtterancePerplexity[];
}

/** One configuration on one dataset. */
export interface ConfigSummary {
  readonly configId: string;
  readonly label: string;
  readonly engine: string;
  readonly engineKind: string;
  readonly params: EngineParams;
  readonly swept: readonly string[];
  readonly dataset: string;
  readonly normalizer: NormalizerId;
  readonly utterances: number;
  readonly errors: number;
  /** Pooled corpus WER (total errors / total reference words). */
  readonly wer: number;
  /** Percentile bootstrap interval of the pooled WER (resampling utterances). */
  readonly werCi: ConfidenceInterval;
  readonly cer: number;
  readonly mer: number;
  readonly wil: number;
  readonly rawWer: number;
  readonly sentenceErrorRate: number;
  readonly substitutions: number;
  readonly deletions: number;
  readonly insertions: number;
  readonly referenceWords: number;
  /** Σ audio seconds. */
  readonly audioSec: number;
  /** Σ wall seconds of the timed transcriptions. */
  readonly wallSec: number;
  /** Pooled inverse real-time factor Σaudio / Σwall (higher is faster). */
  readonly rtfx: number;
  readonly latencySec: LatencyPercentiles;
  /** Σ tokens / Σ wall seconds, when the engine reports tokens. */
  readonly tokensPerSec: number | null;
  /** Highest peak memory seen, in bytes. */
  readonly peakMemoryBytes: number | null;
  readonly meanConfidence: number | null;
  readonly threads: number | null;
  readonly device: string | null;
  /** Median engine load time (model files, sessions) in seconds, when the results file recorded it. */
  readonly engineLoadSec: number | null;
  /** Model id and weight precision the engine loaded (from the results file's engine-load lines). */
  readonly modelId: string | null;
  readonly modelDtype: string | null;
  /** Median time to first token over utterances, when recorded. */
  readonly timeToFirstTokenP50: number | null;
  /** Mean decoder steps per utterance, when recorded. */
  readonly decoderStepsMean: number | null;
  /** One entry per LM of the report (when LMs were given). */
  readonly perplexity?: readonly SummaryPerplexity[];
}

/** Paired bootstrap of two configurations on the same dataset (common utterances only). */
export interface PairedComparison {
  readonly dataset: string;
  readonly a: string;
  readonly b: string;
  readonly utterances: number;
  readonly werA: number;
  readonly werB: number;
  /** WER(A) - WER(B) interval (negative: A better). */
  readonly difference: ConfidenceInterval;
  readonly probabilityABetter: number;
}

/** Everything a report shows. */
export interface BenchReport {
  readonly generatedAt: string;
  readonly normalizer: NormalizerId;
  readonly summaries: readonly ConfigSummary[];
  readonly utterances: readonly UtteranceScore[];
  readonly comparisons: readonly PairedComparison[];
  /** The LMs the perplexity columns come from (name, kind, tokenizer, window, boundary policy, text scored). */
  readonly languageModels?: readonly LanguageModelInfo[];
}
