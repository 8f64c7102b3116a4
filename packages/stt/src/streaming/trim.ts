/** Where to cut the audio buffer (pure). */

export interface TrimInput {
  readonly bufferStartSec: number;
  readonly bufferEndSec: number;
  /** Segment ends of the newest hypothesis. */
  readonly segmentEnds: readonly number[];
  /** End of the last committed word. */
  readonly committedEndSec: number;
  /** Start of the first uncommitted word of the newest hypothesis, if any. */
  readonly pendingStartSec: number | undefined;
  readonly trimAfterSec: number;
}

/**
 * The newest segment end that lies in the buffer and is covered by commits, once the buffer is longer than
 * `trimAfterSec` (whisper_streaming's "segment" trimming); never past the first uncommitted word. `null`: keep.
 */
export function segmentTrimPoint(input: TrimInput): number | null {
  if (input.bufferEndSec - input.bufferStartSec <= input.trimAfterSec) return null;
  let cut: number | null = null;
  for (const end of input.segmentEnds) {
    if (end > input.bufferStartSec && end <= input.committedEndSec && (cut === null || end > cut)) cut = end;
  }
  if (cut === null) return null;
  if (input.pendingStartSec !== undefined) cut = Math.min(cut, input.pendingStartSec);
  return cut > input.bufferStartSec ? cut : null;
}
