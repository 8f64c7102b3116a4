import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AudioDecodeError } from '../core/errors.js';
import { decodeWav } from './wav.js';
import { pcmToMono } from './pcm.js';
import { encodeWav, sine, type WavSpec } from './test-support/wav-writer.js';
import { AUDIO_DIR, maxAbsDiff, readReferenceAudio } from './test-support/reference.js';

const N = 1000;
const tone = sine(440, 16000, N, 0.7);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function decodeCode(bytes: Uint8Array): string {
  try {
    decodeWav(bytes, 'x.wav');
  } catch (e) {
    assert.ok(e instanceof AudioDecodeError, `expected AudioDecodeError, got ${String(e)}`);
    assert.match(e.message, /x\.wav/);
    assert.ok(e.hint !== undefined && e.hint.length > 0);
    return e.code;
  }
  return 'no error';
}

test('every sample type decodes to within its quantisation step', () => {
  const steps: Record<WavSpec['sampleType'], number> = { u8: 2 ** -7, s16: 2 ** -15, s24: 2 ** -23, s32: 2 ** -31, f32: 0, f64: 0 };
  for (const [type, step] of Object.entries(steps) as [WavSpec['sampleType'], number][]) {
    const out = decodeWav(encodeWav({ sampleType: type, sampleRate: 16000, channels: [tone] }));
    assert.equal(out.samples.length, N, type);
    assert.equal(out.sampleRate, 16000);
    assert.deepEqual(out.warnings, []);
    assert.ok(maxAbsDiff(out.samples, tone) <= step / 2 + 1e-9, `${type}: ${maxAbsDiff(out.samples, tone)}`);
  }
});

test('WAVE_FORMAT_EXTENSIBLE: 24-bit in 32-bit containers, float, 16-bit', () => {
  const cases: [WavSpec['sampleType'], number | undefined, number][] = [['s24', 4, 2 ** -24], ['f32', undefined, 0], ['s16', undefined, 2 ** -16]];
  for (const [type, containerBytes, tol] of cases) {
    const spec: WavSpec = { sampleType: type, sampleRate: 22050, channels: [tone], extensible: true, ...(containerBytes ? { containerBytes } : {}) };
    const out = decodeWav(encodeWav(spec));
    assert.equal(out.format.formatTag, type === 'f32' ? 3 : 1);
    assert.equal(out.sampleRate, 22050);
    assert.ok(maxAbsDiff(out.samples, tone) <= tol + 1e-9, `${type}: ${maxAbsDiff(out.samples, tone)}`);
  }
});

test('stereo and 5.1 are mixed to mono by averaging channels', () => {
  const right = tone.map((v) => -0.5 * v);
  const stereo = decodeWav(encodeWav({ sampleType: 'f32', sampleRate: 16000, channels: [tone, right] }));
  assert.equal(stereo.channels, 2);
  assert.ok(maxAbsDiff(stereo.samples, tone.map((v) => 0.25 * v)) < 1e-7);
  const six = [0.6, -0.6, 0.3, 0.0, 0.12, -0.06].map((v) => new Float32Array(N).fill(v));
  const surround = decodeWav(encodeWav({ sampleType: 's16', sampleRate: 48000, channels: six, extensible: true }));
  assert.equal(surround.channels, 6);
  const expected = six.reduce((s, c) => s + Math.round((c[0] as number) * 32768) / 32768, 0) / 6;
  assert.ok(Math.abs((surround.samples[10] as number) - expected) < 1e-7);
});

test('LIST, fact and odd-sized chunks (with pad byte) anywhere; fmt after data', () => {
  const odd = { id: 'junk', body: text('abc') };
  const list = { id: 'LIST', body: text('INFOISFT\x05\x00\x00\x00test\x00') };
  const fact = { id: 'fact', body: new Uint8Array([0xe8, 0x03, 0, 0]) };
  const bytes = encodeWav({ sampleType: 's16', sampleRate: 16000, channels: [tone], chunksBeforeFmt: [odd], chunksBeforeData: [list, fact, odd], chunksAfterData: [odd] });
  const out = decodeWav(bytes);
  assert.equal(out.samples.length, N);
  assert.deepEqual(out.warnings, []);
  const late = decodeWav(encodeWav({ sampleType: 's16', sampleRate: 16000, channels: [tone.subarray(0, 999)], fmtAfterData: true, chunksAfterData: [list] }));
  assert.equal(late.samples.length, 999);
  assert.ok(maxAbsDiff(late.samples, tone.subarray(0, 999)) <= 2 ** -16);
});

