/**
 * Splitting one window's tokens into segments at timestamp pairs, and how far to seek afterwards
 * (the segment logic of OpenAI's `transcribe()`). Pure; times use the same float arithmetic as OpenAI.
 */
import { HOP_LENGTH, SAMPLE_RATE } from '../core/constants.js';

/** Mel frames per encoder position / timestamp step (OpenAI `input_stride`). */
export const INPUT_STRIDE = 2;
/** Seconds per timestamp step: `INPUT_STRIDE * HOP_LENGTH / SAMPLE_RATE` = 0.02. */
export const WINDOW_TIME_PRECISION = (INPUT_STRIDE * HOP_LENGTH) / SAMPLE_RATE;

/** Seconds at mel frame `frame` (OpenAI `seek * HOP_LENGTH / SAMPLE_RATE`). */
export function framesToSec(frame: number): number {
  return (frame * HOP_LENGTH) / SAMPLE_RATE;
}

/** A segment as token index range `[tokenStart, tokenEnd)` of the window's tokens, with times. */
export interface WindowSegment {
  readonly startSec: number;
  readonly endSec: number;
  readonly tokenStart: number;
  readonly tokenEnd: number;
}

export interface WindowSplit {
  readonly segments: readonly WindowSegment[];
  /** Frames to add to `seek`: to the last complete timestamp pair, or the whole slice. */
  readonly seekAdvanceFrames: number;
  /** The tokens end with one timestamp after text (OpenAI `single_timestamp_ending`). */
  readonly singleTimestampEnding: boolean;
}

/**
 * @param tokens sampled tokens of the window (no prompt, no EOT)
 * @param timestampBegin id of `<|0.00|>`
 * @param timeOffsetSec start of the window
 * @param segmentFrames mel frames of the slice before padding to 30 s
 */
export function splitWindow(
  tokens: readonly number[],
  timestampBegin: number,
  timeOffsetSec: number,
  segmentFrames: number,
): WindowSplit {
  const isTs = tokens.map((t) => t >= timestampBegin);
  const n = tokens.length;
  const singleTimestampEnding = n >= 2 && !isTs[n - 2] && isTs[n - 1] === true;
  const consecutive: number[] = [];
  for (let i = 0; i + 1 < n; i++) if (isTs[i] && isTs[i + 1]) consecutive.push(i + 1);
  const pos = (i: number): number => (tokens[i] as number) - timestampBegin;
  if (consecutive.length > 0) {
    const slices = singleTimestampEnding ? [...consecutive, n] : consecutive;
    const segments: WindowSegment[] = [];
    let last = 0;
    for (const current of slices) {
      segments.push({
        startSec: timeOffsetSec + pos(last) * WINDOW_TIME_PRECISION,
        endSec: timeOffsetSec + pos(current - 1) * WINDOW_TIME_PRECISION,
        tokenStart: last,
        tokenEnd: current,
      });
      last = current;
    }
    const seekAdvanceFrames = singleTimestampEnding ? segmentFrames : pos(last - 1) * INPUT_STRIDE;
    return { segments, seekAdvanceFrames, singleTimestampEnding };
  }
  let durationSec = framesToSec(segmentFrames);
  const lastTs = [...tokens].reverse().find((t) => t >= timestampBegin);
  if (lastTs !== undefined && lastTs !== timestampBegin) durationSec = (lastTs - timestampBegin) * WINDOW_TIME_PRECISION;
  return {
    segments: [{ startSec: timeOffsetSec, endSec: timeOffsetSec + durationSec, tokenStart: 0, tokenEnd: n }],
    seekAdvanceFrames: segmentFrames,
    singleTimestampEnding,
  };
}
