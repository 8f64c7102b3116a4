/**
 * The experiment end to end, shared by `cephalon research beamnet collect|train|eval` and
 * `npm run bench:research-beamnet`: collect labelled greedy steps from audio files, train on some audio, and judge
 * on the held-out audio how close greedy and greedy + network come to beam search, and at what cost per token.
 */
import { createHash } from 'node:crypto';
import { loadAudio } from '../../audio/load-audio.js';
import { decodeWindow } from '../../decoding/decode-window.js';
import type { WindowResult } from '../../decoding/decode-window.js';
import type { DecodeHooks } from '../../decoding/decode-hooks.js';
import { DEFAULT_WINDOW_DECODE_OPTIONS } from '../../decoding/options.js';
import type { WindowDecodeOptions } from '../../decoding/options.js';
import type { DecodingTokenizer } from '../../decoding/tokenizer-view.js';
import type { WhisperDecoder, WhisperEncoder } from '../../runtime/types.js';
import { InvalidOptionError } from '../../core/errors.js';
import { collectWindow } from './collect.js';
import type { WindowRecord } from './collect.js';
import { splitByAudio } from './dataset.js';
import type { AudioSplit, BeamnetExample } from './dataset.js';
import { agreementWithBeam, stepAgreement } from './evaluate.js';
import type { StepAgreement } from './evaluate.js';
import type { Mlp } from './mlp.js';
import type { TrainingNote } from './net-file.js';
import { beamnetHooks } from './rescorer.js';
import type { StepScorer } from './rescorer.js';
import { DEFAULT_TRAIN_OPTIONS, trainBeamnet } from './train.js';
import type { TrainOptions, TrainResult } from './train.js';
import { planWindows, windowMel } from './windows.js';
import type { AudioSource, WindowPlanOptions, WindowSpec } from './windows.js';

/** A loaded Whisper model as the experiment needs it. */
export interface ExperimentModel {
  readonly encoder: WhisperEncoder;
  readonly decoder: WhisperDecoder;
  readonly tokenizer: DecodingTokenizer;
}

export const BEAMNET_DATA_FORMAT = 'cephalon-beamnet-data';

/** The collected data set (JSON). */
export interface BeamnetData {
  readonly format: typeof BEAMNET_DATA_FORMAT;
  readonly version: 1;
  readonly beamSize: number;
  readonly withoutTimestamps: boolean;
  /** Sample limit of the decodes (`null` = the model's `nTextCtx / 2`). */
  readonly sampleLen?: number | null;
  readonly sources: readonly AudioSource[];
  readonly windows: readonly WindowSpec[];
  readonly records: readonly WindowRecord[];
  readonly examples: readonly BeamnetExample[];
}

export interface CollectDataOptions {
  readonly plan?: WindowPlanOptions;
  /** Beam width of the teacher. Default 5. */
  readonly beamSize?: number;
  /** Decode without timestamp tokens. Default true. */
  readonly withoutTimestamps?: boolean;
  /** Sample limit of the decodes. Default `null` (the model's `nTextCtx / 2`, 224). */
  readonly sampleLen?: number | null;
  readonly onProgress?: (done: number, total: number, window: string) => void;
  readonly signal?: AbortSignal;
}

/** The greedy options of the experiment (English, temperature 0, OpenAI's defaults otherwise). */
export function experimentOptions(withoutTimestamps: boolean, sampleLen: number | null = null): WindowDecodeOptions {
  return { ...DEFAULT_WINDOW_DECODE_OPTIONS, language: 'en', withoutTimestamps, sampleLen };
}

/**
 * Decodes every planned window of every source greedily and with beam search and labels the greedy steps.
 * @example const data = await collectBeamnetData(model, [{ id: 'jfk', path: 'jfk.wav' }]);
 */
