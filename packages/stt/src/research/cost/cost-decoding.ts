/**
 * Cost decoding (research section 3): each beam carries a two-pool ledger (phonemes, pauses) whose budget comes from the
 * window's audio; a candidate's cost is the change of `lambda * C_ledger` it causes, plus optional section 3.2 terms
 * (entropy, repeated n-grams). Plugged into beam search through `WindowHook.beamCost`; greedy decoding ignores it.
 */
import { InvalidOptionError } from '../../core/errors.js';
import type { BeamCandidate, DecodeHooks, DecodingTokenizer, Hypothesis } from '../../decoding/index.js';
import type { AudioBudget } from './budget.js';
import { balance, credit, ledgerCost, openLedger, spend } from './ledger.js';
import type { Ledger } from './ledger.js';
import { wordKey } from './phonemes.js';
import type { Phonemizer } from './phonemes.js';
import { TokenPieces } from './token-text.js';

export interface CostDecodingOptions {
  /** Weight of the ledger cost `C_ledger` (section 3.2 `lambda`); 0 = ledger off. */
  readonly lambda: number;
  /** The phoneme pool counts in the cost. */
  readonly phonemePool: boolean;
  /** The pause pool counts in the cost. */
  readonly pausePool: boolean;
  /** A word token's cost `k(y)`: 1 (`unit`, budget = voiced runs) or its word's espeak-ng phonemes (`phonemes`). */
  readonly tokenCost: 'unit' | 'phonemes';
  /**
   * With `phonemes`: how a growing word's phonemes are found. `word`: espeak-ng on the whole word so far (exact; one
   * batch per beam step for the new words). `piece`: the sum of each BPE piece's own phonemes (an approximation; each
   * vocabulary piece is phonemised once, so later steps mostly spawn nothing).
   */
  readonly phonemeLookup: 'word' | 'piece';
  /** With `phonemes`: budget = voiced seconds x this rate (open parameter). */
  readonly phonemesPerVoicedSec: number;
  /** Slack `n` added to both pools (section 3.3: 10 to 20 tokens). */
  readonly slack: number;
  /** Pause tokens debit the pause pool (`debit`) or credit it (`credit`, the variant of section 3.3 step 5). */
  readonly pauseRule: 'debit' | 'credit';
  /** Timestamp tokens are pause tokens. */
  readonly timestampsArePauses: boolean;
  /** Weight of the unspent-budget term (section 3.4 `mu`). */
  readonly mu: number;
  /** Section 3.2 entropy cost: weight x (1 - entropy-normalised confidence) per token; 0 = off. */
  readonly entropyWeight: number;
  /** Section 3.2 repetition cost: weight per repeated n-gram; 0 = off. */
  readonly repetitionWeight: number;
  readonly repetitionN: number;
}

/** Everything off: with these options the hooks add no cost (and `costDecodingHooks` is not needed at all). */
export const DEFAULT_COST_OPTIONS: CostDecodingOptions = Object.freeze({
  lambda: 0,
  phonemePool: true,
  pausePool: true,
  tokenCost: 'phonemes',
  phonemeLookup: 'word',
  phonemesPerVoicedSec: 12,
  slack: 15,
  pauseRule: 'debit',
  timestampsArePauses: true,
  mu: 0,
  entropyWeight: 0,
  repetitionWeight: 0,
  repetitionN: 3,
});

/** What the hooks measured (over every window decoded with them). */
export interface CostStats {
  /** Beam steps scored. */
  steps: number;
  candidates: number;
  /** Steps where the best candidate with the cost differs from the best by log-probability alone. */
  changedSteps: number;
  /** Milliseconds inside the cost function (phonemiser included). */
  costMs: number;
}

/** State of one hypothesis after folding its sampled tokens. */
interface HypState {
  /** Completed words spent; pause tokens spent or credited. */
  readonly ledger: Ledger;
  /** Letters of the word still growing, and its provisional phoneme cost (not yet in the ledger). */
  readonly partial: string;
  readonly partialCost: number;
  readonly repeats: number;
  /** n-grams (comma-joined ids) seen, and the last n - 1 ids. */
  readonly ngrams: ReadonlySet<string>;
  readonly tail: readonly number[];
}

export interface CostDecoding {
  readonly hooks: DecodeHooks;
  readonly stats: CostStats;
  /** Initial pools of this window. */
  readonly budget: { readonly phon: number; readonly pause: number };
  /** The ledger after `tokens` (sampled tokens; the last word completed). */
  ledgerOf(tokens: readonly number[]): Ledger;
}

