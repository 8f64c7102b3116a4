/**
 * The engine: one loaded model shared by every request. Two implementations behind one interface: `inline`
 * (decoding on the main thread; ONNX Runtime's `run()` is async and runs off the event loop) and `worker` (the
 * whole pipeline in one worker thread). docs/server.md has the measurement that picked the default.
 */
import type { Segment, StreamEvent, StreamOptions, TranscribeOptions, Transcript } from '@cephalon/stt';

/** Transcription options that can cross a thread boundary (no functions, no strategy object). */
export type EngineOptions = Omit<TranscribeOptions, 'onProgress' | 'onSegment' | 'strategy'>;

export interface EngineRequest {
  /** Encoded audio file bytes (any format ffmpeg reads). */
  readonly audio: Uint8Array;
  readonly options: EngineOptions;
  /** Longer audio is refused with `InvalidOptionError` code `AUDIO_TOO_LONG` before decoding starts. */
  readonly maxAudioSec: number;
  /** Stops the work: before decoding, or after the current 30 s window. */
  readonly signal: AbortSignal;
  /** The audio was read and accepted; decoding starts. */
  readonly onStart?: (durationSec: number) => void;
  /** Each segment as soon as it is decoded. */
  readonly onSegment?: (segment: Segment) => void;
}

export interface SpeechEngine {
  /** The model id as resolved by the library. */
  readonly modelId: string;
  transcribe(request: EngineRequest): Promise<Transcript>;
  /** Streaming transcription (`transcriber.stream()`) on the main thread: realtime sessions use it. */
  stream(source: AsyncIterable<Int16Array>, options: StreamOptions): AsyncGenerator<StreamEvent, void, undefined>;
  dispose(): Promise<void>;
}
