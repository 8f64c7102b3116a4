/**
 * The contract between `runtime/` (the only importer of ONNX Runtime) and the stages above it.
 * `decoding/` and `transcription/` program against these interfaces only, so they can be tested with fakes
 * and so another backend (OpenVINO) can implement them later.
 */

/** Shapes and token facts of a loaded Whisper model, read from its config files. */
export interface WhisperModelDims {
  readonly nMels: number;
  /** Encoder positions per window (1500). */
  readonly nAudioCtx: number;
  /** Maximum decoder positions (448). */
  readonly nTextCtx: number;
  readonly dModel: number;
  readonly nDecoderLayers: number;
  readonly nDecoderHeads: number;
  readonly vocabSize: number;
}

/** Encoder output for a batch of windows: `data` is `[batch, nAudioCtx, dModel]` float32. */
export interface EncoderOutput {
  readonly batch: number;
  readonly data: Float32Array;
  readonly dims: readonly [number, number, number];
}

/**
 * Decoder self-attention cache for `batch` rows (one row per beam or per batched window).
 * Owned by one decoding run; never shared between runs. Rows are independent: writing one row never changes another.
 */
export interface KvCache {
  /** Rows (beams) held. */
  readonly batch: number;
  /** Positions already in the cache (same for every row). */
  readonly length: number;
  /** Releases native memory; the cache must not be used afterwards. */
  dispose(): void;
}

/**
 * Logits of one decoder call: `data` is `[batch, seqLen, vocab]` float32, valid until the next call on the same cache.
 * `seqLen` is the number of positions returned: the tokens fed per row, or `logitPositions.length` when selected.
 */
export interface DecoderLogits {
  readonly batch: number;
  readonly seqLen: number;
  readonly vocab: number;
  readonly data: Float32Array;
}

/** Options of one decoder call. */
export interface DecoderStepOptions {
  /**
   * Positions (indexes into this call's token rows, strictly increasing) whose logits are returned, in that order;
   * default: all. A prompt step needs only its last position (and `<|startoftranscript|>` for the no-speech
   * probability), not `[batch, promptLen, vocab]`: selecting them spares copying the rest (e.g. when a batch-1 prompt
   * is tiled to the beams).
   */
  readonly logitPositions?: readonly number[];
}

/** A loaded decoder, able to run batched incremental steps with a KV cache. */
export interface WhisperDecoder {
  readonly dims: WhisperModelDims;
  /**
   * Starts a cache for `batch` rows attending to `encoder` (batch 1 is broadcast to all rows;
   * otherwise `encoder.batch` must equal `batch`). Cross-attention key/values are computed once here or at the first step
   * and reused for every later step and every row.
   */
  createCache(encoder: EncoderOutput, batch: number): KvCache;
  /**
   * Feeds `tokens` (`[batch, seqLen]`, row-major) after the cache's current positions and returns their logits.
   * The first call feeds the whole prompt; later calls one token per row. Appends to the cache.
   * `options.logitPositions` limits the logits returned to those positions.
   */
  step(cache: KvCache, tokens: readonly (readonly number[])[], options?: DecoderStepOptions): Promise<DecoderLogits>;
  /**
   * Reorders the cache rows: afterwards row `i` holds what row `parents[i]` held. Copies only rows that change,
   * never the whole cache per step. Returns the number of bytes copied (for the benchmark).
   */
  reorder(cache: KvCache, parents: readonly number[]): number;
  /**
   * True when `crossAttentions()` can run: the export returns `cross_attentions.{layer}` (timestamped exports such
   * as `onnx-community/whisper-*_timestamped`). Absent = false.
   */
  readonly hasCrossAttentions?: boolean;
  /**
   * One teacher-forced pass over `tokens` (a single row, no cache: OpenAI `find_alignment`'s forward) returning the
   * cross-attention weights of `heads` and the logits of every position. Throws `RuntimeError`
   * `CROSS_ATTENTION_UNAVAILABLE` when `hasCrossAttentions` is false.
   */
  crossAttentions?(encoder: EncoderOutput, tokens: readonly number[], heads: readonly AlignmentHead[]): Promise<CrossAttentionRun>;
}

/** A cross-attention head used for word timing: `[decoderLayer, head]` (`alignment_heads` of generation_config.json). */
export type AlignmentHead = readonly [layer: number, head: number];

/** What a teacher-forced alignment pass returns. */
export interface CrossAttentionRun {
  /** Tokens fed (positions). */
  readonly seqLen: number;
  /** Encoder positions attended to (`nAudioCtx`, 1500). */
  readonly frames: number;
  /** `[heads, seqLen, frames]`: the softmax cross-attention weights of the requested heads, in request order. */
  readonly weights: Float32Array;
  /** `[seqLen, vocab]`: logits of every position. */
  readonly logits: Float32Array;
  readonly vocab: number;
}

/** A loaded encoder. */
export interface WhisperEncoder {
  readonly dims: WhisperModelDims;
  /** Encodes `batch` log-mel windows given as `[batch, nMels, 3000]` float32. */
  encode(mel: Float32Array, batch: number): Promise<EncoderOutput>;
}
