/**
 * Exported graphs vs published graphs on the same inputs (the acceptance check of the exporter, used by
 * `npm run parity:export` and the export test): encoder output, first-step logits and teacher-forced logits along
 * OpenAI's greedy path, and the cross-attention weights when both files output them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openGraph } from '../runtime/onnx/graph-runner.js';
import type { GraphFeed, GraphOutput, GraphRunner } from '../runtime/onnx/graph-runner.js';

/** Encoder: max |difference| allowed (values reach ~4.4). */
export const EXPORT_ENCODER_ATOL = 1e-5;
/** Logits: max |difference| per row allowed, relative to that row's max |published logit|. */
export const EXPORT_LOGITS_RTOL = 1e-5;
/** Cross-attention weights (probabilities): max |difference| allowed. */
export const EXPORT_ATTENTION_ATOL = 1e-5;
/** `<|startoftranscript|><|en|><|transcribe|><|notimestamps|>`. */
const PROMPT = [50258, 50259, 50359, 50363] as const;

export interface ExportFigure {
  readonly name: string;
  readonly maxAbs: number;
  /** maxAbs divided by the scale it is judged against (1 for absolute checks). */
  readonly scaled: number;
  readonly tolerance: number;
  /** Rows whose argmax differs (logits only). */
  readonly argmaxDiffers: number;
  readonly rows: number;
  readonly pass: boolean;
}

interface Accumulator {
  maxAbs: number;
  scaled: number;
  argmaxDiffers: number;
  rows: number;
}

