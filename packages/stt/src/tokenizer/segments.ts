/**
 * Splits the tokens sampled for one 30 s window into timed segments, by OpenAI's rule in `transcribe()`:
 * two adjacent timestamp tokens end one segment and start the next
 * (`<|0.00|> Hello<|1.20|><|1.40|> world<|2.00|>` -> 0.00-1.20 " Hello", 1.40-2.00 " world").
 */

/** Part of a window's tokens with its time span. Times are absolute: window offset + timestamp. */
export interface TokenSegment {
  readonly startSec: number;
  /**
   * End time; `null` for an unfinished tail (text after the last timestamp pair, which OpenAI's `transcribe()`
   * drops and decodes again from `startSec` in the next window), or for text without timestamps when the window
   * duration is not given.
   */
  readonly endSec: number | null;
  /** The segment's ids, timestamp tokens included (as in OpenAI's segments). */
  readonly tokens: readonly number[];
  /** Decoded text of the ordinary tokens (special and timestamp tokens left out). */
  readonly text: string;
}

/** What segmenting needs from a tokenizer. */
export interface SegmentingDecoder {
  isTimestamp(id: number): boolean;
  readonly timestampBegin: number;
  timestampToSec(id: number): number;
  decode(ids: readonly number[], options: { readonly skipSpecial: true }): string;
}

/**
 * Segments of `ids` (sampled tokens, without prompt and final `<|endoftext|>`).
 * - With adjacent timestamp pairs: a segment per run up to each pair; if the tokens end with a single
 *   timestamp, the last run is a segment too; otherwise the tokens after the last pair, if any is not a
 *   timestamp, are returned as an unfinished segment (`endSec: null`).
 * - Without: one segment from `timeOffsetSec` to the last timestamp (if there is one other than `<|0.00|>`),
 *   else to `timeOffsetSec + windowDurationSec` (`null` when that is not given).
 * @param timeOffsetSec start of the window in the audio.
 * @param windowDurationSec length of the audio in the window (less than 30 s in the last window).
 */
export function splitToSegments(
  decoder: SegmentingDecoder,
  ids: readonly number[],
  timeOffsetSec = 0,
  windowDurationSec?: number,
): TokenSegment[] {
  if (ids.length === 0) return [];
  const isTs = ids.map((id) => decoder.isTimestamp(id));
  const n = ids.length;
  const at = (id: number | undefined): number =>
    timeOffsetSec + (id !== undefined && decoder.isTimestamp(id) ? decoder.timestampToSec(id) : 0);
  const segment = (tokens: readonly number[], startSec: number, endSec: number | null): TokenSegment => ({
    startSec,
    endSec,
    tokens,
    text: decoder.decode(tokens, { skipSpecial: true }),
  });
  const cuts: number[] = [];
  for (let i = 1; i < n; i++) if (isTs[i - 1] === true && isTs[i] === true) cuts.push(i);
  if (cuts.length === 0) {
    const lastTs = ids.filter((_, i) => isTs[i]).at(-1);
    const endSec =
      lastTs !== undefined && lastTs !== decoder.timestampBegin
        ? at(lastTs)
        : windowDurationSec === undefined ? null : timeOffsetSec + windowDurationSec;
    return [segment(ids, timeOffsetSec, endSec)];
  }
  const singleTimestampEnding = n >= 2 && isTs[n - 2] === false && isTs[n - 1] === true;
  if (singleTimestampEnding) cuts.push(n);
  const segments: TokenSegment[] = [];
  let from = 0;
  for (const cut of cuts) {
    const tokens = ids.slice(from, cut);
    segments.push(segment(tokens, at(tokens[0]), at(tokens[tokens.length - 1])));
    from = cut;
  }
  if (isTs.slice(from).includes(false)) segments.push(segment(ids.slice(from), at(ids[from]), null));
  return segments;
}
