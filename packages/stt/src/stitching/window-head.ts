/**
 * Cleaning a window's start before it is joined: the decoder's warm-up stutter ("work with work with the prompt",
 * repeats that re-use the same audio) and echoes of the previous window's last words squeezed into the first
 * fraction of a second. Needs decoded word times; a no-op for estimated times.
 */
import { cleanupRepetitions } from './cleanup/index.js';
import type { DroppedWord, MergedWord, StitchWord } from './types.js';
import { wordKey } from './words.js';

export interface HeadOptions {
  /** Only words starting within this many seconds of the window start are examined. */
  readonly warmupSec: number;
  /** Longest echo, in words. */
  readonly maxEchoWords: number;
  /** An echo copy takes less than this many seconds per word (a spoken repeat takes more). */
  readonly echoMaxSecPerWord: number;
}

/** One repeated word proves little (short words are short); an echo is two or more words. */
const MIN_ECHO_WORDS = 2;

function drop(w: MergedWord, reason: DroppedWord['reason']): DroppedWord {
  return { windowIndex: w.windowIndex, wordIndex: w.wordIndex, text: w.text, reason, ...(w.startSec === undefined ? {} : { startSec: w.startSec }) };
}

/** Longest `n` such that the first `n` head words repeat the last `n` earlier words and are squeezed in time. */
function echoLength(head: readonly MergedWord[], before: readonly StitchWord[], opts: HeadOptions): number {
  for (let n = Math.min(opts.maxEchoWords, head.length, before.length); n >= MIN_ECHO_WORDS; n--) {
    const tail = before.slice(before.length - n);
    const same = tail.every((w, k) => wordKey(w.text) === wordKey(head[k]?.text ?? ''));
    if (!same) continue;
    const span = (head[n - 1]?.endSec ?? 0) - (head[0]?.startSec ?? 0);
    if (span < n * opts.echoMaxSecPerWord) return n;
  }
  return 0;
}

/**
 * Removes warm-up stutter and echoes from the start of `words` (a non-first window, decoded timing).
 * `before` is the transcript so far (the previous windows' merged output); its last words are what an echo repeats.
 */
export function cleanWindowHead(
  words: readonly MergedWord[],
  before: readonly StitchWord[],
  windowStartSec: number,
  opts: HeadOptions,
): { readonly words: MergedWord[]; readonly dropped: DroppedWord[] } {
  const headLen = words.findIndex((w) => (w.startSec ?? 0) >= windowStartSec + opts.warmupSec);
  const split = headLen === -1 ? words.length : headLen;
  const cleaned = cleanupRepetitions(words.slice(0, split), { useTiming: true, passageMinWords: Number.MAX_SAFE_INTEGER });
  const keptHead = [...cleaned.words];
  const dropped = words.slice(0, split).filter((w) => !keptHead.includes(w)).map((w) => drop(w, 'warm-up-stutter'));
  const echo = echoLength(keptHead, before, opts);
  dropped.push(...keptHead.slice(0, echo).map((w) => drop(w, 'echo')));
  return { words: [...keptHead.slice(echo), ...words.slice(split)], dropped };
}
