/**
 * Segment times inside the audio. OpenAI's algorithm can end the last segment at a timestamp token past the end of
 * a short file (`<|30.00|>` in a 5 s file); public transcripts and streamed segments clamp to the duration, while
 * the strategies' own results keep the raw times for parity checks.
 */
import type { Segment } from '../core/types.js';

/**
 * `s` with its start, end and word times at most `durationSec` (the same object when nothing exceeds it).
 * @example clampSegment({ ...s, startSec: 9.1, endSec: 14.9 }, 11).endSec // 11
 */
export function clampSegment(s: Segment, durationSec: number): Segment {
  if (s.endSec <= durationSec && s.startSec <= durationSec && (s.words ?? []).every((w) => w.endSec <= durationSec)) return s;
  const clamp = (t: number): number => Math.min(t, durationSec);
  const words = s.words?.map((w) => ({ ...w, startSec: clamp(w.startSec), endSec: clamp(w.endSec) }));
  return { ...s, startSec: clamp(s.startSec), endSec: clamp(s.endSec), ...(words === undefined ? {} : { words }) };
}
