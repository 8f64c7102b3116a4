/** OpenAI's `clip_timestamps` -> frame ranges, with Python's rounding. */
import { FRAMES_PER_SECOND } from '../core/constants.js';

/** Python 3 `round()`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `[startFrame, endFrame)` clips; empty input = the whole content; an odd count ends at `contentFrames`. */
export function seekClips(clipTimestampsSec: readonly number[], contentFrames: number): Array<[number, number]> {
  const points = clipTimestampsSec.map((ts) => roundHalfEven(ts * FRAMES_PER_SECOND));
  if (points.length === 0) points.push(0);
  if (points.length % 2 === 1) points.push(contentFrames);
  const clips: Array<[number, number]> = [];
  for (let i = 0; i + 1 < points.length; i += 2) clips.push([points[i] as number, points[i + 1] as number]);
  return clips;
}
