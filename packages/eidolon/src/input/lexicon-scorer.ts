/**
 * The default scorer: AFINN valence from the MIT-licensed `sentiment` package plus simple lexical cues
 * (second/first person, "we", questions, imperatives, connectives, moral words, long-word novelty,
 * vowel-less nonsense) mapped onto the eight circuit axes. Pure and deterministic.
 * The mapping (gains below) is documented in docs/eidolon-loop.md.
 */
import Sentiment from 'sentiment';
import { AXIS_COUNT, clampAffect, clampUnit } from './axes.js';
import {
  CONNECTIVES, FIRST_PERSON, FIRST_PLURAL, IMPERATIVE_VERBS, MORAL_CONFIRM, MORAL_VIOLATION, NEGATIONS, QUESTION_OPENERS, SECOND_PERSON,
} from './lexicon-cues.js';
import type { AffectScore, Scorer } from './scorer.js';

/** AFINN sum at which valence reaches tanh(1) = 0.76 of its limit. */
export const VALENCE_SCALE = 4;
/** A word this long or longer counts as rare/novel. */
export const NOVEL_WORD_LENGTH = 7;

/** Lexical features of one text (fractions are per token). */
export interface LexicalCues {
  readonly tokens: number;
  /** tanh(AFINN score / VALENCE_SCALE), in (-1, 1). */
  readonly valence: number;
  readonly afinnHits: number;
  readonly addressed: boolean;
  readonly negatedAddress: boolean;
  readonly firstPersonRate: number;
  readonly pluralRate: number;
  readonly question: boolean;
  readonly imperative: boolean;
  readonly exclaim: boolean;
  readonly connectives: number;
  readonly moralConfirm: number;
  readonly moralViolation: number;
  readonly novelty: number;
  readonly nonsense: number;
  readonly cueHits: number;
}

const analyzer = new Sentiment();
const WORD = /[a-z']+/g;
const VOWEL = /[aeiouy]/;

function count(words: readonly string[], set: ReadonlySet<string>): number {
  let n = 0;
  for (const w of words) if (set.has(w)) n++;
  return n;
}

/** Extracts the cues of `text` (exported for tests and the docs table). */
export function lexicalCues(text: string): LexicalCues {
  const lower = text.toLowerCase();
  const words = lower.match(WORD) ?? [];
  const n = words.length;
  const per = (k: number): number => (n === 0 ? 0 : k / n);
  const result = analyzer.analyze(text);
  const second = count(words, SECOND_PERSON);
  const negations = count(words, NEGATIONS);
  const first = words[0] ?? '';
  const connectives = count(words, CONNECTIVES);
  const moralConfirm = count(words, MORAL_CONFIRM);
  const moralViolation = count(words, MORAL_VIOLATION);
  const firstPerson = count(words, FIRST_PERSON);
  const plural = count(words, FIRST_PLURAL);
  const question = lower.includes('?') || QUESTION_OPENERS.has(first);
  const imperative = IMPERATIVE_VERBS.has(first) && !lower.includes('?');
  const nonsense = words.filter((w) => !VOWEL.test(w)).length;
  return {
    tokens: n,
    valence: Math.tanh(result.score / VALENCE_SCALE),
    afinnHits: result.positive.length + result.negative.length,
    addressed: second > 0,
    negatedAddress: second > 0 && negations > 0,
    firstPersonRate: per(firstPerson),
    pluralRate: per(plural),
    question,
    imperative,
    exclaim: lower.includes('!'),
    connectives,
    moralConfirm,
    moralViolation,
    novelty: per(words.filter((w) => w.length >= NOVEL_WORD_LENGTH).length),
    nonsense: per(nonsense),
    cueHits: nonsense + second + firstPerson + plural + connectives + moralConfirm + moralViolation + (question ? 1 : 0) + (imperative ? 1 : 0),
  };
}

/** Maps cues to the eight axes (AXES order); each line is one row of the docs table. */
export function cuesToAffect(c: LexicalCues): Float64Array {
  const b = (x: boolean): number => (x ? 1 : 0);
  const raw = [
    c.valence * (c.addressed ? 1 : 0.6), // safety: praise/threat, stronger when addressed to "you"
    0.8 * c.valence * b(c.addressed) + 0.2 * c.valence - 0.3 * b(c.negatedAddress) - 0.3 * b(c.imperative), // status
    0.4 * Math.min(1, c.connectives / 2) + 0.3 * b(c.question) + 0.2 * c.novelty - c.nonsense, // coherence
    0.5 * Math.min(1, c.moralConfirm) - 0.7 * Math.min(1, c.moralViolation) + 0.3 * Math.min(1, 4 * c.pluralRate), // moral
    -0.6 * Math.abs(c.valence) - 0.3 * b(c.exclaim), // body: intensity makes motion jagged
    0.5 * b(c.question) + 0.5 * c.novelty, // plasticity: questions and novelty invite change
    2 * c.firstPersonRate, // identity
    2 * c.pluralRate, // coupling
  ];
  const out = new Float64Array(AXIS_COUNT);
  raw.forEach((x, k) => (out[k] = clampAffect(x)));
  return out;
}

/** Confidence: the share of tokens that carried any cue, doubled and clamped; 0 for empty text. */
export function cueConfidence(c: LexicalCues): number {
  return c.tokens === 0 ? 0 : clampUnit((2 * (c.afinnHits + c.cueHits)) / c.tokens);
}

/** Scores synchronously (the lexicon scorer is pure). */
export function scoreLexicon(text: string): AffectScore {
  const c = lexicalCues(text);
  return { affect: cuesToAffect(c), confidence: cueConfidence(c), source: 'lexicon' };
}

/**
 * The default scorer.
 * @example const s = await createLexiconScorer().score('You are useless'); // s.affect[0] < 0
 */
export function createLexiconScorer(): Scorer {
  return { name: 'lexicon', score: (text) => Promise.resolve(scoreLexicon(text)) };
}
