/** The inline engine: the model loaded once on the main thread; requests share it. */
import { createTranscriber } from '@cephalon/stt';
import type { TranscriberOptions } from '@cephalon/stt';
import { RequestAbortedError } from '../api-error.js';
import type { EngineRequest, SpeechEngine } from './engine.js';
import { runRequest } from './run-request.js';

export async function createInlineEngine(options: TranscriberOptions): Promise<SpeechEngine> {
  const transcriber = await createTranscriber(options);
  const closing = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  return {
    modelId: transcriber.modelId,
    transcribe(r: EngineRequest) {
      if (closing.signal.aborted) return Promise.reject(new RequestAbortedError('client'));
      const run = runRequest(transcriber, r.audio, r.options, r.maxAudioSec, {
        signal: AbortSignal.any([r.signal, closing.signal]),
        ...(r.onStart === undefined ? {} : { onStart: r.onStart }),
        ...(r.onSegment === undefined ? {} : { onSegment: r.onSegment }),
      });
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run)).catch(() => undefined);
      return run;
    },
    async *stream(source, options) {
      if (closing.signal.aborted) throw new RequestAbortedError('client');
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      inFlight.add(finished);
      try {
        yield* transcriber.stream(source, { ...options, signal: options.signal === undefined ? closing.signal : AbortSignal.any([options.signal, closing.signal]) });
      } finally {
        done();
        inFlight.delete(finished);
      }
    },
    /** Stops the requests in flight (after their current window), waits for them, then frees the model. */
    async dispose() {
      closing.abort(new RequestAbortedError('client'));
      await Promise.allSettled([...inFlight]);
      await transcriber.dispose();
    },
  };
}
