/**
 * Chunked-overlap long-form strategy: cut the audio into `windowSec` windows that overlap by `overlapSec`, decode
 * them in batches through an injected window decoder (with timestamps when the model has them), merge the windows
 * with the chosen merge algorithm, then run the repetition cleanup. Testable without a model.
 */
import { CHUNK_LENGTH_SEC } from '../../core/constants.js';
import { InvalidOptionError } from '../../core/errors.js';
import { cleanupRepetitions, getMergeAlgorithm, type CleanupOptions, type JoinReport, type MergeAlgorithm, type MergedWord, type Removal, type StitchWord, type WindowTranscript } from '../../stitching/index.js';

/** One window handed to the decoder: the audio `[startSec, endSec)`; the decoder reads the audio itself. */
export interface WindowSpec {
  /** Position of the window in the run (0, 1, ...). */
  readonly index: number;
  readonly startSec: number;
  readonly endSec: number;
  /**
   * With `priorTokens > 0`: the last `priorTokens` token ids of the cleaned transcript of the windows before this
   * one (newest kept, no special tokens), to put after the decoder prompt's prefix; empty for the first window.
   */
  readonly promptTokens?: readonly number[];
}

/**
 * Decodes a batch of windows; returns, per window, its words with times relative to the window start
 * (or without times when the model has no timestamps).
 */
export type WindowDecoder = (batch: readonly WindowSpec[]) => Promise<readonly (readonly StitchWord[])[]>;

export interface ChunkedOverlapOptions {
  /** Window length in seconds (default 30, Whisper's window). */
  readonly windowSec?: number;
  /** Overlap of consecutive windows in seconds (default 2; 0 allowed). */
  readonly overlapSec?: number;
  /** Windows decoded per decoder call (default 4; 1 whenever `priorTokens > 0`). */
  readonly batchSize?: number;
  /**
   * Prompt passing (stt-requirements section 7): each window is prompted with the last N tokens of the cleaned
   * transcript so far (default 64; 0 = off). Windows then run one after another instead of in batches.
   */
  readonly priorTokens?: number;
  /** Merge algorithm name (default `timed`). */
  readonly merge?: string;
  /** Cleanup settings; `{ enabled: false }` turns it off. */
  readonly cleanup?: CleanupOptions;
  /** Called after each batch with windows done and total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Receives the per-window outputs, the merge's join reports and the cleanup's removals (for debugging joins). */
  readonly onReport?: (report: StitchReport) => void;
  /** Checked between batches: once aborted, the windows decoded so far are merged and returned (`partial: true`). */
  readonly signal?: AbortSignal;
}

/** `ChunkedOverlapOptions` with every default filled in. */
export const DEFAULT_CHUNKED_OVERLAP = { windowSec: 30, overlapSec: 2, batchSize: 4, merge: 'timed', priorTokens: 64 } as const;

/** Windows merged to build the next prompt: enough for the cleaned tail, bounded so long files stay linear. */
const PROMPT_WINDOWS = 3;

/**
 * The last `n` token ids of `words` (each word's `tokenIds`), newest kept; ids >= `firstSpecialId`, when given,
 * are left out (no special tokens in prior context).
 */
export function lastTokens(words: readonly StitchWord[], n: number, firstSpecialId = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  for (let i = words.length - 1; i >= 0 && out.length < n; i--) {
    const ids = words[i]?.tokenIds ?? [];
    for (let k = ids.length - 1; k >= 0 && out.length < n; k--) {
      const id = ids[k] as number;
      if (id < firstSpecialId) out.push(id);
    }
  }
  return out.reverse();
}

/** Everything needed to audit a chunked run: raw window outputs, what each join dropped, what the cleanup removed. */
export interface StitchReport {
  readonly windows: readonly WindowTranscript[];
  readonly joins: readonly JoinReport[];
  readonly removals: readonly Removal[];
}

export interface ChunkedOverlapResult {
  readonly text: string;
  readonly words: readonly MergedWord[];
  readonly windows: readonly WindowTranscript[];
  readonly removals: readonly Removal[];
  /** True when `signal` stopped the run before the last window. */
  readonly partial: boolean;
}

