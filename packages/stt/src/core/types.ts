/**
 * Value types passed between stages. Times are in seconds (`startSec`, `endSec`, `durationSec`); `Segment.seek` is in
 * mel frames (100 per second), as OpenAI's.
 */

/** Mono audio at a known sample rate. `samples` are float32 in [-1, 1]. */
export interface Samples {
  readonly samples: Float32Array;
  readonly sampleRate: number;
}

/** One decoded token with what we know about it. */
export interface Token {
  /** Vocabulary id. */
  readonly id: number;
  /** Decoded text of this token alone (may be a partial UTF-8 sequence rendered as U+FFFD). */
  readonly text: string;
  /**
   * Start time in seconds. Only the chunked strategy sets it, as an estimate: each timestamp segment's span shared
   * among its text tokens in proportion to their characters (no alignment is computed).
   */
  readonly startSec?: number;
  /** End time in seconds; set and estimated as `startSec`. */
  readonly endSec?: number;
  /** Log-probability of this token: `log_softmax(filtered logits)[id]`, what OpenAI sums into `avg_logprob`. */
  readonly logprob: number;
  /** Confidence in [0, 1]: 1 − entropy / ln(vocabulary size) of the step's filtered distribution (`decoding/row-scan.ts`). */
  readonly confidence?: number;
  /** Difference between the top-1 and top-2 log-probabilities (equivalently, logits) at this step. */
  readonly margin?: number;
}

/** A word with timing and confidence, as built from tokens (`stitching/words.ts`). */
export interface Word {
  readonly text: string;
  /** Estimated from its tokens' times (see `Token.startSec`). */
  readonly startSec: number;
  readonly endSec: number;
  /** The minimum confidence of the word's tokens, in [0, 1] (a token without one counts as exp(logprob)). */
  readonly confidence: number;
  /** Mean probability of the word's tokens (OpenAI's word `probability`). */
  readonly probability: number;
  /**
   * Where the times come from: `'dtw'` = cross-attention alignment (OpenAI's word timestamps); `'estimated'` = the
   * segment's time spread over its characters, a guess that writers must label as such.
   */
  readonly timing: 'dtw' | 'estimated';
}

/** A segment of a transcript, as in OpenAI's `transcribe()` output. */
export interface Segment {
  /** Index of this segment in the transcript. */
  readonly id: number;
  /** Mel-frame offset of the window that produced this segment (OpenAI's `seek`). */
  readonly seek: number;
  readonly startSec: number;
  readonly endSec: number;
  readonly text: string;
  /** Token ids of the segment, timestamps included, as OpenAI reports them. */
  readonly tokenIds: readonly number[];
  /** Text tokens with per-token log-probability and confidence. */
  readonly tokens: readonly Token[];
  readonly temperature: number;
  readonly avgLogprob: number;
  readonly compressionRatio: number;
  readonly noSpeechProb: number;
  /** Words with estimated times: set by the chunked strategy when every word of the segment is timed (see `Token.startSec`). */
  readonly words?: readonly Word[];
}

/** The full result of transcribing one audio input. */
export interface Transcript {
  readonly text: string;
  readonly language: string;
  /** Audio duration in seconds. */
  readonly durationSec: number;
  readonly segments: readonly Segment[];
  /** Language probabilities, when the language was detected (no `language` given, multilingual model). */
  readonly languageProbs?: Readonly<Record<string, number>>;
  /** True when the transcription was stopped early (an abort signal): the segments cover only the start. */
  readonly partial?: boolean;
  /** What the audio decoder noticed but read through (a truncated data chunk, an incomplete frame ...). */
  readonly warnings?: readonly TranscriptWarning[];
}

/** A non-fatal problem with the input, as carried by a transcript. */
export interface TranscriptWarning {
  readonly code: string;
  readonly message: string;
}

/** A region of speech in seconds, the shape a voice activity detector reports. */
export interface SpeechRegion {
  readonly startSec: number;
  readonly endSec: number;
}
