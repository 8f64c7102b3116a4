/**
 * Runs an `OnlineProcessor` over an async source of PCM chunks. The source is read by its own task, so audio keeps
 * arriving while a decode runs; each step then takes all the audio that came meanwhile (the processing lag cannot
 * build up a queue). An abort stops reading, lets a running decode finish, commits the newest hypothesis and ends
 * with `final` (`aborted: true`): nothing committed is lost.
 */
import { PcmInput, type PcmChunk, type StreamInputFormat } from './pcm-input.js';
import type { OnlineProcessor } from './processor.js';
import type { StreamEvent } from './types.js';

export interface RunStreamOptions {
  readonly input?: StreamInputFormat;
  readonly signal?: AbortSignal;
  /**
   * Read the next chunk only once the previous one is processed (a file as fast as possible: each chunk is
   * processed as if it had arrived in real time on an infinitely fast machine). Default false: live.
   */
  readonly lockstep?: boolean;
}

/** Lockstep: one chunk, one step. Deterministic; no concurrent reader. */
async function* lockstep(source: AsyncIterable<PcmChunk>, processor: OnlineProcessor, input: PcmInput, signal: AbortSignal | undefined): AsyncGenerator<StreamEvent, void, undefined> {
  for await (const chunk of source) {
    if (signal?.aborted === true) break;
    processor.append(input.push(chunk));
    yield* await processor.step();
  }
  const aborted = signal?.aborted === true;
  if (!aborted) processor.append(input.flush());
  yield* await processor.finish(aborted);
}

export async function* runStream(source: AsyncIterable<PcmChunk>, processor: OnlineProcessor, options: RunStreamOptions = {}): AsyncGenerator<StreamEvent, void, undefined> {
  const input = new PcmInput(options.input);
  const signal = options.signal;
  if (options.lockstep === true) {
    yield* lockstep(source, processor, input, signal);
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  let failed = false;
  let failure: unknown;
  let arrived = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    arrived = true;
    const w = wake;
    wake = null;
    w?.();
  };
  const aborted = (): boolean => signal?.aborted === true;
  signal?.addEventListener('abort', notify);
  const reader = (async () => {
    try {
      while (!aborted()) {
        const next = await iterator.next();
        if (next.done === true || aborted()) break;
        processor.append(input.push(next.value));
        notify();
      }
      if (!aborted()) processor.append(input.flush());
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      ended = true;
      notify();
    }
  })();
  try {
    for (;;) {
      if (failed) throw failure;
      if (aborted() || ended) {
        if (ended) await reader;
        if (failed) throw failure;
        yield* await processor.finish(aborted());
        return;
      }
      if (!arrived) await new Promise<void>((resolve) => (wake = resolve));
      arrived = false;
      if (aborted() || failed) continue;
      yield* await processor.step();
    }
  } finally {
    signal?.removeEventListener('abort', notify);
    if (!ended) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
