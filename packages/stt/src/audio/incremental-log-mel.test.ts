/** The incremental window log-mel equals the full recompute bit for bit, while reusing frames. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalLogMel } from './incremental-log-mel.js';
import { logMelSpectrogram } from './log-mel.js';
import { padOrTrimMel, sliceMelFrames } from './pad-or-trim.js';

const PADDING = 16000;

/** The full recompute: the buffer's log-mel with 1 s of zeros, cut to its content frames, padded to 3000. */
function reference(audio: Float32Array, nMels: number): { data: Float32Array; frames: number } {
  const mel = logMelSpectrogram(audio, { nMels, paddingSamples: PADDING });
  const frames = Math.min(3000, mel.nFrames - PADDING / 160);
  return { data: padOrTrimMel(sliceMelFrames(mel, 0, frames), 3000).data, frames };
}

/** Seeded speech-like test signal: noise bursts and tones with a changing level (so the window max moves). */
function signal(seconds: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(Math.round(seconds * 16000));
  for (let i = 0; i < out.length; i++) {
    const level = 0.5 + 0.45 * Math.sin(i / 9000);
    out[i] = level * (0.3 * Math.sin(i * 0.07 + 0.002 * i * Math.sin(i / 5000)) + 0.2 * (random() - 0.5));
  }
  return out;
}

test('a growing, trimmed buffer: every window equals the full recompute exactly, and most frames are reused', () => {
  const stream = signal(40, 7);
  for (const nMels of [80, 128]) {
    const mel = new IncrementalLogMel(nMels);
    let start = 0;
    let end = 0;
    // Steps of uneven size; trims on the hop grid (frames reused) and off it (cache restarts); a buffer over 30 s.
    const steps: [number, number][] = [[0, 1234], [0, 16000], [0, 777], [0, 9000], [1600, 16000], [0, 159], [3201, 20000], [0, 161], [0, 16000], [0, 400000], [160 * 37, 3]];
    for (const [trim, grow] of steps) {
      start += trim;
      const previousEnd = end;
      end = Math.min(stream.length, end + grow);
      const audio = stream.subarray(start, end);
      const before = { ...mel.stats };
      const got = mel.window(audio, start);
      const computed = mel.stats.computed - before.computed;
      const touching = Math.ceil((end - start + 200) / 160);
      if (trim % 160 !== 0) assert.equal(computed, touching, 'off the hop grid: every frame computed');
      else if (previousEnd - start > 400) {
        // Only the new audio's frames, the frames that saw zeros at the old end, and the two reflected at the start.
        assert.ok(computed <= Math.ceil(grow / 160) + 6, `on the grid: computed ${computed} frames for ${grow} new samples`);
        assert.equal(mel.stats.reused - before.reused, touching - computed);
      }
      const want = reference(audio, nMels);
      assert.equal(got.frames, want.frames, `frames at [${start}, ${end})`);
      assert.ok(got.data.every((v, i) => Object.is(v, want.data[i])), `bit-equal window at [${start}, ${end}), nMels ${nMels}`);
    }
    assert.equal(mel.stats.restarts, 1, 'one off-grid trim');
  }
});

test('tiny buffers (no interior frame) and a reset equal the full recompute', () => {
  const stream = signal(2, 3);
  const mel = new IncrementalLogMel(80);
  for (const end of [1, 150, 199, 200, 201, 399, 400, 401, 560, 3000]) {
    const audio = stream.subarray(0, end);
    const got = mel.window(audio, 0);
    const want = reference(audio, 80);
    assert.equal(got.frames, want.frames);
    assert.ok(got.data.every((v, i) => Object.is(v, want.data[i])), `bit-equal at ${end} samples`);
  }
  mel.reset();
  const other = signal(3, 4);
  const got = mel.window(other, 0);
  const want = reference(other, 80);
  assert.ok(got.data.every((v, i) => Object.is(v, want.data[i])), 'after reset(): another stream');
});

test('bad arguments are typed errors', () => {
  assert.throws(() => new IncrementalLogMel(80, 100), { name: 'InvalidOptionError' });
  assert.throws(() => new IncrementalLogMel(80, 16001), { name: 'InvalidOptionError' });
  assert.throws(() => new IncrementalLogMel(80).window(new Float32Array(10), -1), { name: 'InvalidOptionError' });
  assert.throws(() => new IncrementalLogMel(80).window(new Float32Array(10), 0, 0), { name: 'InvalidOptionError' });
});
