/**
 * `compare(hypothesis, reference)`: every transcript metric of one pair as one typed record.
 */
import { getNormalizer, InvalidOptionError, type NormalizerId, type SpellingMap, type TextNormalizer } from '@cephalon/stt';
import { renderAlignment } from './alignment-view.js';
import { alignChunks, editCounts } from './hirschberg.js';
import type { AlignmentChunk } from './levenshtein.js';
import { charMeasures, totalsOf, wordMeasures, type CharMeasures, type WordMeasures } from './measures.js';
import { repetitionStats, type RepetitionStats } from './repetition.js';
import { similarityRatio } from './similarity.js';
import { charTokens, codePointLength, toIds, wordTokens } from './tokenize.js';

/** Default normaliser: lower-case, punctuation removed, spaces collapsed (bench requirements 1.2). */
export const DEFAULT_NORMALIZER = 'lower-punct';

/** Options of {@link compare} and `compareCorpus`. */
export interface CompareOptions {
  /** Normaliser name (`whisper-english`, `whisper-basic`, `lower-punct`, `none`, ...) or instance. Default `lower-punct`. */
  readonly normalizer?: string | TextNormalizer;
  /** Spelling map file for `whisper-english` (the model folder's `normalizer.json` or Whisper's `english.json`). */
  readonly spellingsPath?: string;
  /** Already-loaded spelling map for `whisper-english`. */
  readonly spellings?: SpellingMap;
  /** Also return the word alignment chunks and the REF/HYP/S-D-I view. Default false. */
  readonly alignment?: boolean;
}

/** Word alignment of one pair (normalised words). */
export interface WordAlignment {
  readonly referenceWords: readonly string[];
  readonly hypothesisWords: readonly string[];
  readonly chunks: readonly AlignmentChunk[];
  /** jiwer-style view: `REF:`/`HYP:` lines and S/D/I markers. */
  readonly view: string;
}

/** All metrics of one hypothesis against one reference. Word and char measures are after normalisation. */
export interface ComparisonRecord {
  /** Which normaliser produced the normalised texts. */
  readonly normalizer: NormalizerId;
  readonly hypothesis: string;
  readonly reference: string;
  readonly normalizedHypothesis: string;
  readonly normalizedReference: string;
  /** WER, MER, WIL, WIP and hits/S/D/I over normalised words (jiwer 4.0 tokenisation and formulas). */
  readonly words: WordMeasures;
  /** CER and character hits/S/D/I over the normalised strings (spaces count, as jiwer). */
  readonly chars: CharMeasures;
  /** The same measures without normalisation (case and punctuation errors count). */
  readonly raw: { readonly words: WordMeasures; readonly chars: CharMeasures };
  /** True when the normalised words differ at all (sentence error). */
  readonly sentenceError: boolean;
  /** True when the normalised reference has no words (a silent clip); its errors are all insertions. */
  readonly silentReference: boolean;
  /** Levenshtein distance of the normalised word sequences (S + D + I). */
  readonly wordEditDistance: number;
  /** Levenshtein distance of the raw strings, in code points. */
  readonly charEditDistance: number;
  /** Character distance of the lower-cased raw strings / max(reference code points, 1). */
  readonly normalizedEditDistance: number;
  /** 1 - difflib `SequenceMatcher.ratio()` of the lower-cased raw strings. */
  readonly similarityError: number;
  /** Distinct normalised words present in both / distinct reference words; null without reference words. */
  readonly wordOverlap: number | null;
  /** Repetition diagnostics of the normalised words of each side. */
  readonly repetition: { readonly hypothesis: RepetitionStats; readonly reference: RepetitionStats };
  /** Present when `options.alignment` is true. */
  readonly alignment?: WordAlignment;
}

/** Resolves the normaliser of the options once (loads the spelling file for `whisper-english`). */
export function resolveNormalizer(options: CompareOptions = {}): TextNormalizer {
  const n = options.normalizer ?? DEFAULT_NORMALIZER;
  if (typeof n !== 'string') return n;
  return getNormalizer(n, {
    ...(options.spellings === undefined ? {} : { spellings: options.spellings }),
    ...(options.spellingsPath === undefined ? {} : { spellingsPath: options.spellingsPath }),
  });
}

