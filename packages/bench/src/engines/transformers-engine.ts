/**
 * transformers.js (`@huggingface/transformers`) in-process, pointed at a local model folder with remote downloads
 * off: `env.allowRemoteModels = false`, `env.localModelPath = <parent folder>`, pipeline
 * `automatic-speech-recognition` on 16 kHz samples decoded by `@cephalon/stt`'s `loadAudio`. transformers.js is an
 * optional peer dependency, imported only when this engine is created (MissingToolError with the install command if absent).
 */
import { basename, dirname, resolve } from 'node:path';
import { loadAudio, ModelNotFoundError } from '@cephalon/stt';
import { withRssSampling } from './memory-sampler.js';
import { importOptional, TRANSFORMERS_PACKAGE } from './optional-import.js';
import type { Engine, EngineParams, EngineResult } from './types.js';

/** How to load the transformers.js engine. */
export interface TransformersEngineOptions {
  readonly name: string;
  /** Local model folder in the Hugging Face layout (config.json, tokenizer.json, onnx/...). */
  readonly modelDir: string;
  /** Weight precision as transformers.js names it. Default `fp32`. */
  readonly dtype?: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';
}

type AsrOutput = { text: string; chunks?: { timestamp: [number, number | null]; text: string }[] };
type AsrPipeline = ((audio: Float32Array, options: Record<string, unknown>) => Promise<AsrOutput | AsrOutput[]>) & { dispose(): Promise<void> };

async function loadPipeline(options: TransformersEngineOptions): Promise<AsrPipeline> {
  const dir = resolve(options.modelDir);
  const transformers = await importOptional(TRANSFORMERS_PACKAGE, 'the transformers-js bench engine', () => import('@huggingface/transformers'));
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = `${dirname(dir)}/`;
  try {
    const p = await transformers.pipeline('automatic-speech-recognition', basename(dir), { dtype: options.dtype ?? 'fp32' });
    return p as unknown as AsrPipeline;
  } catch (e) {
    throw new ModelNotFoundError('transformers_load', `transformers.js could not load ${dir}: ${(e as Error).message}`, {
      hint: 'The folder needs config.json, tokenizer files and onnx/encoder_model.onnx + onnx/decoder_model_merged.onnx.',
      cause: e,
    });
  }
}

/** Maps params to pipeline options: any generation option by name (`language`, `task`, `num_beams`, `return_timestamps`...). */
function pipelineOptions(params: EngineParams): Record<string, unknown> {
  return { ...params };
}

/**
 * Loads the pipeline once.
 * @example const e = await createTransformersEngine({ name: 'tjs', modelDir: '/models/whisper-tiny' });
 */
export async function createTransformersEngine(options: TransformersEngineOptions): Promise<Engine> {
  const asr = await loadPipeline(options);
  return {
    name: options.name,
    kind: 'transformers-js',
    device: 'cpu',
    capabilities: { inProcess: true, segments: true, tokens: false, confidences: false, peakMemory: true, concurrent: false },
    async transcribe(audioPath: string, params: EngineParams): Promise<EngineResult> {
      const audio = await loadAudio(audioPath);
      const { value, peakMemoryBytes } = await withRssSampling(() => asr(audio.samples, pipelineOptions(params)));
      const out = Array.isArray(value) ? value[0] : value;
      const segments = (out?.chunks ?? []).map((c) => ({ startSec: c.timestamp[0], endSec: c.timestamp[1] ?? c.timestamp[0], text: c.text }));
      return {
        text: (out?.text ?? '').trim(),
        ...(segments.length === 0 ? {} : { segments }),
        ...(peakMemoryBytes === undefined ? {} : { peakMemoryBytes }),
      };
    },
    close: () => asr.dispose(),
  };
}
