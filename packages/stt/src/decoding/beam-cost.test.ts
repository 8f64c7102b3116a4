import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeWindow } from './decode-window.js';
import type { BeamCandidate } from './decode-hooks.js';
import type { Hypothesis } from './hypothesis.js';
import { DEFAULT_WINDOW_DECODE_OPTIONS } from './options.js';
import type { WindowDecodeOptions } from './options.js';
import { FAKE_ENCODER_OUTPUT, FAKE_IDS, FakeDecoder, fakeTokenizer, hashedLogits } from './test-support/fake-model.js';

const tokenizer = fakeTokenizer();
const beam: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, withoutTimestamps: true, suppressBlank: false, strategy: { kind: 'beam', beamSize: 3, patience: 1 } };

test('beamCost hook: zero cost = the plain beam decode bit for bit; a cost on one token steers beams away from it', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
      const fn = hashedLogits(seed, 8, 0.6);
      const plain = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer }, FAKE_ENCODER_OUTPUT, beam);
      let calls = 0;
      const zero = await decodeWindow(
        { decoder: new FakeDecoder(fn), tokenizer, hooks: { beginWindow: () => ({ beamCost: (_rows: readonly Hypothesis[], c: readonly BeamCandidate[]) => (calls++, new Float64Array(c.length)) }) } },
        FAKE_ENCODER_OUTPUT,
        beam,
      );
      assert.ok(calls > 0, 'the cost hook is called during beam search');
      assert.deepEqual(zero.tokens, plain.tokens);
      assert.equal(zero.sumLogprob, plain.sumLogprob);
      assert.deepEqual(zero.steps, plain.steps);
      // A large cost on the plain winner's first token removes that token from the first position.
      const first = plain.tokens[0];
      if (first === undefined || first === FAKE_IDS.eot) return;
      const steered = await decodeWindow(
        { decoder: new FakeDecoder(fn), tokenizer, hooks: { beginWindow: () => ({ beamCost: (_r, c) => c.map((x) => (x.token === first ? 1000 : 0)) }) } },
        FAKE_ENCODER_OUTPUT,
        beam,
      );
      assert.notEqual(steered.tokens[0], first);
    }),
    { numRuns: 15 },
  );
});

test('beamCost hook: ignored by greedy decoding (the greedy decode is unchanged)', async () => {
  const fn = hashedLogits(5, 8, 0.6);
  const greedy: WindowDecodeOptions = { ...beam, strategy: { kind: 'sampling', temperature: 0, bestOf: 1 } };
  const plain = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer }, FAKE_ENCODER_OUTPUT, greedy);
  const hooked = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer, hooks: { beginWindow: () => ({ beamCost: (_r, c) => c.map(() => 1000) }) } }, FAKE_ENCODER_OUTPUT, greedy);
  assert.deepEqual(hooked.tokens, plain.tokens);
  assert.equal(hooked.sumLogprob, plain.sumLogprob);
});
