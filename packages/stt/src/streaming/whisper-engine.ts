/**
 * The Whisper engine behind the streaming policy: one buffer (≤ 30 s) → log-mel → encoder → decode with the
 * committed text as prompt (temperature fallback and silence gate as configured) → words with absolute times.
 * Word times come from cross-attention DTW (OpenAI's word timestamps, labelled `'dtw'`) when the model is a
 * timestamped export; otherwise the segment timestamps are spread over the words by character count and labelled
 * `'estimated'`.
 */
import { IncrementalLogMel, logMelSpectrogram, padOrTrimMel, sliceMelFrames } from '../audio/index.js';
import type { IncrementalMelStats } from '../audio/index.js';
import { N_FRAMES, SAMPLE_RATE } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';
import { detectLanguage, pythonTail } from '../decoding/index.js';
import { decodeWithFallback, framesToSec, shouldSkipWindow, splitWindow, windowOptionsFor } from '../transcription/index.js';
import type { LongFormOptions, TranscriptionContext } from '../transcription/index.js';
import { windowWords } from '../transcription/chunked-overlap/index.js';
import { alignedWindowWords } from '../transcription/chunked-overlap/window-words.js';
import { sotSequence, timedSegments } from '../transcription/word-segments.js';
import { addWordTimestamps, DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS } from '../alignment/index.js';
import type { EncoderOutput } from '../runtime/types.js';
import type { WindowResult } from '../decoding/index.js';
import type { EngineRequest, Hypothesis, StreamEngine, StreamWord } from './types.js';

/**
 * Zeros appended before the log-mel. The window's frames and its floor (max − 8) are the same as with OpenAI's
 * 30 s of padding as long as the padding covers the last STFT frame (checked in the test); 1 s does, at a
 * fraction of the cost.
 */
export const STREAM_MEL_PADDING = SAMPLE_RATE;

/** Engine calls and where their time went, for the benchmark. */
export interface EngineStats {
  calls: number;
  melMs: number;
  encodeMs: number;
  decodeMs: number;
  /** Cross-attention alignment (word timestamps), when the model has it. */
  alignMs: number;
  /** Tokens sampled (final attempt of each call). */
  tokens: number;
  skippedAsSilence: number;
  /** STFT frames computed and reused by the incremental log-mel. */
  readonly melFrames: IncrementalMelStats;
}

export interface WhisperStreamEngine extends StreamEngine {
  /** The stream's language (detected on the first buffer when not given). */
  readonly language: string | null;
  /** Whether word times come from cross-attention DTW (a timestamped export) rather than estimates. */
  readonly dtw: boolean;
  readonly stats: EngineStats;
}

/** Mean of exp(logprob) over a word's tokens; undefined without tokens. */
function meanTokenProbability(tokens: readonly { readonly logprob: number }[] | undefined): number | undefined {
  if (tokens === undefined || tokens.length === 0) return undefined;
  let sum = 0;
  for (const t of tokens) sum += Math.exp(t.logprob);
  return sum / tokens.length;
}

/**
 * The window log-mel of a buffer of at most 30 s, and its content frames, computed from scratch (the engine uses
 * {@link IncrementalLogMel}, which gives the same bits reusing the previous step's frames).
 */
export function bufferMel(audio: Float32Array, nMels: number): { data: Float32Array; frames: number } {
  const mel = logMelSpectrogram(audio, { nMels, paddingSamples: STREAM_MEL_PADDING });
  const frames = Math.min(N_FRAMES, mel.nFrames - STREAM_MEL_PADDING / (SAMPLE_RATE / 100));
  return { data: padOrTrimMel(sliceMelFrames(mel, 0, frames), N_FRAMES).data, frames };
}