test('truncated data chunk: reads what is there and warns', () => {
  const out = decodeWav(encodeWav({ sampleType: 's16', sampleRate: 16000, channels: [tone, tone], truncateBytes: 401 }));
  assert.equal(out.samples.length, N - 101);
  assert.deepEqual(out.warnings.map((w) => w.code), ['truncated-data', 'partial-frame']);
  assert.ok(maxAbsDiff(out.samples, tone.subarray(0, N - 101)) <= 2 ** -16);
});

test('streamed WAV with unknown data size reads to the end', () => {
  const out = decodeWav(encodeWav({ sampleType: 's16', sampleRate: 16000, channels: [tone], dataSizeField: 0xffffffff }));
  assert.equal(out.samples.length, N);
  assert.deepEqual(out.warnings.map((w) => w.code), ['unknown-data-size']);
});

test('big-endian RIFX', () => {
  for (const type of ['s16', 's24', 'f64'] as const) {
    const out = decodeWav(encodeWav({ sampleType: type, sampleRate: 8000, channels: [tone], bigEndian: true }));
    assert.ok(maxAbsDiff(out.samples, tone) <= 2 ** -16, type);
  }
});

test('G.711 A-law and µ-law tables', () => {
  const mu = pcmToMono(new Uint8Array([0xff, 0x00, 0x80, 0x7f]), { sampleType: 'mulaw', sampleRate: 8000, channels: 1 });
  assert.deepEqual(Array.from(mu, (v) => Math.round(v * 32768) + 0), [0, -32124, 32124, 0]);
  const a = pcmToMono(new Uint8Array([0xd5, 0x55, 0xaa, 0x2a]), { sampleType: 'alaw', sampleRate: 8000, channels: 1 });
  assert.deepEqual(Array.from(a, (v) => Math.round(v * 32768)), [8, -8, 32256, -32256]);
});

test('bad files give typed errors naming the file and a fix', () => {
  assert.equal(decodeCode(text('not a wav file at all')), 'WAV_NOT_RIFF');
  const good = encodeWav({ sampleType: 's16', sampleRate: 16000, channels: [tone] });
  const noData = good.slice(0, 36);
  new DataView(noData.buffer).setUint32(4, 28, true);
  assert.equal(decodeCode(noData), 'WAV_NO_DATA');
  assert.equal(decodeCode(encodeWav({ sampleType: 's16', sampleRate: 16000, channels: [new Float32Array(0)] })), 'AUDIO_EMPTY');
  const adpcm = good.slice();
  new DataView(adpcm.buffer).setUint16(20, 2, true);
  assert.equal(decodeCode(adpcm), 'WAV_UNSUPPORTED');
  const noFmt = good.slice();
  noFmt.set(text('abcd'), 12);
  assert.equal(decodeCode(noFmt), 'WAV_NO_FMT');
});

test('jfk.wav and long.wav decode to the reference sample counts and sha256', () => {
  const reference = readReferenceAudio();
  for (const [name, file] of [['jfk', 'jfk.wav'], ['long', 'long.wav']] as const) {
    const out = decodeWav(new Uint8Array(readFileSync(`${AUDIO_DIR}/${file}`)), file);
    const ref = reference[name];
    assert.ok(ref !== undefined);
    assert.equal(out.samples.length, ref.n_samples);
    const sha = createHash('sha256').update(new Uint8Array(out.samples.buffer, out.samples.byteOffset, out.samples.byteLength)).digest('hex');
    assert.equal(sha, ref.sha256_float32, file);
  }
});
