/**
 * `transcriber.stream()`: live transcription of an async source of PCM chunks, as typed events.
 */
import { createFrameVad } from '../vad/index.js';
import type { FrameVadSpec, VadOptions } from '../vad/index.js';
import { createWhisperStreamEngine, OnlineProcessor, resolvePolicy, runStream, frameVadGate } from '../streaming/index.js';
import type { PcmChunk, SpeechGate, StreamEvent, StreamInputFormat, StreamPolicyOptions, StreamEngine } from '../streaming/index.js';
import type { TranscriptionContext } from '../transcription/index.js';
import { resolveTranscribeOptions } from './transcribe-options.js';
import type { TranscribeOptions } from './transcribe-options.js';

/** VAD of a stream: region options (streaming defaults: 500 ms silence, 100 ms padding) and the detector. */
export interface StreamVadOptions extends VadOptions, FrameVadSpec {}

/** Options of `transcriber.stream()`. Decoding options are `transcribe()`'s, except the defaults noted. */
export interface StreamOptions extends Omit<TranscribeOptions, 'strategy' | 'onProgress' | 'clipTimestamps' | 'prefix' | 'withoutTimestamps'> {
  /** LocalAgreement n, minimum step, buffer trimming and limit. */
  readonly policy?: StreamPolicyOptions;
  /** Voice activity gate; default Silero with the streaming region defaults; `false` decodes all audio. */
  readonly vad?: StreamVadOptions | false;
  /** How to read the chunks (rate, or the byte layout of raw PCM). Default: Float32Array at 16 kHz. */
  readonly input?: StreamInputFormat;
  /** Stops the stream: it ends with a `final` event holding everything committed (`aborted: true`). */
  readonly signal?: AbortSignal;
  /** Process each chunk before reading the next (files as fast as possible, deterministic). Default false. */
  readonly lockstep?: boolean;
}

/** The engine and gate a stream runs with (exposed for tests and the benchmark). */
export interface StreamParts {
  readonly engine: StreamEngine;
  readonly gate: SpeechGate | null;
}

/** Builds the Whisper engine and the VAD gate for `options`. */
export async function streamParts(ctx: TranscriptionContext, language: string | null, options: StreamOptions, nTextCtx: number): Promise<StreamParts> {
  // Streaming decodes every buffer many times: one temperature unless a ladder is asked for.
  const resolved = resolveTranscribeOptions({ ...options, temperature: options.temperature ?? 0 }, nTextCtx);
  const engine = createWhisperStreamEngine(ctx, { ...resolved.longForm, language });
  const gate = options.vad === false ? null : frameVadGate(await createFrameVad(options.vad ?? {}), options.vad ?? {}, true);
  return { engine, gate };
}

/** Runs a stream on prepared parts; disposes the gate at the end. */
export async function* streamWith(parts: StreamParts, source: AsyncIterable<PcmChunk>, options: StreamOptions): AsyncGenerator<StreamEvent, void, undefined> {
  const policy = resolvePolicy(options.policy);
  const processor = new OnlineProcessor({ engine: parts.engine, gate: parts.gate, policy });
  try {
    yield* runStream(source, processor, {
      ...(options.input === undefined ? {} : { input: options.input }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.lockstep === undefined ? {} : { lockstep: options.lockstep }),
    });
  } finally {
    await parts.gate?.dispose();
  }
}
