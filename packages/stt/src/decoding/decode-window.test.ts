import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeWindow } from './decode-window.js';
import { DEFAULT_WINDOW_DECODE_OPTIONS } from './options.js';
import type { WindowDecodeOptions } from './options.js';
import { logSoftmax } from './math.js';
import { FAKE_ENCODER_OUTPUT, FAKE_IDS, FakeDecoder, fakeTokenizer, hashedLogits } from './test-support/fake-model.js';

const tokenizer = fakeTokenizer();
const greedy: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, withoutTimestamps: true };

function run(decoder: FakeDecoder, options: WindowDecodeOptions) {
  return decodeWindow({ decoder, tokenizer }, FAKE_ENCODER_OUTPUT, options);
}

/** Sum of log-probabilities of `tokens` + EOT under `fn`, with only the suppress filter (no timestamps, no blank). */
function recomputedSum(fn: ReturnType<typeof hashedLogits>, prompt: readonly number[], tokens: readonly number[], suppressed: readonly number[]): number {
  let sum = 0;
  const history = [...prompt];
  for (const t of [...tokens, FAKE_IDS.eot]) {
    const logits = fn(history);
    for (const id of suppressed) logits[id] = -Infinity;
    sum = Math.fround(sum + (logSoftmax(logits)[t] as number));
    history.push(t);
  }
  return sum;
}

test('greedy: prompt layout, EOT stop, avg_logprob = sum / (n + 1), no-speech probability at the SOT position', async () => {
  const fn = hashedLogits(3, 8, 0.6);
  const decoder = new FakeDecoder(fn);
  const r = await run(decoder, greedy);
  assert.deepEqual(r.promptTokens, [FAKE_IDS.sot, 22, FAKE_IDS.transcribe, FAKE_IDS.noTimestamps]);
  assert.ok(r.tokens.length > 0 && !r.tokens.includes(FAKE_IDS.eot));
  assert.equal(r.steps.length, r.tokens.length);
  assert.ok(Math.abs(r.avgLogprob - r.sumLogprob / (r.tokens.length + 1)) < 1e-12);
  const sotLogits = fn([FAKE_IDS.sot]);
  const expected = Math.exp(logSoftmax(sotLogits)[FAKE_IDS.noSpeech] as number);
  assert.ok(Math.abs(r.noSpeechProb - expected) < 1e-6, `${r.noSpeechProb} vs ${expected}`);
  assert.deepEqual(decoder.shapes[0], [1, 4], 'first call feeds the whole prompt');
  assert.deepEqual(decoder.positionRequests, [[0, 3]], 'the prompt call asks only for the SOT and the last positions');
  assert.ok(decoder.shapes.slice(1).every(([b, l]) => b === 1 && l === 1), 'later calls feed one token');
  assert.ok(decoder.caches.every((c) => (c as unknown as { disposed: boolean }).disposed));
});

test('greedy picks the argmax of the filtered logits at every step (suppressed ids never appear)', async () => {
  const fn = hashedLogits(11, 8, 0.5);
  const r = await run(new FakeDecoder(fn), { ...greedy, suppressTokens: [-1, 5] });
  assert.ok(!r.tokens.includes(5) && !r.tokens.includes(19), 'user id 5 and non-speech id 19 suppressed');
  const history = [...r.promptTokens];
  for (const t of r.tokens) {
    const logits = fn(history);
    for (const id of [5, 19, 21, 25, 26, 27, 28, 29]) logits[id] = -Infinity;
    if (history.length === r.promptTokens.length) logits[0] = logits[FAKE_IDS.eot] = -Infinity;
    assert.equal(t, logits.indexOf(Math.max(...logits)));
    history.push(t);
  }
});

test('sampleLen and the decoder context cap the number of tokens', async () => {
  const noEot = hashedLogits(5, 8, -100);
  const a = await run(new FakeDecoder(noEot), { ...greedy, sampleLen: 7 });
  assert.equal(a.tokens.length, 7);
  const b = await run(new FakeDecoder(noEot, 12), { ...greedy, sampleLen: 100 });
  assert.equal(b.promptTokens.length + b.tokens.length, 13, 'stops once the sequence exceeds nTextCtx');
  const c = await run(new FakeDecoder(noEot, 12), greedy);
  assert.equal(c.tokens.length, 6, 'default sampleLen = nTextCtx / 2');
});

test('beam size 1 gives exactly the greedy result (property over random models)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), fc.boolean(), async (seed, timestamps) => {
      const fn = hashedLogits(seed, 6, 0.4);
      const base = { ...greedy, withoutTimestamps: !timestamps };
      const g = await run(new FakeDecoder(fn), base);
      const b = await run(new FakeDecoder(fn), { ...base, strategy: { kind: 'beam', beamSize: 1, patience: 1 } });
      assert.deepEqual(b.tokens, g.tokens);
      assert.equal(b.sumLogprob, g.sumLogprob);
    }),
    { numRuns: 40 },
  );
});

test('beam search: one batched call per step, and the winner is scored on its own history (cache reorder)', async () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const fn = hashedLogits(seed, 5, 0.35);
    const decoder = new FakeDecoder(fn);
    const r = await run(decoder, { ...greedy, suppressBlank: false, strategy: { kind: 'beam', beamSize: 4, patience: 1.5 } });
    assert.ok(decoder.shapes.every(([batch]) => batch === 4));
    const suppressed = [19, 21, 25, 26, 27, 28, 29];
    assert.equal(r.sumLogprob, recomputedSum(fn, r.promptTokens, r.tokens, suppressed));
  }
});