function readMel(refDir: string, audio: string): Float32Array {
  const bytes = readFileSync(join(refDir, 'reference', `mel_${audio}_w0.bin`));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function greedyTokens(refDir: string, audio: string): number[] {
  const file = JSON.parse(readFileSync(join(refDir, 'reference', `decode_${audio}.json`), 'utf8')) as { cases: Record<string, { tokens: number[] }> };
  const tokens = file.cases['greedy_no_ts']?.tokens;
  if (tokens === undefined) throw new Error(`decode_${audio}.json has no greedy_no_ts case`);
  return tokens;
}

function argmax(a: Float32Array, from: number, n: number): number {
  let best = from;
  for (let i = from + 1; i < from + n; i++) if ((a[i] as number) > (a[best] as number)) best = i;
  return best - from;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Compares logits `[1, rows, vocab]` row by row. */
function addLogits(acc: Accumulator, ref: GraphOutput, ours: GraphOutput): void {
  const vocab = ref.dims[ref.dims.length - 1] as number;
  const rows = ref.data.length / vocab;
  if (ours.data.length !== ref.data.length) {
    acc.maxAbs = Infinity;
    acc.scaled = Infinity;
    return;
  }
  for (let r = 0; r < rows; r++) {
    let diff = 0;
    let scale = 0;
    for (let i = r * vocab; i < (r + 1) * vocab; i++) {
      diff = Math.max(diff, Math.abs((ref.data[i] as number) - (ours.data[i] as number)));
      scale = Math.max(scale, Math.abs(ref.data[i] as number));
    }
    acc.maxAbs = Math.max(acc.maxAbs, diff);
    acc.scaled = Math.max(acc.scaled, diff / scale);
    if (argmax(ref.data, r * vocab, vocab) !== argmax(ours.data, r * vocab, vocab)) acc.argmaxDiffers++;
    acc.rows++;
  }
}

function empty(): Accumulator {
  return { maxAbs: 0, scaled: 0, argmaxDiffers: 0, rows: 0 };
}

interface StepState {
  readonly feeds: Record<string, GraphFeed>;
}

/** Feeds for the first step (use_cache_branch false, zero-length past) of a merged decoder. */
function firstFeeds(dec: GraphRunner, hidden: Float32Array, d: number, heads: number): Record<string, GraphFeed> {
  const head = d / heads;
  const feeds: Record<string, GraphFeed> = {
    input_ids: { type: 'int64', data: BigInt64Array.from(PROMPT.map(BigInt)), dims: [1, PROMPT.length] },
    encoder_hidden_states: { type: 'float32', data: hidden, dims: [1, hidden.length / d, d] },
    use_cache_branch: { type: 'bool', data: new Uint8Array([0]), dims: [1] },
  };
  for (const name of dec.inputNames) if (name.startsWith('past_key_values.')) feeds[name] = { type: 'float32', data: new Float32Array(0), dims: [1, heads, 0, head] };
  return feeds;
}

/** Feeds of the next step from this step's outputs (encoder presents are kept from the first step). */
function nextFeeds(prev: StepState, out: Record<string, GraphOutput>, token: number, first: boolean): StepState {
  const feeds: Record<string, GraphFeed> = { ...prev.feeds };
  feeds['input_ids'] = { type: 'int64', data: BigInt64Array.from([BigInt(token)]), dims: [1, 1] };
  feeds['use_cache_branch'] = { type: 'bool', data: new Uint8Array([1]), dims: [1] };
  for (const [name, t] of Object.entries(out)) {
    if (!name.startsWith('present.')) continue;
    if (name.includes('.encoder.') && !first) continue;
    feeds[name.replace('present.', 'past_key_values.')] = { type: 'float32', data: t.data, dims: t.dims };
  }
  return { feeds };
}

export interface ExportParityOptions {
  /** Folder of the published model (with `onnx/` and, unless `referenceDir` is given, `reference/`). */
  readonly publishedDir: string;
  readonly exportedDir: string;
  /** Folder holding `reference/` (mel windows and OpenAI's greedy tokens); default `publishedDir`. */
  readonly referenceDir?: string;
  readonly audios?: readonly string[];
  /** Teacher-forced steps per audio after the prompt (default: the whole greedy path). */
  readonly maxSteps?: number;
  readonly dModel: number;
  readonly heads: number;
  /** File-name suffix of the exported files (`_fp16`, `_quantized`); default none (fp32). */
  readonly exportedSuffix?: string;
}

/** Runs both folders' `encoder_model.onnx` and `decoder_model_merged.onnx` on the same inputs and returns the figures. */
export async function compareExportedModel(o: ExportParityOptions): Promise<ExportFigure[]> {
  const refDir = o.referenceDir ?? o.publishedDir;
  const open = (dir: string, file: string): Promise<GraphRunner> => openGraph(join(dir, 'onnx', file), { intraOpNumThreads: 1 });
  const suffix = o.exportedSuffix ?? '';
  const [encRef, encOurs, decRef, decOurs] = await Promise.all([
    open(o.publishedDir, 'encoder_model.onnx'),
    open(o.exportedDir, `encoder_model${suffix}.onnx`),
    open(o.publishedDir, 'decoder_model_merged.onnx'),
    open(o.exportedDir, `decoder_model_merged${suffix}.onnx`),
  ]);
  const figures: ExportFigure[] = [];
  try {
    const sameIo = (a: GraphRunner, b: GraphRunner, label: string): void => {
      const same = JSON.stringify(a.inputs) === JSON.stringify(b.inputs) && JSON.stringify(a.outputNames) === JSON.stringify(b.outputNames);
      figures.push({ name: `${label}: input names/types/shapes and output names`, maxAbs: same ? 0 : 1, scaled: same ? 0 : 1, tolerance: 0, argmaxDiffers: 0, rows: 0, pass: same });
    };
    sameIo(encRef, encOurs, 'encoder');
    sameIo(decRef, decOurs, 'decoder');
    for (const audio of o.audios ?? ['jfk', 'long']) {
      const mel = readMel(refDir, audio);
      const feed: Record<string, GraphFeed> = { input_features: { type: 'float32', data: mel, dims: [1, mel.length / 3000, 3000] } };
      const hRef = (await encRef.run(feed))['last_hidden_state'] as GraphOutput;
      const hOurs = (await encOurs.run(feed))['last_hidden_state'] as GraphOutput;
      const encDiff = maxAbsDiff(hRef.data, hOurs.data);
      figures.push({ name: `encoder ${audio}_w0`, maxAbs: encDiff, scaled: encDiff, tolerance: EXPORT_ENCODER_ATOL, argmaxDiffers: 0, rows: 0, pass: encDiff <= EXPORT_ENCODER_ATOL });
      // Same decoder inputs for both: the published encoder's output.
      const tokens = greedyTokens(refDir, audio).slice(0, o.maxSteps ?? Infinity);
      let ref: StepState = { feeds: firstFeeds(decRef, hRef.data, o.dModel, o.heads) };
      let ours: StepState = { feeds: firstFeeds(decOurs, hRef.data, o.dModel, o.heads) };
      const first = empty();
      const forced = empty();
      const attention = { maxAbs: 0, steps: 0 };
      for (let step = 0; step <= tokens.length; step++) {
        const outRef = await decRef.run(ref.feeds);
        const outOurs = await decOurs.run(ours.feeds);
        addLogits(step === 0 ? first : forced, outRef['logits'] as GraphOutput, outOurs['logits'] as GraphOutput);
        for (const name of Object.keys(outRef)) {
          if (!name.startsWith('cross_attentions.')) continue;
          const mine = outOurs[name];
          attention.maxAbs = Math.max(attention.maxAbs, mine === undefined ? Infinity : maxAbsDiff((outRef[name] as GraphOutput).data, mine.data));
          attention.steps++;
        }
        const token = tokens[step];
        if (token === undefined) break;
        ref = nextFeeds(ref, outRef, token, step === 0);
        ours = nextFeeds(ours, outOurs, token, step === 0);
      }
      const logitFigure = (name: string, a: Accumulator): ExportFigure => ({
        name,
        maxAbs: a.maxAbs,
        scaled: a.scaled,
        tolerance: EXPORT_LOGITS_RTOL,
        argmaxDiffers: a.argmaxDiffers,
        rows: a.rows,
        pass: a.scaled <= EXPORT_LOGITS_RTOL && a.argmaxDiffers === 0 && a.rows > 0,
      });
      figures.push(logitFigure(`first-step logits ${audio}_w0 (4 prompt positions)`, first));
      figures.push(logitFigure(`teacher-forced logits ${audio}_w0 (${tokens.length} steps)`, forced));
      if (attention.steps > 0) {
        figures.push({ name: `cross_attentions ${audio}_w0 (${attention.steps} layer-steps)`, maxAbs: attention.maxAbs, scaled: attention.maxAbs, tolerance: EXPORT_ATTENTION_ATOL, argmaxDiffers: 0, rows: attention.steps, pass: attention.maxAbs <= EXPORT_ATTENTION_ATOL });
      }
    }
  } finally {
    await Promise.all([encRef, encOurs, decRef, decOurs].map((r) => r.dispose()));
  }
  return figures;
}
