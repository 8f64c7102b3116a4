/**
 * A tiny fake Whisper (vocabulary of 64 ids) for testing decoding without ONNX Runtime: the logits of a row are a
 * deterministic pseudo-random function of its token history (and a seed), so beams, caches and reorders can be
 * checked exactly.
 */
import type { DecoderLogits, DecoderStepOptions, EncoderOutput, KvCache, WhisperDecoder, WhisperModelDims } from '../../runtime/types.js';
import type { DecodingTokenizer } from '../tokenizer-view.js';

export const FAKE_IDS = {
  eot: 20,
  sot: 21,
  languages: [
    { code: 'en', id: 22 },
    { code: 'de', id: 23 },
    { code: 'sq', id: 24 },
  ],
  translate: 25,
  transcribe: 26,
  sotLm: 27,
  sotPrev: 28,
  noSpeech: 29,
  noTimestamps: 30,
  timestampBegin: 31,
  vocab: 64,
  space: 0,
} as const;

/** Text ids are 0..19; each decodes to a letter (id 0 = " "). */
export function fakeTokenizer(nonSpeech: readonly number[] = [19]): DecodingTokenizer {
  return {
    ...FAKE_IDS,
    isMultilingual: true,
    languages: FAKE_IDS.languages,
    encode: (text) => [...text].map((ch) => (ch === ' ' ? 0 : ch.charCodeAt(0) - 96)),
    decode: (ids) =>
      ids
        .filter((id) => id < FAKE_IDS.timestampBegin)
        .map((id) => (id === 0 ? ' ' : id < 20 ? String.fromCharCode(96 + id) : `<|${id}|>`))
        .join(''),
    nonSpeechTokens: () => nonSpeech,
  };
}

/** Deterministic hash of a token history to [0, 1). */
function hash(history: readonly number[], salt: number, seed: number): number {
  let h = 2166136261 ^ seed;
  for (const t of history) h = Math.imul(h ^ (t + 1), 16777619);
  h = Math.imul(h ^ (salt + 7919), 2246822519);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Logits a fake row gets after `history`; `audioKey` is the first value of the encoder output it attends to. */
export type LogitFunction = (history: readonly number[], audioKey?: number) => Float32Array;

export function hashedLogits(seed: number, scale = 8, eotBias = 0): LogitFunction {
  return (history, audioKey = 0) => {
    const out = new Float32Array(FAKE_IDS.vocab);
    for (let v = 0; v < out.length; v++) out[v] = scale * hash(history, v, seed + audioKey);
    out[FAKE_IDS.eot] = (out[FAKE_IDS.eot] as number) + eotBias * history.length;
    return out;
  };
}

class FakeCache implements KvCache {
  rows: number[][];
  disposed = false;
  constructor(
    readonly batch: number,
    readonly audioKey: number,
  ) {
    this.rows = Array.from({ length: batch }, () => []);
  }
  get length(): number {
    return this.rows[0]?.length ?? 0;
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** A scripted decoder; records calls so tests can check batching and cache hygiene. */
export class FakeDecoder implements WhisperDecoder {
  readonly dims: WhisperModelDims;
  readonly caches: FakeCache[] = [];
  stepCalls = 0;
  /** `logitPositions` of each call that gave some. */
  readonly positionRequests: number[][] = [];
  /** Number of rows fed per call, and tokens per row. */
  readonly shapes: Array<[number, number]> = [];

  constructor(
    private readonly logits: LogitFunction,
    nTextCtx = 448,
  ) {
    this.dims = { nMels: 80, nAudioCtx: 1500, nTextCtx, dModel: 4, nDecoderLayers: 1, nDecoderHeads: 1, vocabSize: FAKE_IDS.vocab };
  }

  createCache(encoder: EncoderOutput, batch: number): KvCache {
    const cache = new FakeCache(batch, encoder.data[0] ?? 0);
    this.caches.push(cache);
    return cache;
  }

  async step(cacheIn: KvCache, tokens: readonly (readonly number[])[], options: DecoderStepOptions = {}): Promise<DecoderLogits> {
    const cache = cacheIn as FakeCache;
    if (cache.disposed) throw new Error('fake: cache used after dispose');
    this.stepCalls++;
    const seqLen = tokens[0]?.length ?? 0;
    this.shapes.push([tokens.length, seqLen]);
    const vocab = FAKE_IDS.vocab;
    const data = new Float32Array(tokens.length * seqLen * vocab);
    tokens.forEach((row, b) => {
      for (let j = 0; j < seqLen; j++) {
        (cache.rows[b] as number[]).push(row[j] as number);
        data.set(this.logits(cache.rows[b] as number[], cache.audioKey), (b * seqLen + j) * vocab);
      }
    });
    const positions = options.logitPositions;
    if (positions === undefined) return { batch: tokens.length, seqLen, vocab, data };
    this.positionRequests.push([...positions]);
    const picked = new Float32Array(tokens.length * positions.length * vocab);
    tokens.forEach((_, b) => positions.forEach((p, j) => picked.set(data.subarray((b * seqLen + p) * vocab, (b * seqLen + p + 1) * vocab), (b * positions.length + j) * vocab)));
    return { batch: tokens.length, seqLen: positions.length, vocab, data: picked };
  }

  reorder(cacheIn: KvCache, parents: readonly number[]): number {
    const cache = cacheIn as FakeCache;
    const old = cache.rows;
    cache.rows = parents.map((p) => [...(old[p] as number[])]);
    return parents.filter((p, i) => p !== i).length;
  }
}

export const FAKE_ENCODER_OUTPUT: EncoderOutput = { batch: 1, data: new Float32Array(4), dims: [1, 1, 4] };

/** An encoder whose output's first value is the first mel value of the window (tests put the seek there). */
export const fakeEncoder = {
  dims: { nMels: 80, nAudioCtx: 1500, nTextCtx: 448, dModel: 4, nDecoderLayers: 1, nDecoderHeads: 1, vocabSize: FAKE_IDS.vocab },
  calls: 0,
  async encode(mel: Float32Array, batch: number): Promise<EncoderOutput> {
    this.calls++;
    return { batch, data: Float32Array.of(mel[0] ?? 0, 0, 0, 0), dims: [batch, 1, 4] };
  },
};