export function createWhisperStreamEngine(ctx: TranscriptionContext, options: LongFormOptions): WhisperStreamEngine {
  if (options.withoutTimestamps) {
    throw new InvalidOptionError('INVALID_OPTION', 'option withoutTimestamps: streaming needs timestamp tokens (buffer trimming cuts at segment ends)', {
      hint: 'leave withoutTimestamps unset for stream()',
      details: { option: 'withoutTimestamps' },
    });
  }
  const { tokenizer } = ctx;
  const nTextCtx = ctx.decoder.dims.nTextCtx;
  const initial = options.initialPrompt === null ? [] : tokenizer.encode(' ' + options.initialPrompt.trim());
  let language = options.language ?? (tokenizer.isMultilingual ? null : 'en');
  // One stream per engine: consecutive buffers share most of their audio, so only new STFT frames are computed.
  const incrementalMel = new IncrementalLogMel(ctx.decoder.dims.nMels, STREAM_MEL_PADDING);
  const stats: EngineStats = { calls: 0, melMs: 0, encodeMs: 0, decodeMs: 0, alignMs: 0, tokens: 0, skippedAsSilence: 0, melFrames: incrementalMel.stats };
  const promptTokens = (prompt: string): number[] => {
    const committed = prompt === '' ? [] : tokenizer.encode(' ' + prompt.trim());
    return [...initial, ...pythonTail(committed, Math.floor(nTextCtx / 2) - 1 - initial.length)];
  };
  const dtw = ctx.words?.available === true;
  /** Words relative to the buffer start, timed by DTW, with OpenAI's word probability. */
  const alignedWords = async (encoded: EncoderOutput, result: WindowResult, frames: number, lang: string) => {
    const split = splitWindow(result.tokens, tokenizer.timestampBegin, 0, frames);
    const timed = timedSegments(0, split.segments, result);
    const aligner = ctx.words;
    if (aligner === undefined) throw new RangeError('whisper stream engine: no word aligner');
    await addWordTimestamps(timed, (text) => aligner.align(encoded, sotSequence(tokenizer, lang, options.task), text, frames, lang, 0), {
      eot: tokenizer.eot,
      prependPunctuations: options.prependPunctuations ?? DEFAULT_PREPEND_PUNCTUATIONS,
      appendPunctuations: options.appendPunctuations ?? DEFAULT_APPEND_PUNCTUATIONS,
      lastSpeechTimestamp: 0,
      secondsPerFrame: framesToSec,
    });
    return alignedWindowWords(result, tokenizer, 0, timed, frames);
  };
  return {
    get language() {
      return language;
    },
    dtw,
    stats,
    async transcribe(request: EngineRequest): Promise<Hypothesis> {
      stats.calls++;
      let t = performance.now();
      const mel = incrementalMel.window(request.audio, Math.round(request.offsetSec * SAMPLE_RATE));
      stats.melMs += performance.now() - t;
      t = performance.now();
      const encoded = await ctx.encoder.encode(mel.data, 1);
      stats.encodeMs += performance.now() - t;
      t = performance.now();
      if (language === null) language = (await detectLanguage(ctx.decoder, encoded, tokenizer)).language;
      const base = windowOptionsFor(options, language, options.conditionOnPreviousText ? promptTokens(request.prompt) : initial, []);
      const { result } = await decodeWithFallback(ctx, encoded, base, options, options.seed + stats.calls);
      stats.decodeMs += performance.now() - t;
      stats.tokens += result.tokens.length;
      if (shouldSkipWindow(result, options.thresholds)) {
        stats.skippedAsSilence++;
        return { words: [], segmentEnds: [] };
      }
      const endSec = request.offsetSec + request.audio.length / SAMPLE_RATE;
      const clamp = (sec: number): number => Math.min(endSec, Math.max(request.offsetSec, sec));
      t = performance.now();
      const ww = dtw ? await alignedWords(encoded, result, mel.frames, language) : windowWords(result, tokenizer, mel.frames, true);
      stats.alignMs += performance.now() - t;
      const words: StreamWord[] = ww.words.map((w, i) => {
        // DTW words carry OpenAI's word probability; estimated words the mean probability of their decoded tokens.
        const probability = ww.probabilities?.[i] ?? meanTokenProbability(ww.tokens[i]);
        return {
          text: w.text,
          startSec: clamp(request.offsetSec + (w.startSec ?? 0)),
          endSec: clamp(request.offsetSec + (w.endSec ?? 0)),
          timing: dtw ? 'dtw' : 'estimated',
          ...(probability === undefined ? {} : { probability }),
        };
      });
      const split = splitWindow(result.tokens, tokenizer.timestampBegin, request.offsetSec, mel.frames);
      return { words, segmentEnds: split.segments.map((s) => clamp(s.endSec)) };
    },
  };
}
