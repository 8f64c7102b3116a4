/** Loading a Whisper model folder (merged-decoder layout, fp32) for the experiment. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelNotFoundError } from '../../core/errors.js';
import { loadWhisperModel } from '../../runtime/onnx/load-model.js';
import type { LoadedWhisperModel } from '../../runtime/onnx/load-model.js';
import { readModelDims } from '../../runtime/model-dims.js';
import type { RuntimeSessionOptions } from '../../runtime/onnx/session-options.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import type { ExperimentModel } from './pipeline.js';

/**
 * Opens `dir` (`config.json`, tokenizer files, `onnx/encoder_model.onnx`, `onnx/decoder_model_merged.onnx`), e.g.
 * `../shared/models/whisper-dev-random` or a folder written by `cephalon export --random tiny`.
 */
export async function loadExperimentModel(dir: string, sessionOptions: RuntimeSessionOptions = {}): Promise<ExperimentModel & { dispose(): Promise<void> }> {
  for (const f of ['config.json', 'onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx']) {
    if (!existsSync(join(dir, f))) {
      throw new ModelNotFoundError('MODEL_FILE_MISSING', `${join(dir, f)} does not exist`, {
        hint: 'Give a Whisper folder in the merged-decoder layout (e.g. ../shared/models/whisper-dev-random, or `cephalon export --random tiny --out DIR`).',
        details: { file: join(dir, f) },
      });
    }
  }
  const model: LoadedWhisperModel = await loadWhisperModel({
    encoderPath: join(dir, 'onnx/encoder_model.onnx'),
    decoder: { layout: 'merged', path: join(dir, 'onnx/decoder_model_merged.onnx') },
    dims: readModelDims(readFileSync(join(dir, 'config.json'), 'utf8')),
    sessionOptions,
  });
  const tokenizer = await loadTokenizer(dir);
  return { encoder: model.encoder, decoder: model.decoder, tokenizer, dispose: () => model.dispose() };
}
