/**
 * Loading a local model folder (merged decoder, or the fixed-shape format of `cephalon export --static`) and its
 * tokenizer for the research experiments, which call `decodeWindow` directly on encoded windows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logMelSpectrogram, padOrTrimSamples } from '../audio/index.js';
import { ModelNotFoundError } from '../core/errors.js';
import { loadWhisperModel, readModelDims } from '../runtime/index.js';
import type { EncoderOutput, LoadedWhisperModel, RuntimeSessionOptions } from '../runtime/index.js';
import { loadTokenizer } from '../tokenizer/index.js';
import type { WhisperTokenizer } from '../tokenizer/index.js';

export interface ResearchModel {
  readonly model: LoadedWhisperModel;
  readonly tokenizer: WhisperTokenizer;
  /** True for the fixed-shape (static) format. */
  readonly isStatic: boolean;
}

/**
 * Loads `dir` (fp32 `onnx/encoder_model.onnx` plus `decoder_model_merged.onnx` or the static step and projector).
 * @example const { model, tokenizer } = await loadResearchModel('../shared/models/whisper-dev-random');
 */
export async function loadResearchModel(dir: string, sessionOptions: RuntimeSessionOptions = {}, maskFloor = 0): Promise<ResearchModel> {
  const onnx = join(dir, 'onnx');
  const isStatic = existsSync(join(onnx, 'decoder_step_model.onnx'));
  const decoderFile = join(onnx, isStatic ? 'decoder_step_model.onnx' : 'decoder_model_merged.onnx');
  for (const f of [join(dir, 'config.json'), join(onnx, 'encoder_model.onnx'), decoderFile]) {
    if (!existsSync(f)) throw new ModelNotFoundError('MODEL_FILE_MISSING', `model folder ${dir}: ${f} is missing`, { hint: 'Pass a folder written by `cephalon export` (fp32 merged decoder or --static).' });
  }
  const model = await loadWhisperModel({
    encoderPath: join(onnx, 'encoder_model.onnx'),
    decoder: isStatic ? { layout: 'static', path: decoderFile, crossKvPath: join(onnx, 'cross_kv_model.onnx'), maskFloor } : { layout: 'merged', path: decoderFile },
    dims: readModelDims(readFileSync(join(dir, 'config.json'), 'utf8')),
    sessionOptions,
  });
  return { model, tokenizer: await loadTokenizer(dir), isStatic };
}

/** The first 30 s window of 16 kHz `samples`, encoded (zero padded as Whisper does). */
export async function encodeFirstWindow(model: LoadedWhisperModel, samples: Float32Array): Promise<EncoderOutput> {
  const mel = logMelSpectrogram(padOrTrimSamples(samples), { nMels: model.encoder.dims.nMels });
  return model.encoder.encode(mel.data, 1);
}