test('sampling is reproducible for a seed, and bestOf keeps the best-scoring sample', async () => {
  const fn = hashedLogits(9, 3, 0.3);
  const opts: WindowDecodeOptions = { ...greedy, strategy: { kind: 'sampling', temperature: 1, bestOf: 1 }, seed: 42 };
  const a = await run(new FakeDecoder(fn), opts);
  const b = await run(new FakeDecoder(fn), opts);
  assert.deepEqual(a.tokens, b.tokens);
  const seen = new Set<string>();
  for (let s = 0; s < 8; s++) seen.add(JSON.stringify((await run(new FakeDecoder(fn), { ...opts, seed: s })).tokens));
  assert.ok(seen.size > 1, 'different seeds give different samples');
  const decoder = new FakeDecoder(fn);
  const best = await run(decoder, { ...opts, strategy: { kind: 'sampling', temperature: 1, bestOf: 5 } });
  assert.ok(decoder.shapes.every(([batch]) => batch === 5));
  assert.equal(best.temperature, 1);
});

test('the cache is disposed when a step throws', async () => {
  const decoder = new FakeDecoder(() => {
    throw new Error('boom');
  });
  await assert.rejects(run(decoder, greedy), /boom/);
  assert.equal(decoder.caches.length, 1);
  assert.ok((decoder.caches[0] as unknown as { disposed: boolean }).disposed);
});

test('language detection writes the detected language into the prompt', async () => {
  const fn = (history: readonly number[]) => {
    const l = hashedLogits(2, 8, 0.5)(history);
    if (history.length === 1) l[24] = 100; // 'sq' after <|startoftranscript|>
    return l;
  };
  const r = await run(new FakeDecoder(fn), { ...greedy, language: null });
  assert.equal(r.language, 'sq');
  assert.equal(r.promptTokens[1], 24);
  const probs = r.languageDetection?.probs ?? {};
  assert.ok(Math.abs(Object.values(probs).reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

test('hooks: extra filters run after the standard ones on every step, end() sees the result; no hooks = same decode', async () => {
  const fn = hashedLogits(5, 8, 0.6);
  const plain = await run(new FakeDecoder(fn), greedy);
  const seen: { step: number; argmax: number }[] = [];
  let ended: unknown = null;
  const hooked = await decodeWindow(
    {
      decoder: new FakeDecoder(fn),
      tokenizer,
      hooks: {
        beginWindow: (info) => ({
          filters: [
            {
              apply(logits, tokens) {
                assert.equal(logits[FAKE_IDS.sot], -Infinity, 'standard filters (special tokens suppressed) ran first');
                seen.push({ step: tokens.length - info.sampleBegin, argmax: logits.indexOf(Math.max(...logits)) });
              },
            },
          ],
          end: (r) => {
            ended = r;
          },
        }),
      },
    },
    FAKE_ENCODER_OUTPUT,
    greedy,
  );
  assert.deepEqual(hooked.tokens, plain.tokens, 'an observing hook changes nothing');
  assert.equal(ended, hooked);
  assert.deepEqual(seen.map((s) => s.step), [...Array(plain.tokens.length + 1).keys()], 'one call per step, EOT step included');
  assert.deepEqual(seen.slice(0, -1).map((s) => s.argmax), [...plain.tokens]);
  const banned = plain.tokens[0] as number;
  const changed = await decodeWindow(
    { decoder: new FakeDecoder(fn), tokenizer, hooks: { beginWindow: () => ({ filters: [{ apply: (l) => void (l[banned] = -Infinity) }] }) } },
    FAKE_ENCODER_OUTPUT,
    greedy,
  );
  assert.ok(!changed.tokens.includes(banned), 'a hook filter that masks a token changes the decode');
});

test('hooks: rescore runs after the filters on every step and its changes decide the token; absent = the standard loop', async () => {
  const fn = hashedLogits(7, 8, 0.6);
  const plain = await run(new FakeDecoder(fn), greedy);
  const observed = await decodeWindow(
    { decoder: new FakeDecoder(fn), tokenizer, hooks: { beginWindow: () => ({ rescore: () => Promise.resolve() }) } },
    FAKE_ENCODER_OUTPUT,
    greedy,
  );
  assert.deepEqual(observed.tokens, plain.tokens, 'a rescore that changes nothing leaves the decode as it was');
  assert.deepEqual(observed.steps, plain.steps);
  const banned = plain.tokens[0] as number;
  let calls = 0;
  const changed = await decodeWindow(
    {
      decoder: new FakeDecoder(fn),
      tokenizer,
      hooks: {
        beginWindow: () => ({
          rescore: async (logits, tokens) => {
            calls++;
            assert.equal(logits.length, tokens.length);
            await Promise.resolve();
            for (const l of logits) {
              assert.equal(l[FAKE_IDS.sot], -Infinity, 'standard filters ran before the rescore');
              l[banned] = -Infinity;
            }
          },
        }),
      },
    },
    FAKE_ENCODER_OUTPUT,
    greedy,
  );
  assert.ok(!changed.tokens.includes(banned), 'what the rescore does to the row decides the token');
  assert.equal(calls, changed.tokens.length + 1, 'one call per step, EOT step included');
});
