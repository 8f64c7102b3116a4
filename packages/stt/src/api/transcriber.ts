/**
 * `createTranscriber()`: resolves and loads a Whisper model once, then transcribes any number of inputs.
 */
import { readFile } from 'node:fs/promises';
import { loadAudio } from '../audio/index.js';
import type { LoadAudioOptions } from '../audio/index.js';
import { createWordAligner } from '../alignment/index.js';
import { InvalidOptionError } from '../core/errors.js';
import type { Samples, Transcript, TranscriptWarning } from '../core/types.js';
import { resolveModel } from '../runtime/hub/index.js';
import type { PullOptions } from '../runtime/hub/pull.js';
import { loadWhisperModel, readModelDims } from '../runtime/index.js';
import type { LoadedWhisperModel } from '../runtime/index.js';
import type { DtypeOption, ModelManifest } from '../runtime/model/index.js';
import type { WhisperDecoder } from '../runtime/types.js';
import { loadTokenizer, toLanguageCode } from '../tokenizer/index.js';
import type { WhisperTokenizer } from '../tokenizer/index.js';
import { sequentialStrategy } from '../transcription/index.js';
import { clampSegment } from '../transcription/index.js';
import type { LongFormHooks, LongFormResult } from '../transcription/index.js';
import { resolveTranscribeOptions } from './transcribe-options.js';
import { startCaptureSession } from '../research/index.js';
import type { TranscribeOptions } from './transcribe-options.js';
import { streamParts, streamWith } from './stream.js';
import type { StreamOptions } from './stream.js';
import { resolvePolicy } from '../streaming/index.js';
import type { PcmChunk, StreamEvent } from '../streaming/index.js';

/** How to load the model. */
export interface TranscriberOptions {
  /** Local folder, alias (`'tiny.en'`) or Hub id (`'onnx-community/whisper-tiny'`). */
  readonly model: string;
  /** Weight precision (`'fp32'` default, `'q8'`, `{ encoder, decoder }` ...). */
  readonly dtype?: DtypeOption;
  /** Execution device: `'cpu'` (default) or `'cuda'` (needs the CUDA build of onnxruntime-node). */
  readonly device?: 'cpu' | 'cuda';
  /** Threads inside one operator; default ONNX Runtime's choice. */
  readonly threads?: number;
  /** Threads running independent operators in parallel; default ONNX Runtime's choice (unused in its default sequential mode). */
  readonly interOpThreads?: number;
  /** ONNX Runtime worker threads busy-wait between operators (ORT's default) instead of sleeping; default false (see `RuntimeSessionOptions.allowSpinning`). */
  readonly allowSpinning?: boolean;
  /** Hub settings and download progress, passed to `resolveModel`. */
  readonly hub?: Omit<PullOptions, 'dtype'>;
  /** Audio loading options (resampler, high-pass, normalisation, ffmpeg path). */
  readonly audio?: LoadAudioOptions;
}

/** Audio to transcribe: a file path, encoded file bytes, or 16 kHz mono samples. */
export type AudioInput = string | Uint8Array | Samples;

/** A loaded model that transcribes. Call `dispose()` when done. */
export interface Transcriber {
  /** Model id or folder, as resolved. */
  readonly modelId: string;
  /** The resolved model folder: files, dtypes, dimensions (for run records and checksums). */
  readonly manifest: ModelManifest;
  transcribe(audio: AudioInput, options?: TranscribeOptions): Promise<Transcript>;
  /** Like `transcribe`, with the per-window record (attempts, fallbacks, seeks) as well. */
  transcribeDetailed(audio: AudioInput, options?: TranscribeOptions): Promise<LongFormResult>;
  /**
   * Live transcription of PCM chunks of any size: yields `speech-start`/`speech-end` (VAD), `partial`, `commit`
   * (words that never change) and, last, `final`. See docs/streaming.md.
   */
  stream(source: AsyncIterable<PcmChunk>, options?: StreamOptions): AsyncGenerator<StreamEvent, void, undefined>;
  dispose(): Promise<void>;
}

/** The decoder with `onStep` called after every `step` (profiling hook; no cost when not asked for). */
function withStepHook(decoder: WhisperDecoder, onStep: () => void): WhisperDecoder {
  return {
    dims: decoder.dims,
    createCache: (encoder, batch) => decoder.createCache(encoder, batch),
    step: async (cache, tokens, options) => {
      const out = await decoder.step(cache, tokens, options);
      onStep();
      return out;
    },
    reorder: (cache, parents) => decoder.reorder(cache, parents),
  };
}

function isSamples(audio: AudioInput): audio is Samples {
  return typeof audio === 'object' && !(audio instanceof Uint8Array) && 'samples' in audio;
}

async function toSamples(audio: AudioInput, options: LoadAudioOptions | undefined, signal: AbortSignal | undefined): Promise<Samples & { warnings?: readonly TranscriptWarning[] }> {
  if (!isSamples(audio)) return loadAudio(audio, signal === undefined || options?.signal !== undefined ? options : { ...options, signal });
  if (audio.sampleRate !== 16_000) {
    throw new InvalidOptionError('AUDIO_SAMPLE_RATE', `samples must be 16 kHz mono, got ${audio.sampleRate} Hz`, {
      hint: 'pass a file path, or resample first (audio: resample())',
    });
  }
  return audio;
}