export async function collectBeamnetData(model: ExperimentModel, sources: readonly AudioSource[], options: CollectDataOptions = {}): Promise<BeamnetData> {
  const beamSize = options.beamSize ?? 5;
  const withoutTimestamps = options.withoutTimestamps ?? true;
  const sampleLen = options.sampleLen ?? null;
  if (new Set(sources.map((s) => s.id)).size !== sources.length) throw new InvalidOptionError('DUPLICATE_SOURCE', 'two audio sources share an id', { hint: 'Give every source its own id (file name).' });
  const loaded = await Promise.all(sources.map(async (s) => ({ source: s, samples: (await loadAudio(s.path)).samples })));
  const plan = loaded.flatMap((l) => planWindows(l.source.id, l.samples.length, options.plan).map((w) => ({ w, samples: l.samples })));
  const records: WindowRecord[] = [];
  const examples: BeamnetExample[] = [];
  const ctx = { decoder: model.decoder, tokenizer: model.tokenizer };
  for (const [i, { w, samples }] of plan.entries()) {
    options.signal?.throwIfAborted();
    const encoder = await model.encoder.encode(windowMel(samples, w), 1);
    const r = await collectWindow(ctx, { audio: w.audio, window: w.window, encoder }, { greedy: experimentOptions(withoutTimestamps, sampleLen), beamSize });
    records.push(r.record);
    examples.push(...r.examples);
    options.onProgress?.(i + 1, plan.length, w.window);
  }
  return { format: BEAMNET_DATA_FORMAT, version: 1, beamSize, withoutTimestamps, sampleLen, sources, windows: plan.map((p) => p.w), records, examples };
}

/** Reads a data file written from `collectBeamnetData` (JSON); `name` is used in errors. */
export function parseBeamnetData(text: string, name: string): BeamnetData {
  let raw: Partial<BeamnetData>;
  try {
    raw = JSON.parse(text) as Partial<BeamnetData>;
  } catch (cause) {
    throw new InvalidOptionError('INVALID_BEAMNET_DATA', `${name}: not JSON (${(cause as Error).message})`, { hint: 'Pass a file written by `cephalon research beamnet collect`.', details: { file: name } });
  }
  if (raw.format !== BEAMNET_DATA_FORMAT || raw.version !== 1 || !Array.isArray(raw.examples) || !Array.isArray(raw.windows) || !Array.isArray(raw.sources)) {
    throw new InvalidOptionError('INVALID_BEAMNET_DATA', `${name}: not a beamnet data file (format '${String(raw.format)}', version ${String(raw.version)})`, {
      hint: 'Collect it with `cephalon research beamnet collect`.',
      details: { file: name },
    });
  }
  return raw as BeamnetData;
}

/** Digest of the examples (to tie a trained net to its data). */
export function dataDigest(data: BeamnetData): string {
  return createHash('sha256').update(JSON.stringify(data.examples)).digest('hex').slice(0, 16);
}

export interface TrainFromDataOptions extends TrainOptions {
  /** Share of the audio held out. Default 0.25. */
  readonly validationFraction?: number;
}

/** Splits by audio and trains; returns the net, the split and a training note that reproduces it. */
export function trainFromData(data: BeamnetData, options: TrainFromDataOptions = {}): { result: TrainResult; split: AudioSplit; note: TrainingNote } {
  const seed = options.seed ?? DEFAULT_TRAIN_OPTIONS.seed;
  const validationFraction = options.validationFraction ?? 0.25;
  const split = splitByAudio(data.examples, validationFraction, seed);
  const result = trainBeamnet(split.train, split.validation, { ...options, seed });
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const note: TrainingNote = {
    seed,
    validationFraction,
    hidden: [...o.hidden],
    epochs: o.epochs,
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    weightDecay: o.weightDecay,
    bestEpoch: result.bestEpoch,
    data: dataDigest(data),
    trainAudio: [...split.trainAudio],
    validationAudio: [...split.validationAudio],
  };
  return { result, split, note };
}

/** Totals of one decoding mode over the held-out windows. */
export interface ModeReport {
  /** Wall time per output token (EOT included), median over repeats of the summed time. */
  readonly msPerToken: number;
  /** Output tokens (EOT included), per pass over the windows. */
  readonly tokens: number;
  /** Batched decoder calls, per pass. */
  readonly decoderCalls: number;
  /** Tokens aligned to an equal beam token / beam tokens (1 for beam itself). */
  readonly agreement: number;
  /** Edit distance to beam / beam tokens. */
  readonly distance: number;
  /** Windows decoded exactly as beam. */
  readonly exactWindows: number;
}

export interface EvaluationReport {
  readonly windows: number;
  readonly steps: StepAgreement;
  readonly greedy: ModeReport;
  readonly net: ModeReport;
  readonly beam: ModeReport;
  /** Greedy steps the network scored / changed in the last pass. */
  readonly netSteps: number;
  readonly netChanged: number;
}

