/** The inline engine: the model loaded once on the main thread; requests share it. */
import { createTranscriber } from '@cephalon/stt';
import type { TranscriberOptions } from '@cephalon/stt';
import type { EngineRequest, SpeechEngine } from './engine.js';
import { runRequest } from './run-request.js';

export async function createInlineEngine(options: TranscriberOptions): Promise<SpeechEngine> {
  const transcriber = await createTranscriber(options);
  return {
    modelId: transcriber.modelId,
    transcribe: (r: EngineRequest) =>
      runRequest(transcriber, r.audio, r.options, r.maxAudioSec, {
        signal: r.signal,
        ...(r.onStart === undefined ? {} : { onStart: r.onStart }),
        ...(r.onSegment === undefined ? {} : { onSegment: r.onSegment }),
      }),
    dispose: () => transcriber.dispose(),
  };
}
