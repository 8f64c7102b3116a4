/**
 * Seeded random Whisper weights of any size, with the scales of the dev model's recipe
 * (`../shared/models/whisper-dev-random/reference/weights.json`) so that greedy decoding depends on the audio, stops
 * at end-of-text after a varying number of tokens and emits timestamps, instead of repeating one token:
 * sharper attention (query/key gain 3), stronger MLP (2) and cross-attention value/output (2), boosted end-of-text,
 * no-speech and timestamp embedding rows, and a large output scale on the final LayerNorm.
 * The end-of-text offset was calibrated per size by greedy decoding of the first windows of jfk and long.wav (with and
 * without timestamps): see `EOS_OFFSET` and docs/export.md.
 * Generator: xoshiro128** seeded through splitmix32, normal values by Box-Muller (not numpy's stream: the weights are
 * reproducible here, not equal to the dev model's).
 */
import type { ExportDims } from './dims.js';
import type { FloatTensor, TensorMap } from './safetensors.js';

/** The dev model's recipe (weights.json → weight_config). */
export const RANDOM_RECIPE = {
  convGain: 1,
  linGain: 1,
  crossGain: 2,
  qkGain: 3,
  mlpGain: 2,
  biasStd: 0.02,
  lnNoise: 0.1,
  embStd: 0.1,
  posStd: 0.2,
  logitGain: 5,
  eosBoost: 1.8,
  noSpeechBoost: 6,
  timestampBoost: 1.1,
  logitScale: 12,
  eosBias: 15.938,
} as const;

