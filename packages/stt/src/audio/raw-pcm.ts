/**
 * Raw interleaved PCM from a byte stream (stdin, a socket, a file) with a declared format. Decodes chunk by
 * chunk, carrying partial frames over chunk boundaries.
 */
import { AudioDecodeError } from '../core/errors.js';
import { conditionSamples, type ConditionOptions } from './condition.js';
import { frameBytes, pcmToMono, validatePcmFormat } from './pcm.js';
import type { AudioWarning, DecodedAudio, LoadedAudio, PcmFormat } from './types.js';

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function finish(parts: Float32Array[], leftover: number, format: PcmFormat, name: string): DecodedAudio {
  const samples = concat(parts);
  if (samples.length === 0) {
    throw new AudioDecodeError('AUDIO_EMPTY', `${name} holds no complete ${format.sampleType} frame`, {
      hint: 'Check that audio is being written to the stream and that the declared format is right.',
      details: { file: name },
    });
  }
  const warnings: AudioWarning[] = leftover > 0
    ? [{ code: 'partial-frame', message: `stream ended with ${leftover} bytes of an incomplete frame; dropped` }]
    : [];
  return { samples, sampleRate: format.sampleRate, channels: format.channels, warnings };
}

/** Decodes raw PCM bytes held in memory to mono float32 at the declared rate. */
export function decodeRawPcm(bytes: Uint8Array, format: PcmFormat, name = '<raw pcm>'): DecodedAudio {
  validatePcmFormat(format);
  return finish([pcmToMono(bytes, format)], bytes.byteLength % frameBytes(format), format, name);
}

/**
 * Reads raw PCM from a stream until it ends, decoding as it goes.
 *
 * @example
 * const audio = await readRawPcm(process.stdin, { sampleType: 's16', sampleRate: 48000, channels: 2 });
 */
export async function readRawPcm(stream: AsyncIterable<Uint8Array>, format: PcmFormat, name = '<pcm stream>'): Promise<DecodedAudio> {
  validatePcmFormat(format);
  const stride = frameBytes(format);
  const parts: Float32Array[] = [];
  let carry = new Uint8Array(0);
  for await (const chunk of stream) {
    const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const whole = bytes.byteLength - (bytes.byteLength % stride);
    if (whole > 0) parts.push(pcmToMono(bytes.subarray(0, whole), format));
    carry = Uint8Array.from(bytes.subarray(whole));
  }
  return finish(parts, carry.length, format, name);
}

/** {@link readRawPcm} followed by the conditioning chain: 16 kHz mono float32, ready for the log-mel. */
export async function loadRawPcm(
  stream: AsyncIterable<Uint8Array>,
  format: PcmFormat,
  options: ConditionOptions = {},
): Promise<LoadedAudio> {
  const decoded = await readRawPcm(stream, format);
  const conditioned = conditionSamples(decoded, options);
  return {
    samples: conditioned.samples,
    sampleRate: conditioned.sampleRate,
    warnings: [...decoded.warnings, ...conditioned.warnings],
    source: { decoder: 'raw-pcm', sampleRate: decoded.sampleRate, channels: decoded.channels },
  };
}
