/**
 * Bootstrap confidence intervals for corpus error rates (resampling utterances with replacement and pooling
 * counts in each resample), and the paired bootstrap of Bisani & Ney (2004) / Koehn (2004): the probability
 * that configuration A has a lower error rate than B on the same utterances.
 */
import { InvalidOptionError } from '@cephalon/stt';
import { wordMeasures, type AlignmentTotals } from '../metrics/measures.js';
import { resampleIndices, seededRandom } from './random.js';

/** Statistic of pooled counts; default: corpus WER. */
export type PooledStatistic = (pooled: AlignmentTotals) => number;

/** Options of the bootstrap functions. */
export interface BootstrapOptions {
  /** Number of resamples. Default 1000. */
  readonly iterations?: number;
  /** Seed of the resampling; same seed, same interval. Default 0. */
  readonly seed?: number;
  /** Two-sided confidence level. Default 0.95. */
  readonly confidence?: number;
  /** What to compute from pooled counts. Default: WER. */
  readonly statistic?: PooledStatistic;
}

/** A percentile bootstrap interval. */
export interface ConfidenceInterval {
  /** The statistic on the full (not resampled) corpus. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly iterations: number;
  readonly seed: number;
}

/** Result of {@link pairedBootstrap}. */
export interface PairedBootstrapResult {
  /** Share of resamples where A's statistic is strictly lower (better) than B's. */
  readonly probabilityABetter: number;
  /** Share of resamples where B's is strictly lower. */
  readonly probabilityBBetter: number;
  /** Interval of A - B (negative: A better). */
  readonly difference: ConfidenceInterval;
  readonly a: number;
  readonly b: number;
}

const DEFAULT_ITERATIONS = 1000;
const DEFAULT_CONFIDENCE = 0.95;
const werOf: PooledStatistic = (t) => wordMeasures(t).wer;

/** Pooled counts of the utterances at `indices`. */
function poolAt(items: readonly AlignmentTotals[], indices: Int32Array): AlignmentTotals {
  let hits = 0;
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  for (const k of indices) {
    const c = items[k];
    if (c === undefined) continue;
    hits += c.hits;
    substitutions += c.substitutions;
    deletions += c.deletions;
    insertions += c.insertions;
  }
  return {
    hits, substitutions, deletions, insertions,
    referenceLength: hits + substitutions + deletions,
    hypothesisLength: hits + substitutions + insertions,
  };
}

/** Quantile with linear interpolation between order statistics (NumPy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

function settings(options: BootstrapOptions, n: number): { iterations: number; seed: number; confidence: number } {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  if (n === 0) throw new InvalidOptionError('bootstrap_empty', 'Cannot bootstrap an empty corpus', { hint: 'Score at least one utterance first.' });
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new InvalidOptionError('bootstrap_iterations', `iterations must be a positive integer, got ${iterations}`, { hint: 'Use 1000 or more.' });
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new InvalidOptionError('bootstrap_confidence', `confidence must be in (0, 1), got ${confidence}`, { hint: 'Use 0.95 for a 95 % interval.' });
  }
  return { iterations, seed: options.seed ?? 0, confidence };
}

function interval(values: Float64Array, estimate: number, s: { iterations: number; seed: number; confidence: number }): ConfidenceInterval {
  const sorted = values.slice().sort();
  const tail = (1 - s.confidence) / 2;
  return { estimate, lower: quantile(sorted, tail), upper: quantile(sorted, 1 - tail), ...s };
}

/**
 * Percentile bootstrap interval of the corpus WER (or `statistic`), resampling utterances.
 * @param utterances per-utterance counts, e.g. `corpus.utterances.map((u) => u.words)`.
 * @example bootstrapInterval(corpus.utterances.map((u) => u.words), { seed: 1 }) // { estimate, lower, upper, ... }
 */
export function bootstrapInterval(utterances: readonly AlignmentTotals[], options: BootstrapOptions = {}): ConfidenceInterval {
  const s = settings(options, utterances.length);
  const statistic = options.statistic ?? werOf;
  const rand = seededRandom(s.seed);
  const idx = new Int32Array(utterances.length);
  const values = new Float64Array(s.iterations);
  for (let it = 0; it < s.iterations; it += 1) values[it] = statistic(poolAt(utterances, resampleIndices(rand, idx)));
  const all = Int32Array.from(utterances.keys());
  return interval(values, statistic(poolAt(utterances, all)), s);
}

/**
 * Paired bootstrap between two configurations scored on the same utterances (same order): each resample
 * draws the same utterances for both.
 * @throws InvalidOptionError when the two lists differ in length.
 */
export function pairedBootstrap(
  a: readonly AlignmentTotals[],
  b: readonly AlignmentTotals[],
  options: BootstrapOptions = {},
): PairedBootstrapResult {
  if (a.length !== b.length) {
    throw new InvalidOptionError('paired_length_mismatch', `Paired bootstrap needs the same utterances: ${a.length} vs ${b.length}`, {
      hint: 'Score both configurations on the same utterance list, in the same order.',
    });
  }
  const s = settings(options, a.length);
  const statistic = options.statistic ?? werOf;
  const rand = seededRandom(s.seed);
  const idx = new Int32Array(a.length);
  const diffs = new Float64Array(s.iterations);
  let aWins = 0;
  let bWins = 0;
  for (let it = 0; it < s.iterations; it += 1) {
    resampleIndices(rand, idx);
    const d = statistic(poolAt(a, idx)) - statistic(poolAt(b, idx));
    diffs[it] = d;
    if (d < 0) aWins += 1;
    else if (d > 0) bWins += 1;
  }
  const all = Int32Array.from(a.keys());
  const sa = statistic(poolAt(a, all));
  const sb = statistic(poolAt(b, all));
  return {
    probabilityABetter: aWins / s.iterations,
    probabilityBBetter: bWins / s.iterations,
    difference: interval(diffs, sa - sb, s),
    a: sa,
    b: sb,
  };
}