function measureWords(ref: readonly string[], hyp: readonly string[]): WordMeasures {
  const [r, h] = toIds(ref, hyp);
  return wordMeasures(totalsOf(editCounts(r, h)));
}

function measureChars(ref: string, hyp: string): CharMeasures {
  const [r, h] = toIds(charTokens(ref), charTokens(hyp));
  return charMeasures(totalsOf(editCounts(r, h)));
}

function charDistance(ref: string, hyp: string): number {
  const [r, h] = toIds(Array.from(ref), Array.from(hyp));
  const c = editCounts(r, h);
  return c.substitutions + c.deletions + c.insertions;
}

function overlap(ref: readonly string[], hyp: readonly string[]): number | null {
  const refSet = new Set(ref);
  if (refSet.size === 0) return null;
  const hypSet = new Set(hyp);
  let shared = 0;
  for (const w of refSet) if (hypSet.has(w)) shared += 1;
  return shared / refSet.size;
}

function wordAlignment(ref: readonly string[], hyp: readonly string[]): WordAlignment {
  const [r, h] = toIds(ref, hyp);
  const chunks = alignChunks(r, h);
  const view = renderAlignment([{ reference: ref, hypothesis: hyp, chunks }], { skipCorrect: false });
  return { referenceWords: ref, hypothesisWords: hyp, chunks, view: view.replace(/^=== SENTENCE 1 ===\n\n/, '') };
}

function assertText(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new InvalidOptionError('invalid_transcript', `The ${what} must be a string, got ${typeof value}`, {
      hint: 'Pass transcripts as plain strings (an empty string for silence).',
    });
  }
}

/** {@link compare} with an already-resolved normaliser (what batch runs use). */
export function compareWith(hypothesis: string, reference: string, normalizer: TextNormalizer, alignment = false): ComparisonRecord {
  assertText(hypothesis, 'hypothesis');
  assertText(reference, 'reference');
  const normalizedHypothesis = normalizer.normalize(hypothesis);
  const normalizedReference = normalizer.normalize(reference);
  const refWords = wordTokens(normalizedReference);
  const hypWords = wordTokens(normalizedHypothesis);
  const words = measureWords(refWords, hypWords);
  const lowerRef = reference.toLowerCase();
  const lowerHyp = hypothesis.toLowerCase();
  const wordEditDistance = words.substitutions + words.deletions + words.insertions;
  return {
    normalizer: { name: normalizer.name, version: normalizer.version },
    hypothesis,
    reference,
    normalizedHypothesis,
    normalizedReference,
    words,
    chars: measureChars(normalizedReference, normalizedHypothesis),
    raw: { words: measureWords(wordTokens(reference), wordTokens(hypothesis)), chars: measureChars(reference, hypothesis) },
    sentenceError: wordEditDistance > 0,
    silentReference: refWords.length === 0,
    wordEditDistance,
    charEditDistance: charDistance(reference, hypothesis),
    normalizedEditDistance: charDistance(lowerRef, lowerHyp) / Math.max(codePointLength(lowerRef), 1),
    similarityError: 1 - similarityRatio(lowerRef, lowerHyp),
    wordOverlap: overlap(refWords, hypWords),
    repetition: { hypothesis: repetitionStats(hypWords), reference: repetitionStats(refWords) },
    ...(alignment ? { alignment: wordAlignment(refWords, hypWords) } : {}),
  };
}

/**
 * Compares a computed transcript with its reference: WER, MER, WIL, WIP, CER, hits/S/D/I, sentence error,
 * edit distances, similarity, word overlap; normalised and raw.
 *
 * **ARGUMENT ORDER: HYPOTHESIS FIRST, REFERENCE SECOND — the opposite of jiwer's `wer(reference, hypothesis)`.**
 * Kept on purpose (swapping two string parameters would silently change every caller's numbers); for jiwer's
 * order use `wer(reference, hypothesis)` / `processWords(reference, hypothesis)` from the same package.
 * @example
 * const r = compare('the cat sat', 'The cat sat down.');
 * r.words.wer; // 0.25 (1 deletion / 4 words), r.normalizer.name === 'lower-punct'
 */
export function compare(hypothesis: string, reference: string, options: CompareOptions = {}): ComparisonRecord {
  return compareWith(hypothesis, reference, resolveNormalizer(options), options.alignment === true);
}
