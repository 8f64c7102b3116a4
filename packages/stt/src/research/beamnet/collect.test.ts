import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWindow } from '../../decoding/decode-window.js';
import { DEFAULT_WINDOW_DECODE_OPTIONS } from '../../decoding/options.js';
import type { WindowDecodeOptions } from '../../decoding/options.js';
import { FAKE_ENCODER_OUTPUT, FakeDecoder, fakeTokenizer, hashedLogits } from '../../decoding/test-support/fake-model.js';
import { collectWindow } from './collect.js';
import { BEAMNET_K, N_FEATURES } from './features.js';

const tokenizer = fakeTokenizer();
const greedy: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, withoutTimestamps: true };

test('collect: one example per greedy step; labels point at beam\'s aligned token among the candidates', async () => {
  let labelled = 0;
  let differing = 0;
  for (let seed = 0; seed < 12; seed++) {
    const fn = hashedLogits(seed, 3, 0.15);
    const ctx = { decoder: new FakeDecoder(fn), tokenizer };
    const { examples, record } = await collectWindow(ctx, { audio: `a${seed}`, window: `a${seed}@0`, encoder: FAKE_ENCODER_OUTPUT }, { greedy, beamSize: 4 });
    const g = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer }, FAKE_ENCODER_OUTPUT, greedy);
    const b = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer }, FAKE_ENCODER_OUTPUT, { ...greedy, strategy: { kind: 'beam', beamSize: 4, patience: 1 } });
    assert.deepEqual(record.greedy, [...g.tokens, tokenizer.eot]);
    assert.deepEqual(record.beam, [...b.tokens, tokenizer.eot]);
    assert.equal(examples.length, record.greedy.length);
    for (const e of examples) {
      assert.equal(e.features.length, N_FEATURES);
      assert.equal(e.greedyToken, e.candidates[0]);
      assert.equal(e.greedyToken, record.greedy[e.step]);
      if (e.op === 'ins') assert.equal(e.label, -1);
      else if (e.label < BEAMNET_K) assert.equal(e.candidates[e.label], e.beamToken);
      else assert.ok(!e.candidates.includes(e.beamToken));
      assert.equal(e.op === 'match', e.label === 0);
      if (e.label >= 0) labelled++;
      if (e.label > 0) differing++;
    }
    assert.equal(record.inTopK, examples.filter((e) => e.label >= 0 && e.label < BEAMNET_K).length);
  }
  assert.ok(labelled > 0 && differing > 0, `the fake models give both kinds of labels (${labelled} labelled, ${differing} differing)`);
});

test('collect refuses non-greedy options', async () => {
  const ctx = { decoder: new FakeDecoder(hashedLogits(1)), tokenizer };
  await assert.rejects(collectWindow(ctx, { audio: 'a', window: 'a', encoder: FAKE_ENCODER_OUTPUT }, { greedy: { ...greedy, strategy: { kind: 'beam', beamSize: 2, patience: 1 } }, beamSize: 4 }), RangeError);
});
