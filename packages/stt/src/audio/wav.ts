/**
 * WAV (RIFF / RIFX / RF64) reader: PCM 8/16/24/32-bit, float 32/64, A-law/µ-law, WAVE_FORMAT_EXTENSIBLE, any
 * channel count and rate, chunks in any order with odd-size padding, truncated or unsized data chunks.
 */
import { AudioDecodeError } from '../core/errors.js';
import { frameBytes, pcmToMono, SAMPLE_BYTES } from './pcm.js';
import type { AudioWarning, DecodedAudio, PcmFormat, PcmSampleType } from './types.js';

/** What the `fmt ` chunk says. */
export interface WavFormat extends PcmFormat {
  /** Format tag (1 PCM, 3 float, 6 A-law, 7 µ-law), resolved through the extensible sub-format. */
  readonly formatTag: number;
  readonly bitsPerSample: number;
  readonly blockAlign: number;
}

const TAG_PCM = 1;
const TAG_FLOAT = 3;
const TAG_ALAW = 6;
const TAG_MULAW = 7;
const TAG_EXTENSIBLE = 0xfffe;
const UNKNOWN_SIZE = 0xffffffff;
/**
 * Plausible sample rates. A header is not trusted beyond these: with at least 1 kHz, the 16 kHz audio the engine
 * allocates is at most 16 samples per byte of the file (a header cannot turn a small file into hours of audio).
 */
export const MIN_WAV_SAMPLE_RATE = 1000;
export const MAX_WAV_SAMPLE_RATE = 768_000;
/** Widest sample container the PCM reader handles (64-bit float). */
const MAX_CONTAINER_BYTES = 8;

/** True when the bytes start like a WAV file (RIFF, RIFX or RF64 with WAVE). */
export function isWav(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 12) return false;
  const id = ascii(bytes, 0, 4);
  return (id === 'RIFF' || id === 'RIFX' || id === 'RF64') && ascii(bytes, 8, 4) === 'WAVE';
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function fail(code: string, name: string, message: string, hint: string): never {
  throw new AudioDecodeError(code, `${name}: ${message}`, { hint, details: { file: name } });
}

function sampleType(tag: number, bits: number): PcmSampleType | undefined {
  if (tag === TAG_PCM) return bits <= 8 ? 'u8' : bits <= 16 ? 's16' : bits <= 24 ? 's24' : bits <= 32 ? 's32' : undefined;
  if (tag === TAG_FLOAT) return bits === 32 ? 'f32' : bits === 64 ? 'f64' : undefined;
  if (tag === TAG_ALAW && bits === 8) return 'alaw';
  if (tag === TAG_MULAW && bits === 8) return 'mulaw';
  return undefined;
}

function parseFmt(view: DataView, at: number, size: number, le: boolean, name: string): WavFormat {
  if (size < 16) fail('WAV_BAD_FMT', name, `fmt chunk is ${size} bytes, needs at least 16`, 'The file header is damaged; re-export the audio.');
  let formatTag = view.getUint16(at, le);
  const channels = view.getUint16(at + 2, le);
  const sampleRate = view.getUint32(at + 4, le);
  const blockAlign = view.getUint16(at + 12, le);
  const bitsPerSample = view.getUint16(at + 14, le);
  if (formatTag === TAG_EXTENSIBLE) {
    if (size < 40) fail('WAV_BAD_FMT', name, 'extensible fmt chunk is too short', 'The file header is damaged; re-export the audio.');
    // The sub-format GUID starts with the real format tag. wBitsPerSample is the container size and
    // valid bits (offset 18) are left-justified in it, so reading the whole container is right.
    formatTag = view.getUint16(at + 24, le);
  }
  if (channels < 1) fail('WAV_BAD_FMT', name, `fmt chunk says ${channels} channels`, 'The file header is damaged; re-export the audio.');
  if (sampleRate < MIN_WAV_SAMPLE_RATE || sampleRate > MAX_WAV_SAMPLE_RATE) {
    fail('WAV_BAD_RATE', name, `fmt chunk says ${sampleRate} Hz, outside the plausible ${MIN_WAV_SAMPLE_RATE}-${MAX_WAV_SAMPLE_RATE} Hz`, 'The file header is damaged or hostile; re-export the audio.');
  }
  const type = sampleType(formatTag, bitsPerSample);
  if (type === undefined) {
    fail('WAV_UNSUPPORTED', name, `WAV format tag ${formatTag} with ${bitsPerSample} bits is not read natively`, 'Decode it with ffmpeg (loadAudio does this by default).');
  }
  const natural = SAMPLE_BYTES[type];
  const container = blockAlign > 0 && blockAlign % channels === 0 ? blockAlign / channels : Math.ceil(bitsPerSample / 8);
  if (container > MAX_CONTAINER_BYTES) fail('WAV_BAD_FMT', name, `block align ${blockAlign} gives ${container}-byte samples for ${channels} channel(s), more than ${MAX_CONTAINER_BYTES}`, 'The file header is damaged; re-export the audio.');
  if (container < natural) fail('WAV_BAD_FMT', name, `block align ${blockAlign} is too small for ${channels} x ${bitsPerSample}-bit samples`, 'The file header is damaged; re-export the audio.');
  return { formatTag, sampleType: type, sampleRate, channels, bitsPerSample, blockAlign, byteOrder: le ? 'le' : 'be', containerBytes: container };
}

