import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AudioDecodeError, MissingToolError } from '../core/errors.js';
import { loadAudio } from './load-audio.js';
import { peakLevel } from './normalize.js';
import { AUDIO_DIR, readReferenceAudio } from './test-support/reference.js';
import { encodeWav, sine } from './test-support/wav-writer.js';

const reference = readReferenceAudio();
const JFK = reference['jfk'];
const tmp = mkdtempSync(join(tmpdir(), 'cephalon-audio-'));

function sha256(x: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).digest('hex');
}

async function rejectsWith(p: Promise<unknown>, type: new (...a: never[]) => Error, code: string): Promise<Error> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
    assert.equal((e as { code?: string }).code, code);
    return e;
  }
  assert.fail(`expected ${code}`);
}

test('jfk.flac through ffmpeg and jfk.wav natively give the reference samples (count and sha256)', async () => {
  assert.ok(JFK !== undefined);
  const flac = await loadAudio(`${AUDIO_DIR}/jfk.flac`);
  assert.equal(flac.source.decoder, 'ffmpeg');
  assert.equal(flac.samples.length, JFK.n_samples);
  assert.equal(sha256(flac.samples), JFK.sha256_float32);
  const wav = await loadAudio(`${AUDIO_DIR}/jfk.wav`);
  assert.equal(wav.source.decoder, 'wav');
  assert.equal(sha256(wav.samples), JFK.sha256_float32);
  const forced = await loadAudio(`${AUDIO_DIR}/jfk.wav`, { decoder: 'ffmpeg' });
  assert.equal(sha256(forced.samples), JFK.sha256_float32);
  const piped = await loadAudio(new Uint8Array(readFileSync(`${AUDIO_DIR}/jfk.flac`)));
  assert.equal(sha256(piped.samples), JFK.sha256_float32);
});

test('missing ffmpeg: MissingToolError that says how to install it', async () => {
  const e = await rejectsWith(loadAudio(`${AUDIO_DIR}/jfk.flac`, { ffmpegPath: join(tmp, 'no-such-dir', 'ffmpeg') }), MissingToolError, 'MISSING_FFMPEG');
  assert.match((e as MissingToolError).hint ?? '', /apt-get install ffmpeg/);
  assert.match((e as MissingToolError).hint ?? '', /brew install ffmpeg/);
});

test('WAV at 44.1 kHz stereo and 8 kHz are resampled to 16 kHz', async () => {
  const left = sine(1000, 44100, 44100, 0.5);
  const stereo = await loadAudio(encodeWav({ sampleType: 's24', sampleRate: 44100, channels: [left, left] }));
  assert.deepEqual(stereo.source, { decoder: 'wav', sampleRate: 44100, channels: 2 });
  assert.equal(stereo.sampleRate, 16000);
  assert.equal(stereo.samples.length, 16000);
  const ideal = sine(1000, 16000, 16000, 0.5);
  for (let i = 500; i < 15500; i += 97) assert.ok(Math.abs((stereo.samples[i] as number) - (ideal[i] as number)) < 2e-4);
  const narrow = await loadAudio(encodeWav({ sampleType: 'u8', sampleRate: 8000, channels: [sine(500, 8000, 8000, 0.5)] }));
  assert.equal(narrow.samples.length, 16000);
});

test('WAV encodings the native reader lacks fall back to ffmpeg (MS ADPCM); native-only mode refuses', async () => {
  const adpcm = join(tmp, 'adpcm.wav');
  execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', `${AUDIO_DIR}/jfk.wav`, '-t', '1', '-acodec', 'adpcm_ms', adpcm]);
  const out = await loadAudio(adpcm);
  assert.equal(out.source.decoder, 'ffmpeg');
  assert.ok(Math.abs(out.samples.length - 16000) < 2100);
  await rejectsWith(loadAudio(adpcm, { decoder: 'native' }), AudioDecodeError, 'WAV_UNSUPPORTED');
  await rejectsWith(loadAudio(`${AUDIO_DIR}/jfk.flac`, { decoder: 'native' }), AudioDecodeError, 'NOT_WAV');
});

test('truncated WAV loads with a warning', async () => {
  const out = await loadAudio(encodeWav({ sampleType: 's16', sampleRate: 16000, channels: [sine(300, 16000, 1600)], truncateBytes: 1000 }));
  assert.equal(out.samples.length, 1100);
  assert.deepEqual(out.warnings.map((w) => w.code), ['truncated-data']);
});

test('unreadable, empty and garbage inputs give AudioDecodeError naming the file', async () => {
  const missing = join(tmp, 'missing.wav');
  const e = await rejectsWith(loadAudio(missing), AudioDecodeError, 'AUDIO_FILE_UNREADABLE');
  assert.match(e.message, /missing\.wav/);
  const empty = join(tmp, 'empty.mp3');
  writeFileSync(empty, '');
  await rejectsWith(loadAudio(empty), AudioDecodeError, 'AUDIO_EMPTY');
  await rejectsWith(loadAudio(new Uint8Array(0)), AudioDecodeError, 'AUDIO_EMPTY');
  const garbage = join(tmp, 'garbage.ogg');
  writeFileSync(garbage, 'this is not audio, just some text that ffmpeg cannot decode');
  const g = await rejectsWith(loadAudio(garbage), AudioDecodeError, 'FFMPEG_FAILED');
  assert.match(g.message, /garbage\.ogg/);
  await rejectsWith(loadAudio(tmp), AudioDecodeError, 'AUDIO_FILE_UNREADABLE');
});

test('conditioning options apply after decoding and are off by default', async () => {
  const wav = encodeWav({ sampleType: 'f32', sampleRate: 16000, channels: [sine(440, 16000, 16000, 0.1)] });
  const plain = await loadAudio(wav);
  assert.ok(Math.abs(peakLevel(plain.samples) - 0.1) < 1e-4);
  const norm = await loadAudio(wav, { normalize: { kind: 'peak', targetDbfs: -1 }, highPass: { cutoffHz: 100 } });
  assert.ok(Math.abs(peakLevel(norm.samples) - 10 ** (-1 / 20)) < 1e-6);
});
