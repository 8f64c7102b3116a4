/**
 * The fields of OpenAI's reference files (`whisper-dev-random/reference/*.json`) that the parity checks read.
 * Snake case as written by the Python recorder.
 */

/** One `DecodingTask` case of `decode_<audio>.json`. */
export interface RefDecodeCase {
  readonly options: {
    readonly language: string | null;
    readonly task?: 'transcribe' | 'translate';
    readonly without_timestamps?: boolean;
    readonly beam_size?: number;
    readonly patience?: number;
  };
  readonly initial_tokens: readonly number[];
  readonly tokens: readonly number[];
  readonly text: string;
  readonly language: string;
  readonly avg_logprob: number;
  readonly no_speech_prob: number;
  readonly compression_ratio: number;
  readonly trace?: readonly { readonly margin: number }[];
  readonly beam_keep_step_margins?: readonly number[];
  readonly language_detection?: { readonly probs: Readonly<Record<string, number>> };
}

export interface RefDecodeFile {
  readonly audio: string;
  readonly mel: string;
  readonly cases: Readonly<Record<string, RefDecodeCase>>;
}

/** One decode of a window in `transcribe_long_<variant>.json`. */
export interface RefAttempt {
  readonly temperature: number;
  readonly tokens: readonly number[];
  readonly text: string;
  readonly avg_logprob: number;
  readonly compression_ratio: number;
  readonly no_speech_prob: number;
  readonly needs_fallback: boolean;
  readonly deterministic: boolean;
  readonly step_margins?: readonly number[];
  readonly beam_keep_step_margins?: readonly number[];
}

export interface RefWindow {
  readonly index: number;
  readonly seek: number;
  readonly segment_frames: number;
  readonly prompt_tokens: readonly number[];
  readonly attempts: readonly RefAttempt[];
  readonly used_temperature: number;
  readonly skipped_as_silence: boolean;
  readonly seek_after: number | null;
}

export interface RefSegment {
  readonly id: number;
  readonly seek: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokens: readonly number[];
  readonly temperature: number;
  readonly avg_logprob: number;
  readonly compression_ratio: number;
  readonly no_speech_prob: number;
}

export interface RefTranscribeFile {
  readonly options: Readonly<Record<string, unknown>>;
  readonly language: string;
  readonly language_detection: { readonly probs: Readonly<Record<string, number>> };
  readonly text: string;
  readonly segments: readonly RefSegment[];
  readonly windows: readonly RefWindow[];
}