interface Chunks {
  format?: WavFormat;
  dataOffset?: number;
  dataLength?: number;
  warnings: AudioWarning[];
}

function dataChunkLength(size: number, at: number, total: number, rf64Data: number | undefined, out: Chunks): number {
  const available = total - at;
  let declared = size;
  if (size === UNKNOWN_SIZE) {
    if (rf64Data !== undefined) declared = rf64Data;
    else {
      out.warnings.push({ code: 'unknown-data-size', message: 'data chunk has no size (streamed WAV); read to the end of the file' });
      return available;
    }
  }
  if (declared > available) {
    out.warnings.push({ code: 'truncated-data', message: `data chunk declares ${declared} bytes but only ${available} are present; read what is there` });
    return available;
  }
  return declared;
}

function walkChunks(bytes: Uint8Array, name: string): Chunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = ascii(bytes, 0, 4) !== 'RIFX';
  const out: Chunks = { warnings: [] };
  let rf64Data: number | undefined;
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, le);
    const body = at + 8;
    if (id === 'data') {
      out.dataOffset = body;
      out.dataLength = dataChunkLength(size, body, bytes.byteLength, rf64Data, out);
      at = body + out.dataLength + (out.dataLength & 1);
      continue;
    }
    if (body + size > bytes.byteLength) {
      out.warnings.push({ code: 'truncated-chunk', message: `chunk '${id}' runs past the end of the file; ignored` });
      if (id !== 'fmt ') break;
    }
    if (id === 'fmt ') out.format = parseFmt(view, body, Math.min(size, bytes.byteLength - body), le, name);
    else if (id === 'ds64' && size >= 16) rf64Data = Number(view.getBigUint64(body + 8, true));
    at = body + size + (size & 1);
  }
  return out;
}

/** Float WAVs can hold NaN or infinities, which would poison the log-mel (and so the whole transcript). */
function rejectNonFinite(samples: Float32Array, name: string): void {
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i] as number)) {
      fail('AUDIO_NON_FINITE', name, `sample ${i} (${(i / samples.length * 100).toFixed(1)}% in) is ${String(samples[i])}: float WAV holds NaN or infinite values`, 'The file is damaged; re-export it as 16-bit PCM.');
    }
  }
}

/**
 * Decodes a WAV file held in memory to mono float32 at its own sample rate.
 * Throws `AudioDecodeError` with code `WAV_UNSUPPORTED` for encodings it does not read (use ffmpeg then).
 *
 * @example
 * const audio = decodeWav(readFileSync('speech.wav'), 'speech.wav'); // { samples, sampleRate, channels, warnings }
 */
export function decodeWav(bytes: Uint8Array, name = '<wav bytes>'): DecodedAudio & { readonly format: WavFormat } {
  if (!isWav(bytes)) fail('WAV_NOT_RIFF', name, 'not a WAV file (no RIFF/WAVE header)', 'Pass a WAV file, or let loadAudio decode other formats with ffmpeg.');
  const chunks = walkChunks(bytes, name);
  const { format, dataOffset, warnings } = chunks;
  if (format === undefined) fail('WAV_NO_FMT', name, 'WAV file has no fmt chunk', 'The file header is damaged; re-export the audio.');
  if (dataOffset === undefined) fail('WAV_NO_DATA', name, 'WAV file has no data chunk', 'The file holds no audio; re-export it.');
  const data = bytes.subarray(dataOffset, dataOffset + (chunks.dataLength ?? 0));
  const stride = frameBytes(format);
  if (data.byteLength % stride !== 0) {
    warnings.push({ code: 'partial-frame', message: `data ends with ${data.byteLength % stride} bytes of an incomplete frame; dropped` });
  }
  const samples = pcmToMono(data, format);
  if (format.sampleType === 'f32' || format.sampleType === 'f64') rejectNonFinite(samples, name);
  if (samples.length === 0) fail('AUDIO_EMPTY', name, 'WAV file has no audio samples', 'The recording is empty; check the source.');
  return { samples, sampleRate: format.sampleRate, channels: format.channels, warnings, format };
}
