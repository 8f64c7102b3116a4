import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS } from '../../decoding/index.js';
import type { WindowDecodeOptions } from '../../decoding/index.js';
import { InvalidOptionError } from '../../core/errors.js';
import { FAKE_ENCODER_OUTPUT, FAKE_IDS, FakeDecoder, fakeTokenizer, hashedLogits } from '../../decoding/test-support/fake-model.js';
import type { LogitFunction } from '../../decoding/test-support/fake-model.js';
import { LogitCapture } from '../capture/collector.js';
import { redecodeWindow } from './redecode.js';
import type { RedecodeOptions } from './redecode.js';
import { scoreSequence } from './span-decode.js';

const tokenizer = fakeTokenizer();
const greedy: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, withoutTimestamps: true };
const PROMPT_LEN = 4; // sot, en, transcribe, notimestamps

/**
 * A myopic trap for greedy: 'a' (id 1) beats 'b' (id 2) by 0.2 at the first step, but after 'a' the model is unsure
 * (id 3 at 1.6 against nine ids at 1.0), while after 'b' it is sure of 'c' (id 3 at 10). Then EOT.
 * By hand: log p(a) = -0.598, log p(c | a) = -1.78; log p(b) = -0.798, log p(c | b) ≈ 0: "bc" wins by log-probability.
 */
const trap: LogitFunction = (history) => {
  const out = new Float32Array(FAKE_IDS.vocab).fill(-10);
  const s = history.slice(PROMPT_LEN);
  if (s.length === 0) {
    out[1] = 2.0;
    out[2] = 1.8;
  } else if (s.length === 1 && s[0] === 1) {
    out[3] = 1.6;
    for (let id = 4; id <= 12; id++) out[id] = 1.0;
  } else if (s.length === 1) {
    out[3] = 10;
  } else {
    out[FAKE_IDS.eot] = 10;
  }
  return out;
};

async function greedyWithCapture(fn: LogitFunction, options = greedy) {
  const decoder = new FakeDecoder(fn);
  const capture = new LogitCapture({ topK: 5 }, FAKE_IDS.eot);
  const result = await decodeWindow({ decoder, tokenizer, hooks: capture }, FAKE_ENCODER_OUTPUT, options);
  const ctx = { decoder, tokenizer, encoder: FAKE_ENCODER_OUTPUT, options, prompt: result.promptTokens };
  return { decoder, result, decode: capture.decodes[0] as NonNullable<(typeof capture.decodes)[0]>, ctx };
}

const base: RedecodeOptions = { rule: { marginBelow: 0.5 }, alternatives: 2, spanBeam: 0, rank: 'logprob' };

test('re-decoding: forcing the 2nd alternative wins by log-probability where greedy was myopic; beam agrees', async () => {
  const { result, decode, ctx, decoder } = await greedyWithCapture(trap);
  assert.deepEqual(result.tokens, [1, 3], 'greedy falls into the trap');
  const before = decoder.stepCalls;
  const r = await redecodeWindow(ctx, result, decode, 5, base);
  assert.deepEqual(r.tokens, [2, 3]);
  assert.equal(r.spans.length, 1);
  const span = r.spans[0];
  assert.ok(span !== undefined);
  assert.deepEqual([span.start, span.end, span.pivot], [0, 2, 0], 'the marked step widened to the word "ac"');
  assert.deepEqual(span.reasons, ['marginBelow']);
  const winner = span.candidates[span.chosen];
  assert.equal(winner?.kind, 'what-if');
  assert.equal(winner?.alternative, 2);
  const byHand = -0.7981 + 0 + 0; // log(e^1.8 / (e^2 + e^1.8)); 'c' and EOT at logit 10 vs -10: ≈ 0
  assert.ok(Math.abs(r.sumLogprob - byHand) < 1e-3, `${r.sumLogprob}`);
  assert.ok(Math.abs((span.candidates[0]?.sumLogprob ?? 0) - (-0.5981 - 1.7815)) < 1e-3, `the original by hand: ${span.candidates[0]?.sumLogprob}`);
  assert.equal(r.extraCalls, 1, 'one call: the cached prefix with the forced token');
  assert.equal(r.scoringCalls, 1);
  assert.equal(decoder.stepCalls - before, r.extraCalls + r.scoringCalls, 'every decoder call is reported');
  const beam = await decodeWindow({ decoder: new FakeDecoder(trap), tokenizer }, FAKE_ENCODER_OUTPUT, { ...greedy, strategy: { kind: 'beam', beamSize: 5, patience: 1 } });
  assert.deepEqual(beam.tokens, r.tokens, 'beam 5 finds the same sequence');
  const beamSpan = await redecodeWindow(ctx, result, decode, 5, { ...base, alternatives: 0, spanBeam: 2 });
  assert.deepEqual(beamSpan.tokens, [2, 3], 'beam restricted to the span finds it too');
  assert.equal(beamSpan.spans[0]?.candidates[beamSpan.spans[0].chosen]?.kind, 'span-beam');
});

