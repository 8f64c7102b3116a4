/**
 * Value types passed between stages. Times are in seconds (`startSec`, `endSec`) unless a name says otherwise
 * (`frameIndex`, `sampleOffset`).
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
  /** Start time in seconds, when known (timestamps or word alignment). */
  readonly startSec?: number;
  /** End time in seconds, when known. */
  readonly endSec?: number;
  /** Log-probability of this token under the decoding distribution. */
  readonly logprob: number;
  /** Confidence in [0, 1] (entropy-based, see decoding/confidence). */
  readonly confidence?: number;
  /** Difference between the top-1 and top-2 log-probabilities (equivalently, logits) at this step. */
  readonly margin?: number;
}

/** A word with timing and confidence, as built from tokens. */
export interface Word {
  readonly text: string;
  readonly startSec: number;
  readonly endSec: number;
  /** Mean or minimum token confidence of the word's tokens, in [0, 1]. */
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
  /** Words with timing, when word timestamps were computed. */
  readonly words?: readonly Word[];
}

/** The full result of transcribing one audio input. */
export interface Transcript {
  readonly text: string;
  readonly language: string;
  /** Audio duration in seconds. */
  readonly durationSec: number;
  readonly segments: readonly Segment[];
  /** Language probabilities, when language detection ran. */
  readonly languageProbs?: Readonly<Record<string, number>>;
}

/** A region of speech found by voice activity detection. */
export interface SpeechRegion {
  readonly startSec: number;
  readonly endSec: number;
}
