import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { AudioDecodeError, InvalidOptionError } from '../core/errors.js';
import { decodeRawPcm, loadRawPcm, readRawPcm } from './raw-pcm.js';
import type { PcmFormat } from './types.js';
import { maxAbsDiff } from './test-support/reference.js';
import { sine } from './test-support/wav-writer.js';

/** Interleaved s16le stereo bytes of (x, x / 2). */
function s16Stereo(x: Float32Array): Uint8Array {
  const out = Buffer.alloc(x.length * 4);
  x.forEach((v, i) => {
    const q = Math.round(v * 32767);
    out.writeInt16LE(q, 4 * i);
    out.writeInt16LE(Math.round(q / 2), 4 * i + 2);
  });
  return out;
}

/** Splits bytes into chunks of awkward sizes so frames straddle chunk boundaries. */
function* awkward(bytes: Uint8Array): Generator<Uint8Array> {
  const sizes = [1, 3, 7, 1000, 5, 2];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length] as number;
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

const FORMAT: PcmFormat = { sampleType: 's16', sampleRate: 48000, channels: 2 };

test('raw PCM from a stream equals decoding it in one piece, across awkward chunk boundaries', async () => {
  const bytes = s16Stereo(sine(1000, 48000, 4800, 0.5));
  const whole = decodeRawPcm(bytes, FORMAT);
  const streamed = await readRawPcm(Readable.from(awkward(bytes)), FORMAT);
  assert.equal(streamed.samples.length, 4800);
  assert.deepEqual(streamed.samples, whole.samples);
  assert.deepEqual(streamed.warnings, []);
  assert.ok(maxAbsDiff(streamed.samples, sine(1000, 48000, 4800, 0.375)) < 1e-4);
});

test('loadRawPcm resamples to 16 kHz; a trailing partial frame is dropped with a warning', async () => {
  const bytes = s16Stereo(sine(1000, 48000, 4800, 0.5));
  const cut = bytes.subarray(0, bytes.length - 3);
  const out = await loadRawPcm(Readable.from(awkward(cut)), FORMAT);
  assert.equal(out.sampleRate, 16000);
  assert.equal(out.samples.length, 1600);
  assert.deepEqual(out.source, { decoder: 'raw-pcm', sampleRate: 48000, channels: 2 });
  assert.deepEqual(out.warnings.map((w) => w.code), ['partial-frame']);
});

test('empty streams and bad formats give typed errors', async () => {
  await assert.rejects(readRawPcm(Readable.from([]), FORMAT), AudioDecodeError);
  assert.throws(() => decodeRawPcm(new Uint8Array(4), { ...FORMAT, channels: 0 }), InvalidOptionError);
  assert.throws(() => decodeRawPcm(new Uint8Array(4), { ...FORMAT, sampleRate: -1 }), InvalidOptionError);
  const f32be = Buffer.alloc(8);
  f32be.writeFloatBE(0.25, 0);
  f32be.writeFloatBE(-0.5, 4);
  assert.deepEqual(Array.from(decodeRawPcm(f32be, { sampleType: 'f32', sampleRate: 8000, channels: 1, byteOrder: 'be' }).samples), [0.25, -0.5]);
});
