/**
 * Opt-in timer of the raw ONNX Runtime `session.run` calls of the Whisper encoder and decoder: the floor of an
 * end-to-end run (what is left when everything around ORT costs nothing). Off by default; when off, each run pays
 * one `null` check. Process-wide on purpose (one profiling run at a time), like `--cpu-prof`.
 */

/** Summed wall time and count of the `session.run` calls since `startOrtRunTimer()`. */
export interface OrtRunTimes {
  encoderMs: number;
  encoderCalls: number;
  decoderMs: number;
  decoderCalls: number;
}

let active: OrtRunTimes | null = null;

/**
 * Starts (or restarts from zero) the timer and returns the live totals.
 * @example
 * const times = startOrtRunTimer();
 * await transcriber.transcribe('talk.wav');
 * stopOrtRunTimer();
 * console.log(times.encoderMs + times.decoderMs, 'ms inside session.run');
 */
export function startOrtRunTimer(): OrtRunTimes {
  active = { encoderMs: 0, encoderCalls: 0, decoderMs: 0, decoderCalls: 0 };
  return active;
}

/** Stops the timer; returns the totals (null when it was not running). */
export function stopOrtRunTimer(): OrtRunTimes | null {
  const done = active;
  active = null;
  return done;
}

/** `performance.now()` when the timer runs, else 0 (no clock read). */
export function runTimerStart(): number {
  return active === null ? 0 : performance.now();
}

/** Adds the time since `start` to the running totals (nothing when off). */
export function runTimerAdd(part: 'encoder' | 'decoder', start: number): void {
  if (active === null) return;
  const ms = performance.now() - start;
  if (part === 'encoder') {
    active.encoderMs += ms;
    active.encoderCalls++;
  } else {
    active.decoderMs += ms;
    active.decoderCalls++;
  }
}
