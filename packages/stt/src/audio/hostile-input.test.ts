/**
 * Regression tests for hostile or damaged audio found by fuzzing: header bombs, bad block align, NaN samples,
 * named pipes, WAV files over 2 GiB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AudioDecodeError } from '../core/errors.js';
import { loadAudio, MAX_NATIVE_WAV_BYTES } from './load-audio.js';
import { encodeWav, sine } from './test-support/wav-writer.js';
import { decodeWav } from './wav.js';

/** Byte offsets in the canonical 44-byte header `encodeWav` writes (fmt chunk first). */
const RATE_AT = 24;
const BLOCK_ALIGN_AT = 32;

function withRate(rate: number): Uint8Array {
  const bytes = encodeWav({ sampleType: 's16', sampleRate: 16_000, channels: [sine(440, 16_000, 1600)] });
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(RATE_AT, rate, true);
  return bytes;
}

function rejects(fn: () => unknown, code: string, name: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AudioDecodeError, `expected AudioDecodeError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    return true;
  });
}

test('header bombs: implausible sample rates are refused with the file name, before any allocation', () => {
  for (const rate of [1, 999, 768_001, 2 ** 31, 0xffffffff]) rejects(() => decodeWav(withRate(rate), 'bomb.wav'), 'WAV_BAD_RATE', 'bomb.wav');
  for (const rate of [1000, 8000, 768_000]) assert.equal(decodeWav(withRate(rate), 'ok.wav').sampleRate, rate);
});

test('header bombs: at the lowest accepted rate, 16 kHz output stays within 16 samples per file byte', async () => {
  const bytes = withRate(1000);
  const audio = await loadAudio(bytes, { decoder: 'native' });
  assert.ok(audio.samples.length <= 16 * bytes.byteLength, `${audio.samples.length} samples from ${bytes.byteLength} bytes`);
  assert.equal(audio.samples.length, 1600 * 16);
});

test('a block align that gives samples wider than 8 bytes is an audio error naming the file', () => {
  const bytes = encodeWav({ sampleType: 's16', sampleRate: 16_000, channels: [sine(440, 16_000, 160)] });
  new DataView(bytes.buffer, bytes.byteOffset).setUint16(BLOCK_ALIGN_AT, 40, true);
  rejects(() => decodeWav(bytes, 'wide.wav'), 'WAV_BAD_FMT', 'wide.wav');
});

test('float WAVs holding NaN or infinity are refused; truncated data is a warning', () => {
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
    const samples = sine(440, 16_000, 800);
    samples[500] = bad;
    rejects(() => decodeWav(encodeWav({ sampleType: 'f32', sampleRate: 16_000, channels: [samples] }), 'nan.wav'), 'AUDIO_NON_FINITE', 'nan.wav');
  }
  const truncated = decodeWav(encodeWav({ sampleType: 's16', sampleRate: 16_000, channels: [sine(440, 16_000, 1600)], truncateBytes: 1001 }), 't.wav');
  assert.deepEqual(truncated.warnings.map((w) => w.code), ['truncated-data', 'partial-frame']);
});

test('named pipes and other non-regular files are refused without opening them (opening would block)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-fifo-'));
  try {
    const fifo = join(dir, 'pipe.wav');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(loadAudio(fifo), (e: unknown) => e instanceof AudioDecodeError && e.code === 'AUDIO_NOT_REGULAR_FILE' && e.message.includes('named pipe') && e.message.includes(fifo));
    await assert.rejects(loadAudio('/dev/null'), (e: unknown) => e instanceof AudioDecodeError && e.code === 'AUDIO_NOT_REGULAR_FILE' && e.message.includes('a device'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a WAV over 2 GiB (sparse file) goes to ffmpeg in auto mode and is a typed error in native mode', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-big-'));
  try {
    const big = join(dir, 'big.wav');
    const header = encodeWav({ sampleType: 's16', sampleRate: 16_000, channels: [new Float32Array(0)], dataSizeField: 0xffffffff });
    const fh = await open(big, 'w');
    await fh.write(header, 0, header.byteLength, 0);
    await fh.truncate(MAX_NATIVE_WAV_BYTES + 4096); // sparse: no 2 GiB written
    await fh.close();
    await assert.rejects(loadAudio(big, { decoder: 'native' }), (e: unknown) => e instanceof AudioDecodeError && e.code === 'WAV_TOO_LARGE' && e.message.includes(big));
    // a stand-in ffmpeg proves the hand-off without decoding 2 GiB: it prints 0.1 s of 16-bit silence
    const fake = join(dir, 'fake-ffmpeg');
    await writeFile(fake, '#!/bin/sh\nhead -c 3200 /dev/zero\n');
    await chmod(fake, 0o755);
    const audio = await loadAudio(big, { ffmpegPath: fake });
    assert.equal(audio.source.decoder, 'ffmpeg');
    assert.equal(audio.samples.length, 1600);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
