import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWindow } from '../../decoding/decode-window.js';
import { DEFAULT_WINDOW_DECODE_OPTIONS } from '../../decoding/options.js';
import type { WindowDecodeOptions } from '../../decoding/options.js';
import { FAKE_ENCODER_OUTPUT, FakeDecoder, fakeTokenizer, hashedLogits } from '../../decoding/test-support/fake-model.js';
import { openDenseNet } from '../../runtime/onnx/dense-net.js';
import { BEAMNET_K, N_FEATURES } from './features.js';
import { Mlp } from './mlp.js';
import { mlpToOnnx } from './onnx-net.js';
import { beamnetHooks } from './rescorer.js';
import type { RescoreEvent } from './rescorer.js';

const tokenizer = fakeTokenizer();
const greedy: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, withoutTimestamps: true };
const beam: WindowDecodeOptions = { ...greedy, strategy: { kind: 'beam', beamSize: 3, patience: 1 } };
const fn = hashedLogits(11, 8, 0.3);

function argmaxOver(scores: ArrayLike<number>, candidates: Int32Array): number {
  let best = 0;
  for (let j = 1; j < BEAMNET_K; j++) if ((candidates[j] as number) >= 0 && (scores[j] as number) > (scores[best] as number)) best = j;
  return best;
}

test('rescoring in the loop (ONNX Runtime): every token is the candidate the network scores best, and nothing else changes', async () => {
  const net = Mlp.create([N_FEATURES, 32, BEAMNET_K], 7).roundToFloat32();
  const session = await openDenseNet(mlpToOnnx(net));
  try {
    const plain = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer }, FAKE_ENCODER_OUTPUT, greedy);
    const events: RescoreEvent[] = [];
    const { hooks, stats } = beamnetHooks({ scorer: session, tokens: tokenizer, onStep: (e) => events.push(e) });
    const rescored = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer, hooks }, FAKE_ENCODER_OUTPUT, greedy);
    // The last step is the EOT one, unless the decode ran to the sample limit.
    const full = events.length === rescored.tokens.length ? [...rescored.tokens] : [...rescored.tokens, tokenizer.eot];
    assert.equal(events.length, full.length, 'one network call per step');
    assert.equal(stats.steps, events.length);
    events.forEach((e, t) => {
      assert.equal(e.step, t);
      // The TypeScript forward pass on the same features picks the same slot as ONNX Runtime did.
      assert.equal(argmaxOver(net.forward(e.features, 1), e.candidates), e.choice, `step ${t}`);
      assert.equal(full[t], e.candidates[e.choice], `step ${t}: the decoded token is the network's choice`);
    });
    assert.equal(stats.changed, events.filter((e) => e.choice !== 0).length);
    assert.ok(stats.changed > 0, 'this random net changes some steps (else the test shows nothing)');
    assert.notDeepEqual(rescored.tokens, plain.tokens);
    // Up to the first change the decode is plain greedy's.
    const first = events.findIndex((e) => e.choice !== 0);
    assert.deepEqual(rescored.tokens.slice(0, first), plain.tokens.slice(0, first));
  } finally {
    await session.dispose();
  }
});

test('a network that always keeps slot 0, minGain above every gain, and beam search: the decode is untouched', async () => {
  const keep = Mlp.create([N_FEATURES, 8, BEAMNET_K], 1);
  (keep.layers[1]?.bias as Float64Array)[0] = 1e4;
  keep.roundToFloat32();
  const session = await openDenseNet(mlpToOnnx(keep));
  const randomNet = await openDenseNet(mlpToOnnx(Mlp.create([N_FEATURES, 32, BEAMNET_K], 7).roundToFloat32()));
  try {
    const plain = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer }, FAKE_ENCODER_OUTPUT, greedy);
    const a = beamnetHooks({ scorer: session, tokens: tokenizer });
    const kept = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer, hooks: a.hooks }, FAKE_ENCODER_OUTPUT, greedy);
    assert.deepEqual(kept.tokens, plain.tokens);
    assert.deepEqual(kept.steps, plain.steps);
    assert.equal(kept.sumLogprob, plain.sumLogprob);
    assert.equal(a.stats.changed, 0);
    assert.equal(a.stats.steps, plain.tokens.length + 1);
    const gated = beamnetHooks({ scorer: randomNet, tokens: tokenizer, minGain: 1e9 });
    assert.deepEqual((await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer, hooks: gated.hooks }, FAKE_ENCODER_OUTPUT, greedy)).tokens, plain.tokens);
    const b = beamnetHooks({ scorer: randomNet, tokens: tokenizer });
    const plainBeam = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer }, FAKE_ENCODER_OUTPUT, beam);
    const hookedBeam = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer, hooks: b.hooks }, FAKE_ENCODER_OUTPUT, beam);
    assert.deepEqual(hookedBeam.tokens, plainBeam.tokens);
    assert.equal(b.stats.steps, 0, 'beam search is not rescored');
  } finally {
    await session.dispose();
    await randomNet.dispose();
  }
});