function checkModelSupports(tokenizer: WhisperTokenizer, language: string | null, task: 'transcribe' | 'translate'): void {
  if (!tokenizer.isMultilingual && (task === 'translate' || (language !== null && language !== 'en'))) {
    throw new InvalidOptionError('INVALID_OPTION', `option ${task === 'translate' ? 'task' : 'language'}: ${tokenizer.modelDir} is an English-only model`, {
      hint: "use a multilingual model, or language 'en' and task 'transcribe'",
      details: { option: task === 'translate' ? 'task' : 'language' },
    });
  }
  if (language === null || !tokenizer.isMultilingual || tokenizer.languages.some((l) => l.code === language)) return;
  throw new InvalidOptionError('INVALID_OPTION', `option language: ${JSON.stringify(language)} is not a language of this model`, {
    hint: `use 'auto' or one of: ${tokenizer.languageCodes.join(', ')}`,
    details: { option: 'language' },
  });
}

function toTranscript(result: LongFormResult, warnings: readonly TranscriptWarning[]): Transcript {
  return {
    text: result.text,
    language: result.language,
    durationSec: result.durationSec,
    segments: result.segments.map((s) => clampSegment(s, result.durationSec)),
    ...(result.languageProbs === null ? {} : { languageProbs: result.languageProbs }),
    ...(result.partial === true ? { partial: true } : {}),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

/**
 * Loads a model (resolving aliases, cache and downloads) and returns a transcriber.
 *
 * @example
 * const t = await createTranscriber({ model: 'tiny.en', threads: 4 });
 * try {
 *   const transcript = await t.transcribe('talk.wav', { language: 'en', decoding: { kind: 'beam', beamSize: 5 } });
 *   console.log(transcript.text);
 * } finally {
 *   await t.dispose();
 * }
 */
export async function createTranscriber(options: TranscriberOptions): Promise<Transcriber> {
  const manifest = await resolveModel(options.model, { ...options.hub, ...(options.dtype === undefined ? {} : { dtype: options.dtype }) });
  const tokenizer = await loadTokenizer(manifest.dir);
  const model: LoadedWhisperModel = await loadWhisperModel({
    encoderPath: manifest.encoderPath,
    decoder: manifest.decoder,
    dims: readModelDims(await readFile(manifest.configPaths.config, 'utf8'), manifest.configPaths.config),
    sessionOptions: {
      executionProviders: [options.device ?? 'cpu'],
      ...(options.threads === undefined ? {} : { intraOpNumThreads: options.threads }),
      ...(options.interOpThreads === undefined ? {} : { interOpNumThreads: options.interOpThreads }),
      ...(options.allowSpinning === undefined ? {} : { allowSpinning: options.allowSpinning }),
    },
  });
  const words = createWordAligner(model.decoder, tokenizer, manifest.configs.generation.alignmentHeads);
  const ctx = { encoder: model.encoder, decoder: model.decoder, tokenizer, words };
  const run = async (audio: AudioInput, opts: TranscribeOptions = {}): Promise<{ result: LongFormResult; warnings: readonly TranscriptWarning[] }> => {
    const resolved = resolveTranscribeOptions(opts, model.decoder.dims.nTextCtx);
    const given = resolved.longForm.language;
    const language = given === null ? null : (toLanguageCode(given) ?? given); // 'German' -> 'de'
    checkModelSupports(tokenizer, language, resolved.longForm.task);
    const longForm = Object.freeze({ ...resolved.longForm, language });
    const samples = await toSamples(audio, options.audio, resolved.signal);
    const strategy = resolved.strategy ?? sequentialStrategy;
    const hooks: LongFormHooks = {
      ...(resolved.onProgress === undefined ? {} : { onProgress: resolved.onProgress }),
      ...(resolved.onSegment === undefined ? {} : { onSegment: resolved.onSegment }),
      ...(resolved.onLanguage === undefined ? {} : { onLanguage: resolved.onLanguage }),
      ...(resolved.signal === undefined ? {} : { signal: resolved.signal }),
    };
    const onStep = resolved.onDecoderStep;
    const stepCtx = onStep === undefined ? ctx : { ...ctx, decoder: withStepHook(ctx.decoder, onStep) };
    const capture = resolved.captureLogits === null ? null : startCaptureSession(resolved.captureLogits, tokenizer, model.decoder.dims.vocabSize);
    const runCtx = capture === null ? stepCtx : { ...stepCtx, hooks: capture.hooks };
    const result = await strategy.transcribe(runCtx, { audio: samples }, longForm, hooks);
    capture?.finish(result.windows, { model: manifest.id, strategy: strategy.name, durationSec: result.durationSec });
    return { result, warnings: samples.warnings ?? [] };
  };
  async function* stream(source: AsyncIterable<PcmChunk>, opts: StreamOptions = {}): AsyncGenerator<StreamEvent, void, undefined> {
    const resolved = resolveTranscribeOptions({ ...opts, temperature: opts.temperature ?? 0 }, model.decoder.dims.nTextCtx);
    const given = resolved.longForm.language;
    const language = given === null ? null : (toLanguageCode(given) ?? given);
    checkModelSupports(tokenizer, language, resolved.longForm.task);
    resolvePolicy(opts.policy); // fail on bad policy options before the VAD is loaded
    yield* streamWith(await streamParts(ctx, language, opts, model.decoder.dims.nTextCtx), source, opts);
  }
  return {
    modelId: manifest.id,
    manifest,
    transcribeDetailed: async (audio, opts) => (await run(audio, opts)).result,
    transcribe: async (audio, opts) => {
      const { result, warnings } = await run(audio, opts);
      return toTranscript(result, warnings);
    },
    stream,
    dispose: () => model.dispose(),
  };
}
