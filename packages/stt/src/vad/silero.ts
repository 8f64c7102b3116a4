/**
 * Silero VAD v5 as a `FrameVad`: 512-sample frames at 16 kHz (256 at 8 kHz), each run with the last 64 (32) samples
 * of the previous frame prepended and the recurrent state carried, as silero's own `OnnxWrapper` does
 * (the context starts as zeros after `reset()`).
 */
import { InvalidOptionError } from '../core/errors.js';
import { openSileroVadSession } from '../runtime/index.js';
import type { SileroVadSession, SileroVadSessionOptions } from '../runtime/index.js';
import type { FrameVad } from './types.js';

/** Silero's frame and context sizes per sample rate. */
const FRAMING = { 16000: { frame: 512, context: 64 }, 8000: { frame: 256, context: 32 } } as const;

export interface SileroVadOptions extends SileroVadSessionOptions {
  /** 16000 (default) or 8000. */
  readonly sampleRate?: 8000 | 16000;
}

class SileroFrameVad implements FrameVad {
  readonly frameSamples: number;
  private readonly context: number;
  /** Context followed by the frame: the model input, reused for every frame. */
  private readonly input: Float32Array;

  constructor(
    private readonly session: SileroVadSession,
    readonly sampleRate: 8000 | 16000,
  ) {
    this.frameSamples = FRAMING[sampleRate].frame;
    this.context = FRAMING[sampleRate].context;
    this.input = new Float32Array(this.context + this.frameSamples);
  }

  async probability(frame: Float32Array): Promise<number> {
    if (frame.length !== this.frameSamples) {
      throw new InvalidOptionError('VAD_FRAME_SIZE', `silero vad: a frame must hold ${this.frameSamples} samples at ${this.sampleRate} Hz, got ${frame.length}`, {
        hint: 'cut the stream into frames of frameSamples samples (pad the last one with zeros)',
        details: { option: 'frame' },
      });
    }
    const { input, context } = this;
    input.set(frame, context);
    const p = await this.session.infer(input, this.sampleRate);
    input.copyWithin(0, this.frameSamples, this.frameSamples + context);
    return p;
  }

  reset(): void {
    this.input.fill(0);
    this.session.resetState();
  }

  dispose(): Promise<void> {
    return this.session.dispose();
  }
}

/**
 * Loads Silero VAD v5 (bundled weights, see `sileroVadModelPath`).
 * @example
 * const vad = await createSileroVad();
 * const p = await vad.probability(samples.subarray(0, vad.frameSamples));
 * await vad.dispose();
 */
export async function createSileroVad(options: SileroVadOptions = {}): Promise<FrameVad> {
  const rate = options.sampleRate ?? 16000;
  if (rate !== 16000 && rate !== 8000) {
    throw new InvalidOptionError('INVALID_VAD_OPTION', `vad option sampleRate: ${String(rate)} Hz is not supported by Silero`, { hint: 'use 16000 or 8000 (resample first)', details: { option: 'sampleRate' } });
  }
  return new SileroFrameVad(await openSileroVadSession(options), rate);
}
