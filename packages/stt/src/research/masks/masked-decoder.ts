/**
 * A research decoder over the fixed-shape (static) decoder: every step's `attention_mask` / `attention_bias` come from a
 * `MaskStrategy`. For the confidence-driven strategies it keeps, per row, the probability of the token in each cache slot
 * under the raw (unfiltered) logits of the step that produced it (prompt tokens: 1), copied before the decode loop
 * filters the logits in place, and follows the beams through `reorder`.
 */
import { RuntimeError } from '../../core/errors.js';
import { StaticWhisperDecoder } from '../../runtime/index.js';
import type { DecoderLogits, DecoderStepOptions, EncoderOutput, KvCache, WhisperDecoder, WhisperModelDims } from '../../runtime/index.js';
import { checkStrategy, fillMask, needsBias, needsConfidence, strategyName } from './strategies.js';
import type { MaskStrategy } from './strategies.js';

/** Per-row confidence state of one cache. */
interface RowTrack {
  /** confidence[row][slot]. */
  confidence: Float32Array[];
  /** The last position's raw logits of each row and their log-sum-exp (NaN = none yet). */
  last: Float32Array[];
  lastLogZ: number[];
}

export class MaskedStaticDecoder implements WhisperDecoder {
  readonly dims: WhisperModelDims;
  private readonly tracks = new WeakMap<KvCache, RowTrack>();
  private current: RowTrack | null = null;
  private readonly withConfidence: boolean;

  /**
   * @example
   * const masked = new MaskedStaticDecoder(model.decoder, { kind: 'window', width: 4 });
   * const r = await decodeWindow({ decoder: masked, tokenizer }, encoded, options);
   */
  constructor(
    private readonly inner: WhisperDecoder,
    readonly strategy: MaskStrategy,
  ) {
    if (!(inner instanceof StaticWhisperDecoder)) {
      throw new RuntimeError('DECODER_INPUT_INVALID', 'mask strategies need the fixed-shape decoder', { hint: 'Export the model with `cephalon export --static` (graded masks: the library export option attentionBias).' });
    }
    checkStrategy(strategy, inner.io.cacheLength);
    if (needsBias(strategy) && !inner.hasAttentionBias) {
      throw new RuntimeError('DECODER_INPUT_INVALID', `mask strategy '${strategyName(strategy)}' needs the step graph's attention_bias input: the int64 attention_mask only blocks (value 0) or attends (any other value)`, {
        hint: 'Export with exportWhisper(src, { static: true, attentionBias: true }).',
      });
    }
    this.dims = inner.dims;
    this.withConfidence = needsConfidence(strategy);
    const track = (): RowTrack | null => this.current;
    inner.setMaskPolicy({
      fill: (row, position, mask, bias) => fillMask(strategy, position, mask, bias, track()?.confidence[row] ?? null),
      reorder: (parents) => {
        const t = track();
        if (t === null) return;
        t.confidence = parents.map((p) => Float32Array.from(t.confidence[p] as Float32Array));
        t.last = parents.map((p) => t.last[p] as Float32Array);
        t.lastLogZ = parents.map((p) => t.lastLogZ[p] as number);
      },
    });
  }

  private get staticInner(): StaticWhisperDecoder {
    return this.inner as StaticWhisperDecoder;
  }

  /** Removes the policy from the wrapped decoder (it decodes with its standard mask again). */
  detach(): void {
    this.staticInner.setMaskPolicy(null);
  }

  createCache(encoder: EncoderOutput, batch: number): KvCache {
    const cache = this.inner.createCache(encoder, batch);
    const n = this.staticInner.io.cacheLength;
    this.tracks.set(cache, {
      confidence: Array.from({ length: batch }, () => new Float32Array(n).fill(1)),
      last: Array.from({ length: batch }, () => new Float32Array(0)),
      lastLogZ: Array.from({ length: batch }, () => Number.NaN),
    });
    return cache;
  }

  async step(cache: KvCache, tokens: readonly (readonly number[])[], options?: DecoderStepOptions): Promise<DecoderLogits> {
    const track = this.tracks.get(cache) ?? null;
    if (track !== null && this.withConfidence) {
      // The first fed token of each row was chosen from the previous call's last logits: its probability there.
      tokens.forEach((row, r) => {
        const logZ = track.lastLogZ[r] as number;
        const first = row[0];
        if (first !== undefined && !Number.isNaN(logZ)) (track.confidence[r] as Float32Array)[cache.length] = Math.exp(((track.last[r] as Float32Array)[first] as number) - logZ);
      });
    }
    this.current = track;
    let out: DecoderLogits;
    try {
      out = await this.inner.step(cache, tokens, options);
    } finally {
      this.current = null;
    }
    if (track !== null && this.withConfidence) {
      for (let r = 0; r < out.batch; r++) {
        const start = (r * out.seqLen + out.seqLen - 1) * out.vocab;
        const row = out.data.slice(start, start + out.vocab);
        let max = -Infinity;
        for (let i = 0; i < row.length; i++) if ((row[i] as number) > max) max = row[i] as number;
        let sum = 0;
        for (let i = 0; i < row.length; i++) sum += Math.exp((row[i] as number) - max);
        track.last[r] = row;
        track.lastLogZ[r] = max + Math.log(sum);
      }
    }
    return out;
  }

  reorder(cache: KvCache, parents: readonly number[]): number {
    this.current = this.tracks.get(cache) ?? null;
    try {
      return this.inner.reorder(cache, parents);
    } finally {
      this.current = null;
    }
  }
}
