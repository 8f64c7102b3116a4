import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { N_FRAMES, N_SAMPLES } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';
import { logMelSpectrogram } from './log-mel.js';
import { melFilterBank } from './mel-filters.js';
import { padOrTrimMel, padOrTrimSamples, sliceMelFrames } from './pad-or-trim.js';
import { decodeWav } from './wav.js';
import { AUDIO_DIR, maxAbsDiff, readMelFiltersNpz, readReferenceMel } from './test-support/reference.js';

/** Acceptance tolerance against OpenAI's float32 reference mels. */
const MEL_ATOL = 1e-4;

test('mel filterbanks (80, 128) computed in code match mel_filters.npz', () => {
  const npz = readMelFiltersNpz();
  for (const n of [80, 128]) {
    const ref = npz.get(`mel_${n}`);
    assert.ok(ref !== undefined);
    assert.deepEqual(ref.shape, [n, 201]);
    const diff = maxAbsDiff(melFilterBank(n).data, ref.data);
    assert.ok(diff <= 1e-7, `mel_${n} max abs diff ${diff}`);
  }
});

test('log-mel of jfk and long matches every OpenAI reference mel (transcribe and window conventions)', () => {
  for (const name of ['jfk', 'long']) {
    const audio = decodeWav(new Uint8Array(readFileSync(`${AUDIO_DIR}/${name}.wav`)));
    const full = logMelSpectrogram(audio, { paddingSamples: N_SAMPLES });
    const refFull = readReferenceMel(`mel_${name}_full`);
    assert.deepEqual([full.nMels, full.nFrames], [refFull.nMels, refFull.nFrames]);
    const dFull = maxAbsDiff(full.data, refFull.data);
    assert.ok(dFull <= MEL_ATOL, `mel_${name}_full: ${dFull}`);
    const w0 = logMelSpectrogram(padOrTrimSamples(audio.samples));
    const refW0 = readReferenceMel(`mel_${name}_w0`);
    assert.deepEqual([w0.nMels, w0.nFrames], [80, N_FRAMES]);
    const dW0 = maxAbsDiff(w0.data, refW0.data);
    assert.ok(dW0 <= MEL_ATOL, `mel_${name}_w0: ${dW0}`);
  }
});

test('transcribe-convention first window = full mel sliced and padded in the log domain', () => {
  const audio = decodeWav(new Uint8Array(readFileSync(`${AUDIO_DIR}/jfk.wav`)));
  const full = readReferenceMel('mel_jfk_full');
  const window = padOrTrimMel(sliceMelFrames(full, 0, Math.min(N_FRAMES, audio.samples.length / 160)));
  assert.equal(window.nFrames, N_FRAMES);
  assert.equal(window.data[0 * N_FRAMES + 1099], full.data[1099]);
  assert.equal(window.data[5 * N_FRAMES + 1100], 0);
  // It differs from the decode-convention window (different floor and padding), as the reference says.
  assert.ok(maxAbsDiff(window.data, readReferenceMel('mel_jfk_w0').data) > 0.1);
});

test('shapes, short inputs, 128 bins and validation', () => {
  const tiny = logMelSpectrogram(new Float32Array(50).fill(0.1), { nMels: 128, paddingSamples: 400 });
  assert.deepEqual([tiny.nMels, tiny.nFrames], [128, 2]);
  assert.ok(tiny.data.every((v) => Number.isFinite(v)));
  assert.equal(logMelSpectrogram(new Float32Array(0)).nFrames, 0);
  const progress: number[] = [];
  logMelSpectrogram(new Float32Array(160 * 5000), { onProgress: (done, total) => progress.push(done / total) });
  assert.deepEqual(progress, [4096 / 5000, 1]);
  assert.throws(() => logMelSpectrogram({ samples: new Float32Array(10), sampleRate: 8000 }), InvalidOptionError);
  assert.throws(() => logMelSpectrogram(new Float32Array(10), { paddingSamples: -1 }), InvalidOptionError);
  assert.throws(() => melFilterBank(0), InvalidOptionError);
  assert.equal(padOrTrimSamples(new Float32Array(5), 3).length, 3);
  assert.deepEqual(Array.from(padOrTrimSamples(Float32Array.of(1, 2), 4)), [1, 2, 0, 0]);
  const mel = { data: Float32Array.of(1, 2, 3, 4, 5, 6), nMels: 2, nFrames: 3 };
  assert.deepEqual(Array.from(padOrTrimMel(mel, 2).data), [1, 2, 4, 5]);
  assert.deepEqual(Array.from(padOrTrimMel(mel, 4).data), [1, 2, 3, 0, 4, 5, 6, 0]);
  assert.deepEqual(Array.from(sliceMelFrames(mel, 1, 5).data), [2, 3, 5, 6]);
});
