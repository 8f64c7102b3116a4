import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogMel } from '../audio/index.js';
import { FAKE_IDS, FakeDecoder, fakeEncoder, fakeTokenizer, hashedLogits } from '../decoding/test-support/fake-model.js';
import type { LogitFunction } from '../decoding/test-support/fake-model.js';
import type { LongFormOptions } from './long-form-options.js';
import { OPENAI_TRANSCRIBE_DEFAULTS } from './reference/load-reference.js';
import { sequentialStrategy } from './sequential.js';
import type { ProgressEvent } from './strategy.js';

const CONTENT_FRAMES = 7000;
/** Whole-file mel whose bin-0 value at frame f is f, so the fake encoder sees each window's seek. */
function fakeMel(): LogMel {
  const nFrames = CONTENT_FRAMES + 3000;
  const data = new Float32Array(80 * nFrames);
  for (let f = 0; f < nFrames; f++) data[f] = f;
  return { data, nMels: 80, nFrames };
}

/** OpenAI's defaults, with the language fixed, no fallback and no timestamps (the fake model emits none). */
const BASE: LongFormOptions = { ...OPENAI_TRANSCRIBE_DEFAULTS, language: 'en', temperatures: [0], withoutTimestamps: true };

/** Only text tokens and EOT (ids 0-20): no timestamps, language or other special tokens in the output. */
function textOnly(fn: LogitFunction): LogitFunction {
  return (history, key) => {
    const l = fn(history, key);
    l.fill(-Infinity, FAKE_IDS.eot + 1);
    return l;
  };
}

function run(fn: LogitFunction, options: Partial<LongFormOptions>, onProgress?: (e: ProgressEvent) => void) {
  const ctx = { encoder: fakeEncoder, decoder: new FakeDecoder(textOnly(fn)), tokenizer: fakeTokenizer() };
  const input = { audio: { samples: new Float32Array(0), sampleRate: 16_000 }, mel: fakeMel() };
  return sequentialStrategy.transcribe(ctx, input, { ...BASE, ...options }, onProgress === undefined ? {} : { onProgress });
}

/** A very probable no-speech token right after <|startoftranscript|>. */
function noSpeechAtSot(fn: LogitFunction): LogitFunction {
  return (history, key) => {
    const l = fn(history, key);
    if (history.length === 1) l[FAKE_IDS.noSpeech] = 50;
    return l;
  };
}

const SOT_SEQUENCE = [FAKE_IDS.sot, 22, FAKE_IDS.transcribe, FAKE_IDS.noTimestamps];
const prompts = (r: Awaited<ReturnType<typeof run>>) => r.windows.map((w) => w.attempts[0]?.result.promptTokens ?? []);

test('windows of 30 s, one segment each without timestamps, progress up to the content length', async () => {
  const events: ProgressEvent[] = [];
  const r = await run(hashedLogits(1, 40, 3), {}, (e) => events.push(e));
  assert.deepEqual(r.windows.map((w) => [w.seek, w.segmentFrames, w.seekAfter]), [[0, 3000, 3000], [3000, 3000, 6000], [6000, 1000, 7000]]);
  assert.deepEqual(r.segments.map((s) => [s.seek, s.startSec, s.endSec]), [[0, 0, 30], [3000, 30, 60], [6000, 60, 70]]);
  assert.deepEqual(events.map((e) => e.doneSec), [30, 60, 70]);
  assert.ok(events.every((e) => e.totalSec === 70));
});

test('silent windows (high no-speech probability, low avg_logprob) are skipped without segments', async () => {
  const silent: LogitFunction = (history) => hashedLogits(2, 0.5)(history);
  const ctx = { encoder: fakeEncoder, decoder: new FakeDecoder(noSpeechAtSot(textOnly(silent))), tokenizer: fakeTokenizer() };
  const input = { audio: { samples: new Float32Array(0), sampleRate: 16_000 }, mel: fakeMel() };
  const r = await sequentialStrategy.transcribe(ctx, input, { ...BASE, temperatures: [0, 0.5] });
  assert.equal(r.segments.length, 0);
  assert.ok(r.windows.every((w) => w.skippedAsSilence && w.attempts.length === 1), 'silence: no fallback either');
  assert.deepEqual(r.windows.map((w) => w.seekAfter), [3000, 6000, 7000]);
});

test('previous text conditions the next window; conditionOnPreviousText false resets it', async () => {
  const fn = hashedLogits(3, 40, 3);
  const r = await run(fn, {});
  const first = r.segments[0]?.tokenIds ?? [];
  assert.ok(first.length > 0);
  assert.deepEqual(prompts(r)[0], SOT_SEQUENCE);
  assert.deepEqual(prompts(r)[1], [FAKE_IDS.sotPrev, ...first, ...SOT_SEQUENCE]);
  const off = await run(fn, { conditionOnPreviousText: false });
  assert.ok(prompts(off).every((p) => JSON.stringify(p) === JSON.stringify(SOT_SEQUENCE)));
});

test('initial prompt: first window only, or every window with carryInitialPrompt; reset after temperature > 0.5', async () => {
  const fn = hashedLogits(4, 40, 3);
  const initial = [0, 1, 2]; // fake encode(' ab')
  const once = await run(fn, { initialPrompt: 'ab', conditionOnPreviousText: false });
  assert.deepEqual(prompts(once)[0], [FAKE_IDS.sotPrev, ...initial, ...SOT_SEQUENCE]);
  assert.deepEqual(prompts(once)[1], SOT_SEQUENCE);
  const carried = await run(fn, { initialPrompt: 'ab', carryInitialPrompt: true, conditionOnPreviousText: false });
  assert.ok(prompts(carried).every((p) => JSON.stringify(p) === JSON.stringify([FAKE_IDS.sotPrev, ...initial, ...SOT_SEQUENCE])));
  const hot = await run(fn, { temperatures: [0.6] });
  assert.deepEqual(prompts(hot)[1], SOT_SEQUENCE, 'a window decoded at 0.6 does not condition the next');
});

test('clip timestamps restrict the windows', async () => {
  const r = await run(hashedLogits(5, 40, 3), { clipTimestampsSec: [10, 20, 65] });
  assert.deepEqual(r.windows.map((w) => [w.seek, w.segmentFrames]), [[1000, 1000], [6500, 500]]);
});

test('a window ending in <|0.00|><|0.00|> (possible without timestamp rules) does not stall the seek', async () => {
  const zeroPair: LogitFunction = (history) => {
    const l = new Float32Array(FAKE_IDS.vocab).fill(-10);
    const sampled = history.length - SOT_SEQUENCE.length;
    l[sampled < 2 ? FAKE_IDS.timestampBegin : FAKE_IDS.eot] = 10;
    return l;
  };
  const ctx = { encoder: fakeEncoder, decoder: new FakeDecoder(zeroPair), tokenizer: fakeTokenizer() };
  const input = { audio: { samples: new Float32Array(0), sampleRate: 16_000 }, mel: fakeMel() };
  const r = await sequentialStrategy.transcribe(ctx, input, { ...BASE, conditionOnPreviousText: false });
  assert.deepEqual(r.windows[0]?.attempts[0]?.result.tokens, [FAKE_IDS.timestampBegin, FAKE_IDS.timestampBegin]);
  assert.deepEqual(r.windows.map((w) => w.seekAfter), [3000, 6000, 7000]);
});
