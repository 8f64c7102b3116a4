import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogMel } from '../../audio/index.js';
import { N_FRAMES } from '../../core/constants.js';
import type { DecodingTokenizer } from '../../decoding/index.js';
import type { DecoderLogits, EncoderOutput, KvCache, WhisperDecoder, WhisperEncoder, WhisperModelDims } from '../../runtime/types.js';
import type { LongFormOptions } from '../long-form-options.js';
import { DEFAULT_THRESHOLDS } from '../quality-gates.js';
import { createChunkedOverlapStrategy } from './strategy.js';

// A scripted model: the "audio" is a list of words at 0.5 s each; the decoder of a window emits exactly the words
// whose centre lies in it, between a start and an end timestamp. The mel's bin 0 holds the frame index, so the fake
// encoder can tell the decoder which window it is decoding.
const WORDS = 'we hold these truths to be self evident that all men are created equal that they are endowed by their creator with certain unalienable rights'.split(' ');
const VOCAB = [...new Set(WORDS)];
const SEC_PER_WORD = 0.5;
const TS = 1100;
const IDS = { eot: 1000, sot: 1001, en: 1002, translate: 1003, transcribe: 1004, sotLm: 1005, sotPrev: 1006, noSpeech: 1007, noTimestamps: 1008 };
const DIMS: WhisperModelDims = { nMels: 80, nAudioCtx: 1, nTextCtx: 448, dModel: 1, nDecoderLayers: 1, nDecoderHeads: 1, vocabSize: TS + 1501 };

const tokenizer: DecodingTokenizer = {
  eot: IDS.eot, sot: IDS.sot, sotPrev: IDS.sotPrev, sotLm: IDS.sotLm, noSpeech: IDS.noSpeech, noTimestamps: IDS.noTimestamps,
  transcribe: IDS.transcribe, translate: IDS.translate, timestampBegin: TS, isMultilingual: true, languages: [{ code: 'en', id: IDS.en }],
  encode: (text) => text.trim().split(/\s+/).map((w) => VOCAB.indexOf(w)),
  decode: (ids) => ids.filter((id) => id < TS).map((id) => (id < VOCAB.length ? ' ' + VOCAB[id] : `<|${id}|>`)).join(''),
  nonSpeechTokens: () => [],
};

function script(startFrame: number, frames: number): number[] {
  const s = startFrame / 100;
  const inside = WORDS.map((w, i) => ({ w, t: i * SEC_PER_WORD })).filter(({ t }) => t + 0.2 >= s && t + 0.2 < s + frames / 100);
  if (inside.length === 0) return [IDS.eot];
  const ts = (sec: number): number => TS + Math.max(0, Math.round((sec - s) / 0.02));
  const last = inside[inside.length - 1] as { t: number };
  return [ts(inside[0]?.t ?? s), ...inside.map(({ w }) => VOCAB.indexOf(w)), ts(last.t + 0.4), IDS.eot];
}

class ScriptCache implements KvCache {
  length = 0;
  promptLen = 0;
  constructor(readonly batch: number, readonly startFrame: number) {}
  dispose(): void {}
}

function scriptedModel(contentFrames: number, windowFrames: number) {
  const batches: number[] = [];
  const prompts: number[][] = [];
  const encoder: WhisperEncoder = {
    dims: DIMS,
    async encode(mel: Float32Array, batch: number): Promise<EncoderOutput> {
      batches.push(batch);
      const per = mel.length / batch;
      const data = Float32Array.from({ length: batch }, (_, k) => mel[k * per] ?? 0);
      return { batch, data, dims: [batch, 1, 1] };
    },
  };
  const decoder: WhisperDecoder = {
    dims: DIMS,
    createCache: (enc, batch) => new ScriptCache(batch, enc.data[0] ?? 0),
    async step(c: KvCache, tokens): Promise<DecoderLogits> {
      const cache = c as ScriptCache;
      const seqLen = tokens[0]?.length ?? 0;
      if (cache.length === 0) {
        cache.promptLen = seqLen;
        prompts.push([...(tokens[0] ?? [])]);
      }
      cache.length += seqLen;
      const want = script(cache.startFrame, Math.min(windowFrames, contentFrames - cache.startFrame));
      const next = want[cache.length - cache.promptLen] ?? IDS.eot;
      const data = new Float32Array(tokens.length * seqLen * DIMS.vocabSize).fill(-10);
      for (let b = 0; b < tokens.length; b++) data[(b * seqLen + seqLen - 1) * DIMS.vocabSize + next] = 10;
      return { batch: tokens.length, seqLen, vocab: DIMS.vocabSize, data };
    },
    reorder: () => 0,
  };
  return { encoder, decoder, batches, prompts };
}

