/**
 * One request against a loaded transcriber: read the audio, enforce the duration limit, transcribe with
 * cancellation. Shared by the inline engine and the worker thread.
 */
import { InvalidOptionError, loadAudio } from '@cephalon/stt';
import type { Segment, Transcriber, Transcript } from '@cephalon/stt';
import type { EngineOptions } from './engine.js';

export interface RunHooks {
  readonly signal: AbortSignal;
  readonly onStart?: (durationSec: number) => void;
  readonly onSegment?: (segment: Segment) => void;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

/**
 * Decodes `audio` and transcribes it. The library has no abort option: cancellation throws from the progress
 * hook, which the sequential strategy calls after every 30 s window, so a cancelled request stops within one window.
 */
export async function runRequest(transcriber: Transcriber, audio: Uint8Array, options: EngineOptions, maxAudioSec: number, hooks: RunHooks): Promise<Transcript> {
  try {
    return await run(transcriber, audio, options, maxAudioSec, hooks);
  } catch (error) {
    // Whatever an abort broke (ffmpeg killed, a window cut short), the cause is the abort.
    if (hooks.signal.aborted) throw hooks.signal.reason;
    throw error;
  }
}

async function run(transcriber: Transcriber, audio: Uint8Array, options: EngineOptions, maxAudioSec: number, hooks: RunHooks): Promise<Transcript> {
  throwIfAborted(hooks.signal);
  const loaded = await loadAudio(audio, { signal: hooks.signal });
  throwIfAborted(hooks.signal);
  const durationSec = loaded.samples.length / loaded.sampleRate;
  if (durationSec > maxAudioSec) {
    throw new InvalidOptionError('AUDIO_TOO_LONG', `the audio lasts ${durationSec.toFixed(1)} s, more than this server accepts (${maxAudioSec} s)`, {
      hint: 'send a shorter file, or start the server with a larger --max-audio-s',
      details: { option: 'file', durationSec, maxAudioSec },
    });
  }
  hooks.onStart?.(durationSec);
  return transcriber.transcribe(
    { samples: loaded.samples, sampleRate: loaded.sampleRate },
    {
      ...options,
      onProgress: () => throwIfAborted(hooks.signal),
      ...(hooks.onSegment === undefined ? {} : { onSegment: hooks.onSegment }),
    },
  );
}
