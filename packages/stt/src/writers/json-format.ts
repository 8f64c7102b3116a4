/**
 * OpenAI's `verbose_json` response shape (task, language, duration, text, segments, words), as a value and as text.
 */
import type { Transcript, Word } from '../core/types.js';
import { languageName } from '../tokenizer/index.js';

/** One segment of `verbose_json`; times in seconds. */
export interface VerboseJsonSegment {
  readonly id: number;
  readonly seek: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Token ids, timestamp tokens included. */
  readonly tokens: readonly number[];
  readonly temperature: number;
  readonly avg_logprob: number;
  readonly compression_ratio: number;
  readonly no_speech_prob: number;
  /** The segment's words, when the transcript has word timings (OpenAI `transcribe(word_timestamps=True)`). */
  readonly words?: readonly VerboseJsonWord[];
}

/** One word of `verbose_json` (`probability` is an addition: OpenAI's Python `transcribe()` reports it). */
export interface VerboseJsonWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** Mean probability of the word's tokens (OpenAI's word `probability`). */
  readonly probability: number;
  /**
   * Present only on words whose times are not measured: `'estimated'` = the segment's time spread over its
   * characters (chunked strategy on a model without cross-attention outputs). OpenAI's shape has no such words.
   */
  readonly timing?: 'estimated';
}

/** The whole `verbose_json` document. */
export interface VerboseJson {
  readonly task: 'transcribe' | 'translate';
  /** English language name in lower case (`'english'`), as OpenAI's API reports it; the code if it has no name. */
  readonly language: string;
  /** Audio duration in seconds. */
  readonly duration: number;
  readonly text: string;
  readonly segments: readonly VerboseJsonSegment[];
  /** All words of all segments, when the transcript has word timings. */
  readonly words?: readonly VerboseJsonWord[];
}

/** Options of the JSON writer. */
export interface JsonOptions {
  /** The task that produced the transcript (default `'transcribe'`); a `Transcript` does not record it. */
  readonly task?: 'transcribe' | 'translate';
  /** Spaces of indentation; default none (one line, as OpenAI writes it). */
  readonly indent?: number;
}

function jsonWord(w: Word): VerboseJsonWord {
  const word = { word: w.text, start: w.startSec, end: w.endSec, probability: w.probability };
  return w.timing === 'estimated' ? { ...word, timing: 'estimated' } : word;
}

/**
 * The `verbose_json` value of a transcript.
 * @example toVerboseJson(transcript, { task: 'translate' }).segments[0]?.avg_logprob
 */
export function toVerboseJson(transcript: Transcript, options: JsonOptions = {}): VerboseJson {
  const segments = transcript.segments.map((s) => ({
    id: s.id,
    seek: s.seek,
    start: s.startSec,
    end: s.endSec,
    text: s.text,
    tokens: [...s.tokenIds],
    temperature: s.temperature,
    avg_logprob: s.avgLogprob,
    compression_ratio: s.compressionRatio,
    no_speech_prob: s.noSpeechProb,
    ...(s.words === undefined ? {} : { words: s.words.map(jsonWord) }),
  }));
  const hasWords = transcript.segments.some((s) => s.words !== undefined);
  const words = transcript.segments.flatMap((s) => (s.words ?? []).map(jsonWord));
  return {
    task: options.task ?? 'transcribe',
    language: languageName(transcript.language) ?? transcript.language,
    duration: transcript.durationSec,
    text: transcript.text,
    segments,
    ...(hasWords ? { words } : {}),
  };
}

/**
 * The `verbose_json` text of a transcript.
 * @example JSON.parse(toJson(transcript)).segments.length === transcript.segments.length
 */
export function toJson(transcript: Transcript, options: JsonOptions = {}): string {
  return JSON.stringify(toVerboseJson(transcript, options), null, options.indent);
}