test('re-decoding: ranking by a caller-supplied LM can keep the original; nothing marked = nothing spent', async () => {
  const { result, decode, ctx } = await greedyWithCapture(trap);
  const lm = (text: string) => (text === 'ac' ? 0 : -10);
  const byLm = await redecodeWindow(ctx, result, decode, 5, { ...base, rank: 'lm', lm });
  assert.deepEqual(byLm.tokens, [1, 3]);
  assert.deepEqual(byLm.spans[0]?.candidates.map((c) => c.lmScore), [0, -10]);
  const both = await redecodeWindow(ctx, result, decode, 5, { ...base, rank: 'both', lm, lmWeight: 0.01 });
  assert.deepEqual(both.tokens, [2, 3], 'a small LM weight leaves the log-probability decisive');
  const none = await redecodeWindow(ctx, result, decode, 5, { ...base, rule: { marginBelow: 0.01 } });
  assert.deepEqual([none.tokens, none.spans.length, none.extraCalls, none.scoringCalls], [result.tokens, 0, 0, 0]);
  await assert.rejects(redecodeWindow(ctx, result, decode, 5, { ...base, rank: 'lm' }), InvalidOptionError);
});

test('scoreSequence: one teacher-forced call gives the decoder\'s own float32 sum (timestamps and blank rules included)', async () => {
  for (const seed of [1, 2, 3]) {
    for (const options of [greedy, DEFAULT_WINDOW_DECODE_OPTIONS]) {
      const decoder = new FakeDecoder(hashedLogits(seed, 8, 0.6));
      const r = await decodeWindow({ decoder, tokenizer }, FAKE_ENCODER_OUTPUT, options);
      const sum = await scoreSequence({ decoder, tokenizer, encoder: FAKE_ENCODER_OUTPUT, options, prompt: r.promptTokens }, r.tokens);
      assert.equal(sum, r.sumLogprob);
    }
  }
});

test("re-decoding with tail 'end': the forced alternative's continuation replaces the rest; later stale spans are skipped", async () => {
  const { result, decode, ctx } = await greedyWithCapture(trap);
  const r = await redecodeWindow(ctx, result, decode, 5, { ...base, tail: 'end', rule: { marginBelow: 1 } });
  assert.deepEqual(r.tokens, [2, 3]);
  assert.equal(r.spans.length + r.skippedSpans, 1, 'one word-widened span (steps 0 and 1 are one word)');
  // Continuing to the end: the forced 'b', then 'c', then EOT ends the candidate.
  assert.equal(r.spans[0]?.candidates.find((c) => c.kind === 'what-if' && c.alternative === 2)?.tokens.join(), '2,3');
  await assert.rejects(redecodeWindow(ctx, result, decode, 5, { ...base, alternatives: -1 }), /redecode\.alternatives/);
});
