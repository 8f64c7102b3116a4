/**
 * Writes WAV bytes of every layout the reader must handle, for tests: any sample type, extensible headers,
 * big-endian RIFX, extra chunks (odd sizes padded), declared sizes that lie. Test support only.
 */
import type { PcmSampleType } from '../types.js';

export interface ExtraChunk {
  readonly id: string;
  readonly body: Uint8Array;
}

export interface WavSpec {
  readonly sampleType: Exclude<PcmSampleType, 'alaw' | 'mulaw' | 's8'>;
  readonly sampleRate: number;
  /** One array per channel, all the same length, values in [-1, 1]. */
  readonly channels: readonly Float32Array[];
  /** Write a WAVE_FORMAT_EXTENSIBLE fmt chunk. */
  readonly extensible?: boolean;
  /** Bytes per sample container (> natural size: left-justified, extensible only). */
  readonly containerBytes?: number;
  readonly bigEndian?: boolean;
  readonly chunksBeforeFmt?: readonly ExtraChunk[];
  readonly chunksBeforeData?: readonly ExtraChunk[];
  readonly chunksAfterData?: readonly ExtraChunk[];
  /** Put the fmt chunk after the data chunk. */
  readonly fmtAfterData?: boolean;
  /** Value written as the data chunk size instead of the real one (e.g. 0xffffffff). */
  readonly dataSizeField?: number;
  /** Bytes cut from the end of the file. */
  readonly truncateBytes?: number;
}

const NATURAL: Record<WavSpec['sampleType'], number> = { u8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8 };

function quantize(v: number, bits: number): number {
  const scale = 2 ** (bits - 1);
  return Math.max(-scale, Math.min(scale - 1, Math.round(v * scale)));
}

function writeSample(view: DataView, at: number, v: number, type: WavSpec['sampleType'], le: boolean, container: number): void {
  const lead = le ? container - NATURAL[type] : 0;
  const o = at + lead;
  switch (type) {
    case 'u8': view.setUint8(o, quantize(v, 8) + 128); break;
    case 's16': view.setInt16(o, quantize(v, 16), le); break;
    case 's24': {
      const q = quantize(v, 24) & 0xffffff;
      const bytes = [q & 0xff, (q >> 8) & 0xff, (q >> 16) & 0xff];
      if (!le) bytes.reverse();
      bytes.forEach((b, i) => view.setUint8(o + i, b));
      break;
    }
    case 's32': view.setInt32(o, quantize(v, 32), le); break;
    case 'f32': view.setFloat32(o, v, le); break;
    case 'f64': view.setFloat64(o, v, le); break;
  }
}

function chunk(id: string, body: Uint8Array, le: boolean, sizeField?: number): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  view.setUint32(4, sizeField ?? body.length, le);
  out.set(body, 8);
  return out;
}

function fmtBody(spec: WavSpec, le: boolean, container: number): Uint8Array {
  const isFloat = spec.sampleType === 'f32' || spec.sampleType === 'f64';
  const tag = isFloat ? 3 : 1;
  const body = new Uint8Array(spec.extensible ? 40 : 16);
  const view = new DataView(body.buffer);
  const nch = spec.channels.length;
  view.setUint16(0, spec.extensible ? 0xfffe : tag, le);
  view.setUint16(2, nch, le);
  view.setUint32(4, spec.sampleRate, le);
  view.setUint32(8, spec.sampleRate * nch * container, le);
  view.setUint16(12, nch * container, le);
  view.setUint16(14, container * 8, le);
  if (spec.extensible) {
    view.setUint16(16, 22, le);
    view.setUint16(18, NATURAL[spec.sampleType] * 8, le);
    view.setUint32(20, nch === 6 ? 0x3f : nch === 2 ? 0x3 : 0x4, le);
    view.setUint16(24, tag, le);
    // Rest of the KSDATAFORMAT_SUBTYPE GUID 0000xxxx-0000-0010-8000-00aa00389b71.
    body.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  return body;
}

/** Encodes a WAV file per `spec`. */
export function encodeWav(spec: WavSpec): Uint8Array {
  const le = spec.bigEndian !== true;
  const container = spec.containerBytes ?? NATURAL[spec.sampleType];
  const nch = spec.channels.length;
  const frames = spec.channels[0]?.length ?? 0;
  const data = new Uint8Array(frames * nch * container);
  const view = new DataView(data.buffer);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < nch; c++) {
      writeSample(view, (f * nch + c) * container, (spec.channels[c] as Float32Array)[f] as number, spec.sampleType, le, container);
    }
  }
  const fmt = chunk('fmt ', fmtBody(spec, le, container), le);
  const dataChunk = chunk('data', data, le, spec.dataSizeField);
  const extra = (list: readonly ExtraChunk[] | undefined): Uint8Array[] => (list ?? []).map((c) => chunk(c.id, c.body, le));
  const body = spec.fmtAfterData
    ? [...extra(spec.chunksBeforeFmt), ...extra(spec.chunksBeforeData), dataChunk, fmt, ...extra(spec.chunksAfterData)]
    : [...extra(spec.chunksBeforeFmt), fmt, ...extra(spec.chunksBeforeData), dataChunk, ...extra(spec.chunksAfterData)];
  const size = body.reduce((n, b) => n + b.length, 4);
  const out = new Uint8Array(8 + size);
  const head = new DataView(out.buffer);
  (le ? 'RIFF' : 'RIFX').split('').forEach((ch, i) => (out[i] = ch.charCodeAt(0)));
  head.setUint32(4, size, le);
  'WAVE'.split('').forEach((ch, i) => (out[8 + i] = ch.charCodeAt(0)));
  let at = 12;
  for (const b of body) {
    out.set(b, at);
    at += b.length;
  }
  return out.subarray(0, out.length - (spec.truncateBytes ?? 0));
}

/** A sine of `freqHz` at `amplitude`, `n` samples at `sampleRate`. */
export function sine(freqHz: number, sampleRate: number, n: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * freqHz * i) / sampleRate));
}
