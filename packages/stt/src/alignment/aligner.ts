/**
 * OpenAI's `find_alignment` (whisper/timing.py) on a `WhisperDecoder` that returns cross-attention weights: one
 * teacher-forced pass over `sot sequence + <|notimestamps|> + text + <|endoftext|>`, the cost matrix of the
 * alignment heads, DTW, and the tokenizer's words.
 */
import { RuntimeError } from '../core/errors.js';
import type { AlignmentHead, EncoderOutput, WhisperDecoder } from '../runtime/types.js';
import { alignmentCost, MEDIAN_FILTER_WIDTH, type AlignmentCost } from './cost-matrix.js';
import { dtw, type DtwResult } from './dtw.js';
import { textTokenProbabilities, wordTimingsFromPath, type WordTiming, type WordTokens } from './word-timing.js';

/** What the aligner needs from a tokenizer (`tokenizer/`'s `WhisperTokenizer` has it). */
export interface AlignmentTokenizer {
  readonly eot: number;
  readonly noTimestamps: number;
  /** OpenAI `split_to_word_tokens`: words at spaces, characters for zh/ja/th/lo/my/yue. */
  splitToWordTokens(ids: readonly number[], language: string): readonly WordTokens[];
}

/** Everything about one window's alignment, for parity diagnostics. */
export interface AlignmentDetail {
  /** Mel frame of the window, when the caller said (`align`'s `seek`). */
  readonly seek: number | undefined;
  readonly textTokens: readonly number[];
  readonly numFrames: number;
  readonly cost: AlignmentCost;
  readonly path: DtwResult;
  readonly words: readonly WordTiming[];
  /** Wall milliseconds of the decoder pass and of the rest (cost matrix, DTW, words). */
  readonly runMs: number;
  readonly alignMs: number;
}

export interface WordAlignerOptions {
  /** Median filter width (7). */
  readonly medianFilterWidth?: number;
  /** Called after each window with the full detail (DTW margins included). */
  readonly onAlignment?: (detail: AlignmentDetail) => void;
}

/** Aligns one window's text tokens to its audio. */
export interface WordAligner {
  /** Whether the decoder returns cross-attention weights (else `align` throws). */
  readonly available: boolean;
  /** Throws `RuntimeError` `CROSS_ATTENTION_UNAVAILABLE` unless the decoder returns cross-attention weights. */
  assertAvailable(): void;
  /**
   * @param sotSequence OpenAI `tokenizer.sot_sequence` (`<|startoftranscript|>`, language, task)
   * @param numFrames mel frames of audio in the window
   * @param seek mel frame of the window, passed on to `onAlignment` only
   * @returns word timings relative to the window start (OpenAI `WordTiming`s)
   */
  align(encoder: EncoderOutput, sotSequence: readonly number[], textTokens: readonly number[], numFrames: number, language: string, seek?: number): Promise<WordTiming[]>;
}

/** OpenAI's default heads when a model names none: every head of the upper half of the decoder layers. */
export function defaultAlignmentHeads(nLayers: number, nHeads: number): AlignmentHead[] {
  const heads: AlignmentHead[] = [];
  for (let l = Math.floor(nLayers / 2); l < nLayers; l++) for (let h = 0; h < nHeads; h++) heads.push([l, h]);
  return heads;
}

function unavailable(): RuntimeError {
  return new RuntimeError('CROSS_ATTENTION_UNAVAILABLE', 'word timestamps need a decoder that returns cross-attention weights (cross_attentions.N); this model does not', {
    hint: 'Use a timestamped export such as onnx-community/whisper-tiny_timestamped, or transcribe without word timestamps.',
  });
}

/**
 * @param heads `alignment_heads` of generation_config.json; empty = OpenAI's default (upper half of the layers)
 * @example
 * const aligner = createWordAligner(model.decoder, tokenizer, generation.alignmentHeads);
 * const words = await aligner.align(encoded, tokenizer.sotSequence('en', 'transcribe'), textTokens, 3000, 'en');
 */
export function createWordAligner(
  decoder: WhisperDecoder,
  tokenizer: AlignmentTokenizer,
  heads: readonly AlignmentHead[],
  options: WordAlignerOptions = {},
): WordAligner {
  const used = heads.length > 0 ? heads : defaultAlignmentHeads(decoder.dims.nDecoderLayers, decoder.dims.nDecoderHeads);
  const assertAvailable = (): void => {
    if (decoder.hasCrossAttentions !== true || decoder.crossAttentions === undefined) throw unavailable();
  };
  return {
    available: decoder.hasCrossAttentions === true && decoder.crossAttentions !== undefined,
    assertAvailable,
    async align(encoder, sotSequence, textTokens, numFrames, language, seek) {
      if (textTokens.length === 0) return [];
      assertAvailable();
      const t0 = performance.now();
      const tokens = [...sotSequence, tokenizer.noTimestamps, ...textTokens, tokenizer.eot];
      const run = await (decoder.crossAttentions as NonNullable<WhisperDecoder['crossAttentions']>)(encoder, tokens, used);
      const t1 = performance.now();
      const cost = alignmentCost(run.weights, {
        heads: used.length,
        seqLen: run.seqLen,
        frames: run.frames,
        numFrames,
        sotLength: sotSequence.length,
        medianFilterWidth: options.medianFilterWidth ?? MEDIAN_FILTER_WIDTH,
      });
      if (cost === null) return [];
      const path = dtw(cost.cost, cost.rows, cost.cols, options.onAlignment !== undefined);
      const probs = textTokenProbabilities(run.logits, run.vocab, sotSequence.length, textTokens, tokenizer.eot);
      const words = wordTimingsFromPath(path, tokenizer.splitToWordTokens([...textTokens, tokenizer.eot], language), probs);
      options.onAlignment?.({ seek, textTokens, numFrames, cost, path, words: words.map((w) => ({ ...w })), runMs: t1 - t0, alignMs: performance.now() - t1 });
      return words;
    },
  };
}