const OPTIONS: LongFormOptions = {
  task: 'transcribe', language: 'en', temperatures: [0], thresholds: DEFAULT_THRESHOLDS, beam: null, bestOf: 1, lengthPenalty: null,
  conditionOnPreviousText: false, initialPrompt: null, carryInitialPrompt: false, prefix: null, clipTimestampsSec: [], suppressTokens: [-1],
  suppressBlank: true, withoutTimestamps: false, maxInitialTimestampSec: 1, sampleLen: null, repetitionPenalty: 1, noRepeatNgramSize: 0, seed: 0,
};

function melOf(contentFrames: number): LogMel {
  const nFrames = contentFrames + N_FRAMES;
  const data = new Float32Array(80 * nFrames);
  for (let f = 0; f < nFrames; f++) data[f] = f;
  return { data, nMels: 80, nFrames };
}

test('chunked-overlap on a scripted model: batched encoding, timestamps, merged text, segments and progress', async () => {
  for (const withoutTimestamps of [false, true]) {
    const contentFrames = WORDS.length * SEC_PER_WORD * 100;
    const model = scriptedModel(contentFrames, 400);
    const progress: number[] = [];
    const strategy = createChunkedOverlapStrategy({ windowSec: 4, overlapSec: 1, batchSize: 3, priorTokens: 0 });
    const r = await strategy.transcribe(
      { encoder: model.encoder, decoder: model.decoder, tokenizer },
      { audio: { samples: new Float32Array(0), sampleRate: 16_000 }, mel: melOf(contentFrames) },
      { ...OPTIONS, withoutTimestamps },
      { onProgress: (e) => progress.push(e.doneSec) },
    );
    assert.equal(r.text.trim(), WORDS.join(' '), `withoutTimestamps=${withoutTimestamps}`);
    assert.equal(r.windows.length, Math.ceil((contentFrames / 100 - 1) / 3));
    assert.ok(model.batches.every((b) => b <= 3) && model.batches.reduce((a, b) => a + b, 0) === r.windows.length);
    assert.equal(progress[progress.length - 1], r.durationSec);
    assert.equal(r.segments.map((s) => s.text).join(''), r.text);
    if (!withoutTimestamps) {
      const starts = r.segments.flatMap((s) => (s.words ?? []).map((w) => w.startSec));
      assert.ok(starts.every((t, i) => i === 0 || t >= (starts[i - 1] ?? 0)));
      assert.ok(r.segments.every((s) => s.tokenIds.length === (s.words?.length ?? -1)));
    }
  }
});

test('prompt passing on a scripted model: windows run one at a time, each prompted with the newest tokens so far', async () => {
  const contentFrames = WORDS.length * SEC_PER_WORD * 100;
  const model = scriptedModel(contentFrames, 400);
  const strategy = createChunkedOverlapStrategy({ windowSec: 4, overlapSec: 1, batchSize: 3, priorTokens: 4 });
  const r = await strategy.transcribe(
    { encoder: model.encoder, decoder: model.decoder, tokenizer },
    { audio: { samples: new Float32Array(0), sampleRate: 16_000 }, mel: melOf(contentFrames) },
    OPTIONS,
  );
  assert.equal(r.text.trim(), WORDS.join(' '));
  assert.ok(model.batches.every((b) => b === 1));
  // Window 0: no previous text, so no <|startofprev|> section. Window k: <|startofprev|> + the 4 newest word ids
  // heard before it, then <|startoftranscript|>.
  assert.equal(model.prompts[0]?.[0], IDS.sot);
  for (const [k, p] of model.prompts.entries()) {
    if (k === 0) continue;
    const heard = WORDS.filter((_, i) => i * SEC_PER_WORD + 0.2 < k * 3 + 1).map((w) => VOCAB.indexOf(w));
    assert.deepEqual(p.slice(0, 6), [IDS.sotPrev, ...heard.slice(-4), IDS.sot], `window ${k}`);
  }
});