export interface EvaluateOptions {
  /** Passes over the windows, modes alternating in a rotating order (timings are medians). Default 3. */
  readonly repeats?: number;
  readonly withoutTimestamps?: boolean;
  readonly sampleLen?: number | null;
  readonly beamSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** A window to judge on: its id and its log-mel. */
export interface HeldOutWindow {
  readonly window: string;
  readonly mel: Float32Array;
}

/** The held-out windows of `data` (those of `audios`), loaded again from their source files. */
export async function heldOutWindows(data: BeamnetData, audios: readonly string[]): Promise<HeldOutWindow[]> {
  const held = new Set(audios);
  const specs = data.windows.filter((w) => held.has(w.audio));
  const out: HeldOutWindow[] = [];
  for (const source of data.sources) {
    const mine = specs.filter((w) => w.source === source.id);
    if (mine.length === 0) continue;
    const samples = (await loadAudio(source.path)).samples;
    for (const w of mine) out.push({ window: w.window, mel: windowMel(samples, w) });
  }
  return out;
}

function withEot(r: WindowResult, sampleLen: number, eot: number): number[] {
  return r.tokens.length < sampleLen ? [...r.tokens, eot] : [...r.tokens];
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Greedy, greedy + network (in the loop, through `scorer`) and beam on each window, side by side: agreement with
 * beam's tokens and time per token. `examples` (held-out steps) give the step-level agreement of `net`.
 */
export async function evaluateBeamnet(model: ExperimentModel, windows: readonly HeldOutWindow[], net: Mlp, scorer: StepScorer, examples: readonly BeamnetExample[], options: EvaluateOptions = {}): Promise<EvaluationReport> {
  const repeats = options.repeats ?? 3;
  const greedy = experimentOptions(options.withoutTimestamps ?? true, options.sampleLen ?? null);
  const beam: WindowDecodeOptions = { ...greedy, strategy: { kind: 'beam', beamSize: options.beamSize ?? 5, patience: 1 } };
  const sampleLen = options.sampleLen ?? Math.floor(model.decoder.dims.nTextCtx / 2);
  const eot = model.tokenizer.eot;
  const modes = ['greedy', 'net', 'beam'] as const;
  const time: Record<(typeof modes)[number], number[]> = { greedy: [], net: [], beam: [] };
  const last: Record<(typeof modes)[number], WindowResult[]> = { greedy: [], net: [], beam: [] };
  let netSteps = 0;
  let netChanged = 0;
  for (let rep = 0; rep < repeats; rep++) {
    const sums = { greedy: 0, net: 0, beam: 0 };
    const results: Record<(typeof modes)[number], WindowResult[]> = { greedy: [], net: [], beam: [] };
    const rescorer = beamnetHooks({ scorer, tokens: model.tokenizer });
    for (const [i, w] of windows.entries()) {
      options.signal?.throwIfAborted();
      const encoder = await model.encoder.encode(w.mel, 1);
      for (let k = 0; k < modes.length; k++) {
        const mode = modes[(k + rep + i) % modes.length] as (typeof modes)[number];
        const hooks: DecodeHooks | undefined = mode === 'net' ? rescorer.hooks : undefined;
        const t0 = performance.now();
        const r = await decodeWindow({ decoder: model.decoder, tokenizer: model.tokenizer, ...(hooks === undefined ? {} : { hooks }) }, encoder, mode === 'beam' ? beam : greedy);
        sums[mode] += performance.now() - t0;
        results[mode].push(r);
      }
      options.onProgress?.(rep * windows.length + i + 1, repeats * windows.length);
    }
    for (const m of modes) time[m].push(sums[m]);
    Object.assign(last, results);
    netSteps = rescorer.stats.steps;
    netChanged = rescorer.stats.changed;
  }
  const beamSeqs = last.beam.map((r) => withEot(r, sampleLen, eot));
  const beamTotal = beamSeqs.reduce((s, b) => s + b.length, 0);
  const report = (m: (typeof modes)[number]): ModeReport => {
    const seqs = last[m].map((r) => withEot(r, sampleLen, eot));
    const agree = seqs.map((s, i) => agreementWithBeam(s, beamSeqs[i] as number[]));
    const tokens = seqs.reduce((s, q) => s + q.length, 0);
    return {
      msPerToken: median(time[m]) / tokens,
      tokens,
      decoderCalls: last[m].reduce((s, r) => s + r.decoderSteps, 0),
      agreement: agree.reduce((s, a) => s + a.matches, 0) / beamTotal,
      distance: agree.reduce((s, a) => s + a.distance, 0) / beamTotal,
      exactWindows: agree.filter((a) => a.exact).length,
    };
  };
  return { windows: windows.length, steps: stepAgreement(examples, net), greedy: report('greedy'), net: report('net'), beam: report('beam'), netSteps, netChanged };
}
