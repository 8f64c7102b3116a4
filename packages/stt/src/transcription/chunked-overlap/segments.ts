/** Turning merged words into `Segment`s: a new segment at each sentence end, long pause or `maxWords` words. */
import type { Segment, Token, Word } from '../../core/types.js';
import { FRAMES_PER_SECOND } from '../../core/constants.js';
import type { MergedWord, WindowTranscript } from '../../stitching/index.js';

/** What a segment needs from the window its first word came from. */
export interface WindowQuality {
  readonly temperature: number;
  readonly avgLogprob: number;
  readonly compressionRatio: number;
  readonly noSpeechProb: number;
}

const MAX_WORDS = 40;
const PAUSE_SEC = 1;
const SENTENCE_END = /[.?!]["')\]]*$/;

/** Mean token probability (`exp(logprob)`) of a word's tokens; 0 without tokens. */
function meanProbability(tokens: readonly Token[]): number {
  return tokens.length === 0 ? 0 : tokens.reduce((sum, t) => sum + Math.exp(t.logprob), 0) / tokens.length;
}

function split(words: readonly MergedWord[]): MergedWord[][] {
  const out: MergedWord[][] = [];
  let cur: MergedWord[] = [];
  words.forEach((w, i) => {
    cur.push(w);
    const next = words[i + 1];
    const pause = next?.startSec !== undefined && w.endSec !== undefined && next.startSec - w.endSec > PAUSE_SEC;
    if (SENTENCE_END.test(w.text) || pause || cur.length >= MAX_WORDS || next === undefined) {
      out.push(cur);
      cur = [];
    }
  });
  return out;
}

/**
 * Segments of a merged transcript. `tokensOf` gives a word's tokens; `quality` the decode numbers of a window;
 * `timingOf` whether a word's times were measured (`'dtw'`) or estimated; `probabilityOf` OpenAI's word probability
 * when the alignment pass gave one (else the mean decode probability of the word's tokens).
 * Times come from the words when timed, else from the source windows' bounds.
 */
export function buildSegments(
  words: readonly MergedWord[],
  windows: readonly WindowTranscript[],
  tokensOf: (w: MergedWord) => readonly Token[],
  quality: (windowIndex: number) => WindowQuality,
  timingOf: (w: MergedWord) => Word['timing'] = () => 'estimated',
  probabilityOf: (w: MergedWord) => number | undefined = () => undefined,
): Segment[] {
  return split(words).map((ws, id) => {
    const first = ws[0] as MergedWord;
    const last = ws[ws.length - 1] as MergedWord;
    const tokens = ws.flatMap((w) => [...tokensOf(w)]);
    const q = quality(first.windowIndex);
    const timed = ws.every((w) => w.startSec !== undefined && w.endSec !== undefined);
    const wordList: Word[] = ws.map((w) => ({
      text: w.text,
      startSec: w.startSec ?? 0,
      endSec: w.endSec ?? 0,
      confidence: w.confidence ?? 0,
      probability: probabilityOf(w) ?? meanProbability(tokensOf(w)),
      timing: timingOf(w),
    }));
    return {
      id,
      seek: Math.round((windows[first.windowIndex]?.startSec ?? 0) * FRAMES_PER_SECOND),
      startSec: timed ? (first.startSec ?? 0) : (windows[first.windowIndex]?.startSec ?? 0),
      endSec: timed ? (last.endSec ?? 0) : (windows[last.windowIndex]?.endSec ?? 0),
      text: ' ' + ws.map((w) => w.text).join(' '),
      tokenIds: tokens.map((t) => t.id),
      tokens,
      ...q,
      ...(timed ? { words: wordList } : {}),
    };
  });
}