/** Window bounds `[startSec, endSec)` covering `durationSec`. */
export function planWindows(durationSec: number, windowSec: number, overlapSec: number): { startSec: number; endSec: number }[] {
  if (!(durationSec >= 0) || !(windowSec > 0) || !(windowSec <= CHUNK_LENGTH_SEC) || !(overlapSec >= 0) || overlapSec >= windowSec) {
    throw new InvalidOptionError('bad_chunking', `invalid window ${windowSec} s / overlap ${overlapSec} s`, {
      hint: `Use 0 < windowSec <= ${CHUNK_LENGTH_SEC} and 0 <= overlapSec < windowSec.`,
    });
  }
  const out: { startSec: number; endSec: number }[] = [];
  for (let s = 0; s < durationSec || out.length === 0; s += windowSec - overlapSec) {
    out.push({ startSec: s, endSec: Math.min(durationSec, s + windowSec) });
    if (s + windowSec >= durationSec) break;
  }
  return out;
}

/** The prompt of the next window: the last `n` tokens of the merged, cleaned last windows. */
function promptFrom(windows: readonly WindowTranscript[], merge: MergeAlgorithm, cleanup: CleanupOptions | undefined, n: number): number[] {
  const merged = merge.merge(windows.slice(-PROMPT_WINDOWS));
  return lastTokens(cleanupRepetitions(merged.words, cleanup).words, n);
}

/**
 * Transcribes long audio by overlapping windows.
 * @example
 * const r = await transcribeChunkedOverlap(durationSec, decodeBatch, { windowSec: 30, overlapSec: 2 });
 */
export async function transcribeChunkedOverlap(durationSec: number, decode: WindowDecoder, options: ChunkedOverlapOptions = {}): Promise<ChunkedOverlapResult> {
  const windowSec = options.windowSec ?? DEFAULT_CHUNKED_OVERLAP.windowSec;
  const overlapSec = options.overlapSec ?? DEFAULT_CHUNKED_OVERLAP.overlapSec;
  const priorTokens = options.priorTokens ?? DEFAULT_CHUNKED_OVERLAP.priorTokens;
  if (!Number.isInteger(priorTokens) || priorTokens < 0) {
    throw new InvalidOptionError('bad_prior_tokens', `invalid priorTokens ${priorTokens}`, { hint: 'Use a whole number of tokens >= 0 (0 = no prompt passing).' });
  }
  const requestedBatch = options.batchSize ?? DEFAULT_CHUNKED_OVERLAP.batchSize;
  if (!Number.isInteger(requestedBatch) || requestedBatch < 1) {
    throw new InvalidOptionError('bad_batch_size', `invalid batch size ${requestedBatch}`, { hint: 'Use a whole number of windows >= 1.' });
  }
  const batchSize = priorTokens > 0 ? 1 : requestedBatch;
  const merge = getMergeAlgorithm(options.merge ?? DEFAULT_CHUNKED_OVERLAP.merge);
  const plan = planWindows(durationSec, windowSec, overlapSec);
  const windows: WindowTranscript[] = [];
  let partial = false;
  for (let i = 0; i < plan.length; i += batchSize) {
    if (options.signal?.aborted === true) {
      partial = true;
      break;
    }
    const prompt = priorTokens > 0 ? { promptTokens: i === 0 ? [] : promptFrom(windows, merge, options.cleanup, priorTokens) } : {};
    const batch: WindowSpec[] = plan.slice(i, i + batchSize).map((w, k) => ({ ...w, index: i + k, ...prompt }));
    const decoded = await decode(batch);
    batch.forEach((w, k) => {
      const words = (decoded[k] ?? []).map((x) => ({
        ...x,
        ...(x.startSec === undefined ? {} : { startSec: x.startSec + w.startSec }),
        ...(x.endSec === undefined ? {} : { endSec: x.endSec + w.startSec }),
      }));
      windows.push({ startSec: w.startSec, endSec: w.endSec, words });
    });
    options.onProgress?.(windows.length, plan.length);
  }
  const merged = merge.merge(windows);
  const cleaned = cleanupRepetitions(merged.words, options.cleanup);
  options.onReport?.({ windows, joins: merged.joins, removals: cleaned.removals });
  return { text: cleaned.words.map((w) => w.text).join(' '), words: cleaned.words, windows, removals: cleaned.removals, partial };
}
