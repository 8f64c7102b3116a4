/**
 * `WhisperEncoder` on ONNX Runtime: log-mel windows `[batch, nMels, 3000]` in, hidden states out.
 */
import * as ort from 'onnxruntime-node';
import { N_FRAMES } from '../../core/constants.js';
import { ModelCorruptError, RuntimeError } from '../../core/errors.js';
import type { EncoderOutput, WhisperEncoder, WhisperModelDims } from '../types.js';
import { runTimerAdd, runTimerStart } from './run-timer.js';

export class OnnxWhisperEncoder implements WhisperEncoder {
  constructor(
    readonly dims: WhisperModelDims,
    private readonly session: ort.InferenceSession,
    private readonly file: string,
    private readonly names: { readonly input: string; readonly output: string },
  ) {}

  /**
   * Encodes `batch` windows. `mel` is `[batch, nMels, N_FRAMES]` float32, row-major; it is read, not copied.
   * @example const out = await encoder.encode(mel, 1); // out.dims = [1, 1500, dModel]
   */
  async encode(mel: Float32Array, batch: number): Promise<EncoderOutput> {
    const perWindow = this.dims.nMels * N_FRAMES;
    if (!Number.isInteger(batch) || batch < 1 || mel.length !== batch * perWindow) {
      throw new RuntimeError('ENCODER_INPUT_INVALID', `encode: expected ${batch} x ${this.dims.nMels} x ${N_FRAMES} floats, got ${mel.length}`, {
        hint: 'Pad or cut every window to 3000 mel frames and pass the batch size.',
      });
    }
    const input = new ort.Tensor('float32', mel, [batch, this.dims.nMels, N_FRAMES]);
    let out: ort.InferenceSession.ReturnType;
    const t0 = runTimerStart();
    try {
      out = await this.session.run({ [this.names.input]: input });
      runTimerAdd('encoder', t0);
    } catch (cause) {
      const text = cause instanceof Error ? cause.message : String(cause);
      throw new RuntimeError('ENCODER_RUN_FAILED', `ONNX Runtime failed running ${this.file}: ${text}`, { cause, hint: 'Check that config.json belongs to this encoder.', details: { file: this.file } });
    }
    const hidden = out[this.names.output];
    const expected = [batch, this.dims.nAudioCtx, this.dims.dModel] as const;
    if (!(hidden instanceof ort.Tensor) || hidden.type !== 'float32' || hidden.dims.join() !== expected.join()) {
      const got = hidden instanceof ort.Tensor ? `[${hidden.dims.join(', ')}]` : 'nothing';
      throw new ModelCorruptError('MODEL_IO_UNEXPECTED', `${this.file} returned ${got}, config.json expects [${expected.join(', ')}]`, {
        hint: 'Use the config.json that belongs to this encoder.',
        details: { file: this.file },
      });
    }
    return { batch, data: hidden.data as Float32Array, dims: expected };
  }
}
