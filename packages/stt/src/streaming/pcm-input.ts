/**
 * Chunks of any size and kind to 16 kHz float32: Float32Array or Int16Array at a declared rate, or raw bytes in
 * a declared PCM layout (partial frames carried to the next chunk), resampled on the fly by the streaming
 * resampler (the same output as resampling the whole recording).
 */
import { frameBytes, pcmToMono, validatePcmFormat } from '../audio/pcm.js';
import { StreamingResampler } from '../audio/index.js';
import type { PcmFormat } from '../audio/index.js';
import { SAMPLE_RATE } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';

/** One piece of a PCM stream. `Uint8Array` (and Node's `Buffer`) are raw bytes in the declared `pcm` layout. */
export type PcmChunk = Float32Array | Int16Array | Uint8Array;

/** How to read the chunks of a stream. */
export interface StreamInputFormat {
  /** Rate of Float32Array / Int16Array chunks in Hz (default 16000); Int16 is scaled by 1/32768. */
  readonly sampleRate?: number;
  /** Layout of byte chunks (required when the source yields bytes); its rate is the stream's rate. */
  readonly pcm?: PcmFormat;
}

export class PcmInput {
  readonly sampleRate: number;
  private readonly pcm: PcmFormat | undefined;
  private readonly stride: number;
  private readonly resampler: StreamingResampler;
  private carry = new Uint8Array(0);

  constructor(format: StreamInputFormat = {}) {
    if (format.pcm !== undefined) validatePcmFormat(format.pcm);
    this.pcm = format.pcm;
    this.sampleRate = format.pcm?.sampleRate ?? format.sampleRate ?? SAMPLE_RATE;
    if (!Number.isInteger(this.sampleRate) || this.sampleRate < 1) {
      throw new InvalidOptionError('INVALID_SAMPLE_RATE', `stream input sampleRate must be a positive whole number of Hz, got ${this.sampleRate}`, { hint: 'declare the rate of the chunks, e.g. 16000', details: { option: 'sampleRate' } });
    }
    this.stride = format.pcm === undefined ? 0 : frameBytes(format.pcm);
    this.resampler = new StreamingResampler(this.sampleRate, SAMPLE_RATE);
  }

  /** 16 kHz samples made final by `chunk` (possibly none). */
  push(chunk: PcmChunk): Float32Array {
    return this.resampler.push(this.toFloat(chunk));
  }

  /** The rest, at the end of the stream. */
  flush(): Float32Array {
    return this.resampler.flush();
  }

  private toFloat(chunk: PcmChunk): Float32Array {
    if (chunk instanceof Float32Array) return chunk;
    if (chunk instanceof Int16Array) return Float32Array.from(chunk, (v) => v / 32768);
    if (this.pcm === undefined) {
      throw new InvalidOptionError('INVALID_OPTION', 'stream input: the source yields bytes but no PCM format was declared', {
        hint: "pass input: { pcm: { sampleType: 's16', sampleRate: 16000, channels: 1 } }, or yield Float32Array / Int16Array chunks",
        details: { option: 'input.pcm' },
      });
    }
    const bytes = this.carry.length === 0 ? chunk : concatBytes(this.carry, chunk);
    const whole = bytes.byteLength - (bytes.byteLength % this.stride);
    this.carry = bytes.slice(whole);
    return whole === 0 ? new Float32Array(0) : pcmToMono(bytes.subarray(0, whole), this.pcm);
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
