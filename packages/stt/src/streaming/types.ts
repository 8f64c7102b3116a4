/**
 * Value types of streaming transcription: hypotheses of the audio buffer, the engine and speech-gate seams the
 * policy runs against, and the events a stream yields. Times are absolute seconds from the start of the stream.
 */

/** How a word's times were obtained: cross-attention DTW, or spread over its segment by character count. */
export type WordTimingKind = 'dtw' | 'estimated';

/** One word of a hypothesis. `text` has no surrounding whitespace. */
export interface StreamWord {
  readonly text: string;
  readonly startSec: number;
  readonly endSec: number;
  readonly timing: WordTimingKind;
  /** Word probability (mean token probability) when the engine knows it. */
  readonly probability?: number;
}

/** One decode of the audio buffer. */
export interface Hypothesis {
  readonly words: readonly StreamWord[];
  /** End times of the decoder's segments (the last one included), ascending. Trimming cuts only here. */
  readonly segmentEnds: readonly number[];
}

/** What the policy asks the engine to transcribe. */
export interface EngineRequest {
  /** 16 kHz mono samples of the buffer (a copy the engine may keep). */
  readonly audio: Float32Array;
  /** Stream time of `audio[0]`, in seconds. */
  readonly offsetSec: number;
  /** Committed text that precedes the buffer (its tail), to condition the decoder; '' when none. */
  readonly prompt: string;
}

/** Transcribes one buffer; returns words with absolute times. The Whisper engine is in `engine.ts`. */
export interface StreamEngine {
  transcribe(request: EngineRequest): Promise<Hypothesis>;
}

/** A speech boundary found by the gate. */
export interface GateEvent {
  readonly type: 'speech-start' | 'speech-end';
  /** Where the speech region starts or ends (padding included), in seconds. */
  readonly sec: number;
}

/**
 * Voice activity gate: fed consecutive frames of `frameSamples` 16 kHz samples, it reports where speech starts
 * and ends (online: an end is reported once enough silence has been seen).
 */
export interface SpeechGate {
  readonly frameSamples: number;
  /** Processes the next frame. */
  push(frame: Float32Array): Promise<readonly GateEvent[]>;
  /** End of audio at `sec`: closes an open speech region. */
  end(sec: number): readonly GateEvent[];
  dispose(): Promise<void>;
}

interface EventBase {
  /** Seconds of audio received so far. */
  readonly audioSec: number;
  /** Wall seconds since the stream started. */
  readonly wallSec: number;
}

/** Why words were committed. */
export type CommitReason =
  /** The last n hypotheses agreed on them (LocalAgreement-n). */
  | 'agreement'
  /** The speech region ended; the last hypothesis of the utterance is committed. */
  | 'speech-end'
  /** The buffer reached its hard limit without an agreed segment end; the oldest words were committed unagreed. */
  | 'buffer-limit'
  /** The stream ended (or was aborted); the last hypothesis is committed. */
  | 'end';

export type StreamEvent =
  | (EventBase & { readonly type: 'speech-start'; readonly startSec: number })
  | (EventBase & { readonly type: 'speech-end'; readonly endSec: number })
  | (EventBase & {
      readonly type: 'partial';
      /** The uncommitted words of the newest hypothesis (may change). */
      readonly text: string;
      readonly words: readonly StreamWord[];
    })
  | (EventBase & {
      readonly type: 'commit';
      /** Words that will never change, joined with single spaces. */
      readonly text: string;
      readonly words: readonly StreamWord[];
      readonly startSec: number;
      readonly endSec: number;
      readonly reason: CommitReason;
    })
  | (EventBase & {
      readonly type: 'final';
      /** Every committed word of the stream: the commit texts joined with single spaces. */
      readonly text: string;
      readonly words: readonly StreamWord[];
      /** True when the stream was stopped by its AbortSignal. */
      readonly aborted: boolean;
      /** Engine calls made during the stream. */
      readonly decodes: number;
    });

export type StreamEventType = StreamEvent['type'];
