/**
 * The agent feeds the stream in lockstep through this wrapper, so it always knows how much audio the stream has
 * fully processed (VAD and decodes) and whose events it has already received: when the stream asks for the next
 * chunk, every earlier chunk has been processed. `onProcessed(sec)` runs there, before any new audio is handed
 * over (the agent's ticks run in it). A live source (microphone, stdin, a file at speed > 0) is read by its own
 * task and everything that arrived while the stream was busy is handed over as one chunk, as the stream's own live
 * mode does, so a slow decoder makes bigger steps instead of a growing queue. A file at speed 0 is passed chunk by
 * chunk (deterministic). The wrapper ends when the signal aborts, even while the source is blocked.
 */
import type { PcmChunk, PcmFormat, PcmSampleType } from '@cephalon/stt';

const BYTES: Readonly<Record<PcmSampleType, number>> = { u8: 1, s8: 1, alaw: 1, mulaw: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8 };

/** Seconds of audio in `chunk` (Float32Array chunks are 16 kHz mono; byte chunks follow `pcm`). */
export function chunkSeconds(chunk: PcmChunk, pcm: PcmFormat | undefined): number {
  if (chunk instanceof Float32Array) return chunk.length / 16_000;
  if (chunk instanceof Int16Array) return chunk.length / (pcm?.sampleRate ?? 16_000);
  if (pcm === undefined) throw new RangeError('paced source: byte chunks need a PCM format');
  const frame = (pcm.containerBytes ?? BYTES[pcm.sampleType]) * pcm.channels;
  return chunk.byteLength / frame / pcm.sampleRate;
}

function concat(chunks: readonly PcmChunk[]): PcmChunk {
  if (chunks.length === 1) return chunks[0] as PcmChunk;
  if (chunks.every((c) => c instanceof Float32Array)) {
    const out = new Float32Array(chunks.reduce((s, c) => s + c.length, 0));
    let at = 0;
    for (const c of chunks as Float32Array[]) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
  return Buffer.concat(chunks.map((c) => (c instanceof Uint8Array ? c : new Uint8Array(c.buffer, c.byteOffset, c.byteLength))));
}

export interface PacedSourceOptions {
  readonly pcm: PcmFormat | undefined;
  /** Read ahead and merge what arrived (live sources); false: one chunk at a time. */
  readonly live: boolean;
  readonly signal?: AbortSignal;
  /** Called with the seconds fully processed before each new chunk is handed over, and once at the end. */
  readonly onProcessed: (processedSec: number) => Promise<void>;
}

/** Wraps `source`; see the file comment. */
export async function* pacedSource(source: AsyncIterable<PcmChunk>, o: PacedSourceOptions): AsyncGenerator<PcmChunk, void, undefined> {
  let processed = 0;
  const iterator = source[Symbol.asyncIterator]();
  const queue: PcmChunk[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  o.signal?.addEventListener('abort', notify);
  const aborted = (): boolean => o.signal?.aborted === true;
  const reader = o.live
    ? (async () => {
        try {
          for (;;) {
            const next = await iterator.next();
            if (next.done === true || aborted()) break;
            queue.push(next.value);
            notify();
          }
        } catch (error) {
          failure = { error };
        } finally {
          ended = true;
          notify();
        }
      })()
    : null;
  try {
    for (;;) {
      await o.onProcessed(processed);
      if (aborted()) return;
      let chunk: PcmChunk | undefined;
      if (reader === null) {
        const next = await Promise.race([iterator.next(), new Promise<null>((resolve) => (wake = () => resolve(null)))]);
        wake = null;
        if (next === null || next.done === true) return;
        chunk = next.value;
      } else {
        while (queue.length === 0 && !ended && !aborted()) await new Promise<void>((resolve) => (wake = resolve));
        if (failure !== null) throw (failure as { error: unknown }).error;
        if (aborted() || queue.length === 0) return;
        chunk = concat(queue.splice(0, queue.length));
      }
      processed += chunkSeconds(chunk, o.pcm);
      yield chunk;
    }
  } finally {
    o.signal?.removeEventListener('abort', notify);
    if (!ended) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
