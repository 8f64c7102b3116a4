import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitByAudio, toMatrix } from './dataset.js';
import type { BeamnetExample } from './dataset.js';
import { BEAMNET_K, N_FEATURES } from './features.js';

function example(audio: string, step: number, label: number): BeamnetExample {
  return { audio, window: `${audio}@0`, step, features: new Array<number>(N_FEATURES).fill(step), candidates: [], greedyToken: 1, beamToken: 1, op: 'match', label };
}

test('split by audio: no audio on both sides, every example on exactly one, deterministic for a seed', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 200 }),
      fc.double({ min: 0, max: 0.9, noNaN: true }),
      fc.integer(),
      (rows, fraction, seed) => {
        const examples = rows.map(([a, s]) => example(`a${a}`, s, 0));
        const split = splitByAudio(examples, fraction, seed);
        const trainAudio = new Set(split.train.map((e) => e.audio));
        for (const e of split.validation) assert.ok(!trainAudio.has(e.audio), `audio ${e.audio} on both sides`);
        assert.equal(split.train.length + split.validation.length, examples.length);
        const audios = new Set(examples.map((e) => e.audio));
        assert.equal(split.trainAudio.length + split.validationAudio.length, audios.size);
        if (audios.size >= 2 && fraction > 0) assert.ok(split.validationAudio.length >= 1 && split.trainAudio.length >= 1);
        assert.deepEqual(splitByAudio(examples, fraction, seed), split);
      },
    ),
  );
});

test('split by audio: steps of one audio are never divided, even when one audio holds most steps', () => {
  const examples = [...Array.from({ length: 500 }, (_, i) => example('big', i, 0)), example('small1', 0, 0), example('small2', 0, 0)];
  for (let seed = 0; seed < 20; seed++) {
    const s = splitByAudio(examples, 0.34, seed);
    const big = [...s.train, ...s.validation].filter((e) => e.audio === 'big');
    assert.ok(s.train.filter((e) => e.audio === 'big').length === 0 || s.validation.filter((e) => e.audio === 'big').length === 0);
    assert.equal(big.length, 500);
  }
  assert.throws(() => splitByAudio(examples, 1, 0), RangeError);
});

test('toMatrix: labels outside the top-k (or unaligned) are not trained on; valid slots come from the features', () => {
  const e = example('a', 0, BEAMNET_K);
  const features = new Array<number>(N_FEATURES).fill(0);
  features[1] = 1; // valid_0
  features[6] = 1; // valid_1
  const m = toMatrix([e, { ...e, label: -1 }, { ...e, label: 1, features }]);
  assert.deepEqual([...m.labels], [-1, -1, 1]);
  assert.deepEqual([...m.valid.subarray(2 * BEAMNET_K, 2 * BEAMNET_K + 3)], [1, 1, 0]);
  assert.throws(() => toMatrix([{ ...e, features: [1, 2] }]), RangeError);
});
