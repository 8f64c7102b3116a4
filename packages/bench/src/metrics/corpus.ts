/**
 * Corpus-level comparison: each utterance aligned separately, counts pooled (total errors / total reference
 * words), as jiwer does for lists of sentences and as the Open ASR Leaderboard reports WER.
 */
import { renderAlignment, type AlignmentViewOptions } from './alignment-view.js';
import { compareWith, resolveNormalizer, type CompareOptions, type ComparisonRecord } from './compare.js';
import { charMeasures, poolTotals, wordMeasures, type CharMeasures, type WordMeasures } from './measures.js';
import { InvalidOptionError, type NormalizerId } from '@cephalon/stt';

/** One utterance to score. */
export interface CorpusPair {
  /** Utterance id (file name, dataset key), carried into the result rows. */
  readonly id?: string;
  readonly hypothesis: string;
  readonly reference: string;
}

/** Options of {@link compareCorpus}. */
export interface CorpusOptions extends CompareOptions {
  /** Called after each utterance: `done` of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A scored utterance: its id and its record. */
export interface UtteranceRecord extends ComparisonRecord {
  readonly id: string;
}

/** Pooled measures of a corpus plus the per-utterance rows. */
export interface CorpusComparison {
  readonly normalizer: NormalizerId;
  readonly utterances: readonly UtteranceRecord[];
  /** Pooled word measures over all utterances (jiwer list semantics). */
  readonly words: WordMeasures;
  /** Pooled character measures. */
  readonly chars: CharMeasures;
  /** Pooled measures without normalisation. */
  readonly raw: { readonly words: WordMeasures; readonly chars: CharMeasures };
  /** Share of utterances with at least one word error. */
  readonly sentenceErrorRate: number;
  /** Pooled word measures over utterances whose normalised reference has words. */
  readonly speech: WordMeasures;
  /** Utterances whose normalised reference is empty, and the words inserted on them (reported apart). */
  readonly silence: { readonly utterances: number; readonly insertions: number };
}

/** Pools already-computed per-utterance records into corpus measures. */
export function poolRecords(normalizer: NormalizerId, utterances: readonly UtteranceRecord[]): CorpusComparison {
  const silent = utterances.filter((u) => u.silentReference);
  const errors = utterances.filter((u) => u.sentenceError).length;
  return {
    normalizer,
    utterances,
    words: wordMeasures(poolTotals(utterances.map((u) => u.words))),
    chars: charMeasures(poolTotals(utterances.map((u) => u.chars))),
    raw: {
      words: wordMeasures(poolTotals(utterances.map((u) => u.raw.words))),
      chars: charMeasures(poolTotals(utterances.map((u) => u.raw.chars))),
    },
    sentenceErrorRate: utterances.length === 0 ? 0 : errors / utterances.length,
    speech: wordMeasures(poolTotals(utterances.filter((u) => !u.silentReference).map((u) => u.words))),
    silence: { utterances: silent.length, insertions: silent.reduce((n, u) => n + u.words.insertions, 0) },
  };
}

/**
 * Scores every pair and pools the counts.
 * @example
 * const c = compareCorpus([{ id: 'a', hypothesis: 'hello', reference: 'hello world' }], { normalizer: 'whisper-basic' });
 * c.words.wer; // 0.5
 */
export function compareCorpus(pairs: readonly CorpusPair[], options: CorpusOptions = {}): CorpusComparison {
  const normalizer = resolveNormalizer(options);
  const utterances: UtteranceRecord[] = [];
  pairs.forEach((pair, i) => {
    const record = compareWith(pair.hypothesis, pair.reference, normalizer, options.alignment === true);
    utterances.push({ id: pair.id ?? String(i + 1), ...record });
    options.onProgress?.(i + 1, pairs.length);
  });
  return poolRecords({ name: normalizer.name, version: normalizer.version }, utterances);
}

/**
 * The jiwer-style view of a corpus (needs `alignment: true` when it was compared): one block per sentence
 * with errors, then the pooled summary.
 */
export function renderCorpusAlignment(corpus: CorpusComparison, options: AlignmentViewOptions = {}): string {
  if (corpus.utterances.some((u) => u.alignment === undefined)) {
    throw new InvalidOptionError('alignment_missing', 'The corpus was compared without alignments', {
      hint: 'Call compareCorpus(pairs, { alignment: true }) before rendering the alignment view.',
    });
  }
  const sentences = corpus.utterances.map((u) => ({
    reference: u.alignment?.referenceWords ?? [],
    hypothesis: u.alignment?.hypothesisWords ?? [],
    chunks: u.alignment?.chunks ?? [],
  }));
  return renderAlignment(sentences, { showMeasures: true, ...options }, corpus.words);
}