/** A seeded normal generator (xoshiro128**, Box-Muller). */
export class NormalRng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    const result = Math.imul(((Math.imul(this.s1, 5) << 7) | (Math.imul(this.s1, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = ((this.s3 << 11) | (this.s3 >>> 21)) >>> 0;
    return (result + 0.5) / 4294967296;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const a = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(a);
    return r * Math.cos(a);
  }

  /** `mean + std * N(0,1)` values. */
  fill(n: number, std: number, mean = 0): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * this.normal();
    return out;
  }
}

/** OpenAI's sinusoidal positional table `[length, channels]` (sin half, then cos half). */
export function sinusoids(length: number, channels: number): Float32Array {
  const half = channels / 2;
  const inc = Math.log(10000) / (half - 1);
  const out = new Float32Array(length * channels);
  for (let t = 0; t < length; t++) {
    for (let i = 0; i < half; i++) {
      const v = t * Math.exp(-inc * i);
      out[t * channels + i] = Math.sin(v);
      out[t * channels + half + i] = Math.cos(v);
    }
  }
  return out;
}

/**
 * End-of-text offsets (logit units before the x12 output scale) by d_model, calibrated on the four first-window greedy
 * decodes of jfk/long (tokens before end-of-text, 224 = the limit): 384 (tiny) 41/2/6/130 tokens; 512 (base)
 * 23/224/44/224 (offset 20: 224 x4; offset 50: 3/2/5/13). Other sizes use the dev model's 15.938 x 128 / d_model,
 * uncalibrated: their windows may stop early or run to the token limit.
 */
export const EOS_OFFSET: Readonly<Record<number, number>> = { 128: 15.938, 384: (15.938 * 128) / 384, 512: 40 };

export interface RandomSpecials {
  readonly eot: number;
  readonly noSpeech: number;
  readonly firstTimestamp: number;
  readonly timestamps: number;
}

/** Random weights for `dims` in Hugging Face names. Deterministic for a seed. */
export function randomWeights(dims: ExportDims, specials: RandomSpecials, seed: number, recipe: Partial<Record<keyof typeof RANDOM_RECIPE, number>> = {}): TensorMap {
  const r = { ...RANDOM_RECIPE, ...recipe };
  const rng = new NormalRng(seed);
  const out = new Map<string, FloatTensor>();
  const d = dims.dModel;
  const put = (name: string, shape: number[], data: Float32Array): void => void out.set(name, { shape, data });
  const linear = (prefix: string, outDim: number, inDim: number, gain: number, bias = true): void => {
    put(`${prefix}.weight`, [outDim, inDim], rng.fill(outDim * inDim, gain / Math.sqrt(inDim)));
    if (bias) put(`${prefix}.bias`, [outDim], rng.fill(outDim, r.biasStd));
  };
  const norm = (prefix: string): void => {
    put(`${prefix}.weight`, [d], rng.fill(d, r.lnNoise, 1));
    put(`${prefix}.bias`, [d], rng.fill(d, r.biasStd));
  };
  const attention = (prefix: string, cross: boolean): void => {
    linear(`${prefix}.q_proj`, d, d, r.qkGain);
    linear(`${prefix}.k_proj`, d, d, r.qkGain, false);
    linear(`${prefix}.v_proj`, d, d, cross ? r.crossGain : r.linGain);
    linear(`${prefix}.out_proj`, d, d, cross ? r.crossGain : r.linGain);
  };
  put('model.encoder.conv1.weight', [d, dims.nMels, 3], rng.fill(d * dims.nMels * 3, r.convGain / Math.sqrt(dims.nMels * 3)));
  put('model.encoder.conv1.bias', [d], rng.fill(d, r.biasStd));
  put('model.encoder.conv2.weight', [d, d, 3], rng.fill(d * d * 3, r.convGain / Math.sqrt(d * 3)));
  put('model.encoder.conv2.bias', [d], rng.fill(d, r.biasStd));
  put('model.encoder.embed_positions.weight', [dims.nAudioCtx, d], sinusoids(dims.nAudioCtx, d));
  for (let i = 0; i < dims.encoderLayers; i++) {
    const p = `model.encoder.layers.${i}`;
    norm(`${p}.self_attn_layer_norm`);
    attention(`${p}.self_attn`, false);
    norm(`${p}.final_layer_norm`);
    linear(`${p}.fc1`, dims.ffn, d, r.mlpGain);
    linear(`${p}.fc2`, d, dims.ffn, r.mlpGain);
  }
  norm('model.encoder.layer_norm');
  const emb = rng.fill(dims.vocabSize * d, r.embStd);
  const scaleRow = (row: number, f: number): void => {
    for (let j = 0; j < d; j++) emb[row * d + j] = (emb[row * d + j] as number) * f;
  };
  scaleRow(specials.eot, r.eosBoost);
  scaleRow(specials.noSpeech, r.noSpeechBoost);
  for (let t = 0; t < specials.timestamps; t++) scaleRow(specials.firstTimestamp + t, r.timestampBoost);
  put('model.decoder.embed_tokens.weight', [dims.vocabSize, d], emb);
  put('model.decoder.embed_positions.weight', [dims.nTextCtx, d], rng.fill(dims.nTextCtx * d, r.posStd));
  for (let i = 0; i < dims.decoderLayers; i++) {
    const p = `model.decoder.layers.${i}`;
    norm(`${p}.self_attn_layer_norm`);
    attention(`${p}.self_attn`, false);
    norm(`${p}.encoder_attn_layer_norm`);
    attention(`${p}.encoder_attn`, true);
    norm(`${p}.final_layer_norm`);
    linear(`${p}.fc1`, dims.ffn, d, r.mlpGain);
    linear(`${p}.fc2`, d, dims.ffn, r.mlpGain);
  }
  // Final LayerNorm: output gain, an end-of-text offset along the EOT row, then the overall logit scale.
  const w = rng.fill(d, r.logitGain * r.lnNoise, r.logitGain);
  const b = rng.fill(d, r.biasStd);
  let norm2 = 0;
  for (let j = 0; j < d; j++) norm2 += (emb[specials.eot * d + j] as number) ** 2;
  const offset = recipe.eosBias !== undefined ? (r.eosBias * 128) / d : (EOS_OFFSET[d] ?? (r.eosBias * 128) / d);
  for (let j = 0; j < d; j++) b[j] = (b[j] as number) + (offset * (emb[specials.eot * d + j] as number)) / norm2;
  for (let j = 0; j < d; j++) {
    w[j] = (w[j] as number) * r.logitScale;
    b[j] = (b[j] as number) * r.logitScale;
  }
  put('model.decoder.layer_norm.weight', [d], w);
  put('model.decoder.layer_norm.bias', [d], b);
  return out;
}