function checkOptions(o: CostDecodingOptions): void {
  const nonNeg: readonly (keyof CostDecodingOptions)[] = ['lambda', 'phonemesPerVoicedSec', 'slack', 'mu', 'entropyWeight', 'repetitionWeight'];
  for (const f of nonNeg) {
    const v = o[f] as number;
    if (!Number.isFinite(v) || v < 0) throw new InvalidOptionError('INVALID_COST_OPTION', `cost decoding option ${f}: ${v} is not valid`, { hint: 'give a finite number >= 0 (0 switches the term off)', details: { option: f } });
  }
  if (!Number.isInteger(o.repetitionN) || o.repetitionN < 1) throw new InvalidOptionError('INVALID_COST_OPTION', `cost decoding option repetitionN: ${o.repetitionN} is not valid`, { hint: 'give a whole number >= 1, e.g. 3', details: { option: 'repetitionN' } });
}

/**
 * Hooks for one window whose audio gave `audio`.
 * @example
 * const cost = createCostDecoding({ ...DEFAULT_COST_OPTIONS, lambda: 0.5 }, tokenizer, await estimateAudioBudget(samples), new EspeakPhonemizer());
 * const r = await decodeWindow({ decoder, tokenizer, hooks: cost.hooks }, encoded, beamOptions);
 */
