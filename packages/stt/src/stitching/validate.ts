/** Checks the windows given to a merge once, with a clear error for the caller. */
import { StitchInputError } from '../core/errors.js';
import type { WindowTranscript } from './types.js';

/** Throws `StitchInputError` when windows are out of order or have reversed / non-finite bounds. */
export function validateWindows(windows: readonly WindowTranscript[]): void {
  let prevStart = Number.NEGATIVE_INFINITY;
  windows.forEach((w, i) => {
    if (!Number.isFinite(w.startSec) || !Number.isFinite(w.endSec) || w.endSec < w.startSec) {
      throw new StitchInputError('STITCH_BAD_WINDOW', `window ${i} has invalid bounds [${w.startSec}, ${w.endSec}] s`, {
        hint: 'Give each window its absolute audio start and end in seconds, with endSec >= startSec.',
        details: { windowIndex: i },
      });
    }
    if (w.startSec < prevStart) {
      throw new StitchInputError('STITCH_UNORDERED', `window ${i} starts before window ${i - 1}`, {
        hint: 'Pass windows sorted by their audio start time.',
        details: { windowIndex: i },
      });
    }
    prevStart = w.startSec;
  });
}
