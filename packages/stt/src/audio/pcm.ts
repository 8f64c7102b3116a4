/**
 * Interleaved PCM bytes to mono float32 in [-1, 1]: every sample type, any channel count (mean of channels).
 * Integer scaling matches ffmpeg/OpenAI: 16-bit v / 32768, 24-bit v / 2^23, 32-bit v / 2^31, 8-bit (u − 128) / 128.
 */
import { InvalidOptionError } from '../core/errors.js';
import type { PcmFormat, PcmSampleType } from './types.js';

/** Bytes one sample of each type occupies. */
export const SAMPLE_BYTES: Readonly<Record<PcmSampleType, number>> = {
  u8: 1, s8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8, alaw: 1, mulaw: 1,
};

type SampleReader = (view: DataView, offset: number) => number;

function g711Table(decode: (byte: number) => number): Float64Array {
  return Float64Array.from({ length: 256 }, (_, b) => decode(b) / 32768);
}

const MULAW = g711Table((byte) => {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 7)) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
});

const ALAW = g711Table((byte) => {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 7;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
});

/** A reader for one sample at a byte offset; `lead` skips the unused low bytes of a wider container. */
function sampleReader(type: PcmSampleType, le: boolean, lead: number): SampleReader {
  switch (type) {
    case 'u8': return (v, o) => (v.getUint8(o + lead) - 128) / 128;
    case 's8': return (v, o) => v.getInt8(o + lead) / 128;
    case 's16': return (v, o) => v.getInt16(o + lead, le) / 32768;
    case 's24': return le
      ? (v, o) => ((v.getInt8(o + lead + 2) << 16) | (v.getUint8(o + lead + 1) << 8) | v.getUint8(o + lead)) / 8388608
      : (v, o) => ((v.getInt8(o + lead) << 16) | (v.getUint8(o + lead + 1) << 8) | v.getUint8(o + lead + 2)) / 8388608;
    case 's32': return (v, o) => v.getInt32(o + lead, le) / 2147483648;
    case 'f32': return (v, o) => v.getFloat32(o + lead, le);
    case 'f64': return (v, o) => v.getFloat64(o + lead, le);
    case 'alaw': return (v, o) => ALAW[v.getUint8(o + lead)] as number;
    case 'mulaw': return (v, o) => MULAW[v.getUint8(o + lead)] as number;
  }
}

/** Checks a PCM format once; throws InvalidOptionError naming the bad field. */
export function validatePcmFormat(format: PcmFormat): void {
  const bad = (field: string, value: unknown, hint: string): never => {
    throw new InvalidOptionError('INVALID_PCM_FORMAT', `invalid PCM ${field}: ${String(value)}`, { hint });
  };
  if (!(format.sampleType in SAMPLE_BYTES)) bad('sampleType', format.sampleType, `Use one of ${Object.keys(SAMPLE_BYTES).join(', ')}.`);
  if (!(Number.isFinite(format.sampleRate) && format.sampleRate > 0)) bad('sampleRate', format.sampleRate, 'Give the rate in Hz, e.g. 16000.');
  if (!(Number.isInteger(format.channels) && format.channels >= 1)) bad('channels', format.channels, 'Give a whole number of channels, e.g. 1.');
  const container = format.containerBytes ?? SAMPLE_BYTES[format.sampleType];
  if (!(Number.isInteger(container) && container >= SAMPLE_BYTES[format.sampleType] && container <= 8)) {
    bad('containerBytes', format.containerBytes, 'The container must hold the sample: at least its size, at most 8 bytes.');
  }
}

/** Bytes per interleaved frame of this format. */
export function frameBytes(format: PcmFormat): number {
  return (format.containerBytes ?? SAMPLE_BYTES[format.sampleType]) * format.channels;
}

/**
 * Decodes whole frames of interleaved PCM to mono float32 (a trailing partial frame is ignored; callers warn).
 *
 * @example
 * const mono = pcmToMono(bytes, { sampleType: 's16', sampleRate: 44100, channels: 2 });
 */
export function pcmToMono(bytes: Uint8Array, format: PcmFormat): Float32Array {
  validatePcmFormat(format);
  const le = (format.byteOrder ?? 'le') === 'le';
  const size = SAMPLE_BYTES[format.sampleType];
  const container = format.containerBytes ?? size;
  // Extensible WAV left-justifies narrow samples: little-endian skips the low bytes at the front.
  const lead = le ? container - size : 0;
  const read = sampleReader(format.sampleType, le, lead);
  const channels = format.channels;
  const stride = container * channels;
  const frames = Math.floor(bytes.byteLength / stride);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(frames);
  if (channels === 1) {
    for (let f = 0; f < frames; f++) out[f] = read(view, f * stride);
    return out;
  }
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(view, f * stride + c * container);
    out[f] = sum / channels;
  }
  return out;
}