export function createCostDecoding(options: CostDecodingOptions, tokenizer: DecodingTokenizer, audio: AudioBudget, phonemizer: Phonemizer): CostDecoding {
  checkOptions(options);
  const o = options;
  const pieces = new TokenPieces(tokenizer, o.timestampsArePauses);
  const phonBudget = (o.tokenCost === 'unit' ? audio.voicedRuns : Math.round(audio.voicedSec * o.phonemesPerVoicedSec)) + o.slack;
  const pauseBudget = audio.pauses + o.slack;
  const costOptions = { phonemes: o.phonemePool, pauses: o.pausePool, mu: o.mu };
  const usePhonemes = o.tokenCost === 'phonemes';
  // Phonemes are looked up during decoding only when the phoneme pool is in the cost.
  const phonLive = usePhonemes && o.lambda > 0 && o.phonemePool;
  const byPiece = o.phonemeLookup === 'piece';
  // The rows' states are needed only by the ledger and repetition terms.
  const needStates = o.lambda > 0 || o.repetitionWeight > 0;
  const stats: CostStats = { steps: 0, candidates: 0, changedSteps: 0, costMs: 0 };
  let sampleBegin = 0;
  const memo = new WeakMap<Hypothesis, HypState>();

  const empty: HypState = { ledger: openLedger(phonBudget, pauseBudget), partial: '', partialCost: 0, repeats: 0, ngrams: new Set(), tail: [] };

  /** Closes the growing word: its phonemes (or nothing, with unit costs) go into the ledger. */
  const closeWord = (s: HypState, phon: boolean): Ledger => (phon && s.partial.length > 0 ? spend(s.ledger, 'phon', s.partialCost) : s.ledger);

  /**
   * One token onto a state; `track` = record the n-gram (false for candidates, whose sets are never reused);
   * `phon` = count phonemes (else word tokens cost nothing in `phonemes` mode).
   */
  function next(s: HypState, id: number, track: boolean, phon = phonLive): HypState {
    const piece = pieces.get(id);
    let { ledger, partial, partialCost } = s;
    if (piece.cls === 'word') {
      if (piece.startsWord) {
        ledger = closeWord(s, phon);
        partial = '';
      }
      const key = wordKey(piece.text);
      if (!usePhonemes) ledger = spend(ledger, 'phon', 1);
      else if (phon) partialCost = byPiece ? (piece.startsWord ? 0 : s.partialCost) + phonemizer.count(key) : phonemizer.count(partial + key);
      partial += key;
    } else if (piece.cls === 'pause') {
      ledger = closeWord(s, phon);
      partial = '';
      partialCost = 0;
      ledger = o.pauseRule === 'debit' ? spend(ledger, 'pause', 1) : credit(ledger, 'pause', 1);
    }
    const ngrams = s.ngrams;
    let { repeats, tail } = s;
    if (o.repetitionWeight > 0) {
      const n = o.repetitionN;
      if (tail.length === n - 1) {
        const key = [...tail, id].join(',');
        if (ngrams.has(key)) repeats++;
        else if (track) (ngrams as Set<string>).add(key);
      }
      tail = n === 1 ? [] : [...tail, id].slice(-(n - 1));
    }
    return { ledger, partial, partialCost: piece.cls === 'word' ? partialCost : 0, repeats, ngrams, tail };
  }

  /** The ledger cost of a state, the growing word counted provisionally. */
  function cost(s: HypState): number {
    const l = phonLive && s.partial.length > 0 ? spend(s.ledger, 'phon', s.partialCost) : s.ledger;
    return ledgerCost(l, costOptions);
  }

  function fold(tokens: readonly number[], phon = phonLive): HypState {
    let s: HypState = { ...empty, ngrams: new Set() };
    for (const id of tokens) s = next(s, id, true, phon);
    return s;
  }

  function stateOf(row: Hypothesis): HypState {
    let s = memo.get(row);
    if (s === undefined) {
      s = fold(row.tokens.slice(sampleBegin));
      memo.set(row, s);
    }
    return s;
  }

  /** One espeak-ng batch for every word this step can meet: the rows' words and each candidate's growing word. */
  function prepareWords(rows: readonly Hypothesis[], candidates: readonly BeamCandidate[], begin = sampleBegin): void {
    const words: string[] = [];
    if (byPiece) {
      for (const row of rows) for (let i = begin; i < row.tokens.length; i++) words.push(pieces.get(row.tokens[i] as number).text);
      for (const c of candidates) words.push(pieces.get(c.token).text);
      phonemizer.prepare(words);
      return;
    }
    const partials = rows.map((row) => {
      let partial = '';
      for (let i = begin; i < row.tokens.length; i++) {
        const p = pieces.get(row.tokens[i] as number);
        if (p.cls === 'word') {
          if (p.startsWord) partial = '';
          partial += wordKey(p.text);
          words.push(partial);
        } else if (p.cls === 'pause') partial = '';
      }
      return partial;
    });
    for (const c of candidates) {
      const p = pieces.get(c.token);
      if (p.cls === 'word') words.push((p.startsWord ? '' : (partials[c.source] as string)) + wordKey(p.text));
    }
    phonemizer.prepare(words);
  }

  const beamCost = (rows: readonly Hypothesis[], candidates: readonly BeamCandidate[]): Float64Array => {
    const started = performance.now();
    if (phonLive) prepareWords(rows, candidates);
    const out = new Float64Array(candidates.length);
    const parents = needStates ? rows.map(stateOf) : [];
    const parentCost = parents.map((s) => (o.lambda > 0 ? cost(s) : 0));
    let bestPlain = -Infinity;
    let bestCosted = -Infinity;
    let plainIdx = -1;
    let costedIdx = -1;
    candidates.forEach((c, i) => {
      let v = 0;
      if (needStates) {
        const parent = parents[c.source] as HypState;
        const child = next(parent, c.token, false);
        if (o.lambda > 0) v += o.lambda * (cost(child) - (parentCost[c.source] as number));
        v += o.repetitionWeight * (child.repeats - parent.repeats);
      }
      v += o.entropyWeight * (1 - c.step.confidence);
      out[i] = v;
      const plain = (rows[c.source] as Hypothesis).sumLogprob + c.step.logprob;
      if (plain > bestPlain) [bestPlain, plainIdx] = [plain, i];
      if (plain - v > bestCosted) [bestCosted, costedIdx] = [plain - v, i];
    });
    stats.steps++;
    stats.candidates += candidates.length;
    if (plainIdx !== costedIdx) stats.changedSteps++;
    stats.costMs += performance.now() - started;
    return out;
  };

  return {
    hooks: {
      beginWindow: (info) => {
        sampleBegin = info.sampleBegin;
        return { beamCost };
      },
    },
    stats,
    budget: { phon: phonBudget, pause: pauseBudget },
    ledgerOf(tokens: readonly number[]): Ledger {
      if (usePhonemes) prepareWords([{ tokens, sumLogprob: 0, steps: [] }], [], 0);
      return closeWord(fold(tokens, usePhonemes), usePhonemes);
    },
  };
}

/** Balances of a ledger (convenience for reports). */
export function balances(l: Ledger): { readonly phon: number; readonly pause: number } {
  return { phon: balance(l.phon), pause: balance(l.pause) };
}
