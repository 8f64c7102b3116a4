/**
 * Perplexity under a causal language model exported to ONNX (inputs `input_ids` [batch, seq] int64 and
 * optionally `attention_mask` / `position_ids`; output `logits` [batch, seq, vocab]), with Hugging Face's
 * sliding-window recipe: windows of `length` tokens advancing by `stride`; in each window only the tokens not
 * scored before are scored, each from the logits of the previous position; total NLL / scored tokens.
 *
 * BOS/EOS policy: with `bosTokenId`, BOS is prepended and every text token is scored (BOS is context only);
 * without it the first token has no context and is not scored (the HF recipe). With `eosTokenId`, EOS is
 * appended and scored.
 */
import * as ort from 'onnxruntime-node';
import { existsSync } from 'node:fs';
import { InvalidOptionError, ModelNotFoundError, RuntimeError } from '@cephalon/stt';
import type { TextTokenizer } from './tokenizers.js';
import type { LanguageModelScorer, TextScore, WindowSpec } from './types.js';

/** Default stride (bench requirements 2.3). */
export const DEFAULT_STRIDE = 512;

/** Options of {@link createOnnxCausalLmScorer}. */
export interface OnnxCausalLmOptions {
  /** Path of the `.onnx` file (a model without past key/value inputs). */
  readonly modelPath: string;
  readonly tokenizer: TextTokenizer;
  /** Window length: the model's maximum positions (GPT-2: 1024). */
  readonly windowLength: number;
  /** Window stride, at most `windowLength`. Default min(512, windowLength). */
  readonly stride?: number;
  /** Name reported with results. Default: the model path. */
  readonly name?: string;
  /** Prepend this token (e.g. GPT-2 `<|endoftext|>` = 50256) so the first word is scored too. */
  readonly bosTokenId?: number;
  /** Append and score this token. */
  readonly eosTokenId?: number;
  /** Name of the logits output. Default `logits`, else the first output. */
  readonly logitsOutput?: string;
}

/** -ln softmax(logits)[target] over one row `[vocab]`, in float64. */
export function negLogSoftmaxAt(logits: Float32Array, offset: number, vocab: number, target: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let v = 0; v < vocab; v += 1) max = Math.max(max, logits[offset + v] ?? max);
  let sum = 0;
  for (let v = 0; v < vocab; v += 1) sum += Math.exp((logits[offset + v] ?? max) - max);
  return Math.log(sum) + max - (logits[offset + target] ?? Number.NaN);
}

/** One window of the recipe: token span and which of its positions are scored. */
export interface ScoringWindow {
  readonly begin: number;
  readonly end: number;
  /** First scored position inside the window (>= 1). */
  readonly firstScored: number;
}

/** The windows of the HF recipe over `seqLen` tokens. */
export function scoringWindows(seqLen: number, window: WindowSpec): ScoringWindow[] {
  const out: ScoringWindow[] = [];
  let prevEnd = 0;
  for (let begin = 0; begin < seqLen; begin += window.stride) {
    const end = Math.min(begin + window.length, seqLen);
    const targets = end - prevEnd;
    out.push({ begin, end, firstScored: Math.max(1, end - begin - targets) });
    prevEnd = end;
    if (end === seqLen) break;
  }
  return out;
}

function checkWindow(length: number, stride: number): WindowSpec {
  if (!Number.isInteger(length) || length < 2 || !Number.isInteger(stride) || stride < 1 || stride > length) {
    throw new InvalidOptionError('lm_window', `Invalid window length ${length} / stride ${stride}`, {
      hint: 'Use the model\'s maximum positions as length (>= 2) and 1 <= stride <= length.',
    });
  }
  return { length, stride };
}

function feeds(session: ort.InferenceSession, ids: readonly number[], path: string): Record<string, ort.Tensor> {
  const n = ids.length;
  const out: Record<string, ort.Tensor> = {};
  for (const name of session.inputNames) {
    if (name === 'input_ids') out[name] = new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [1, n]);
    else if (name === 'attention_mask') out[name] = new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);
    else if (name === 'position_ids') out[name] = new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(i)), [1, n]);
    else {
      throw new RuntimeError('lm_unsupported_input', `${path}: input "${name}" is not supported`, {
        hint: 'Export the causal LM without past key/values (inputs: input_ids, attention_mask, position_ids).',
        details: { path, input: name },
      });
    }
  }
  return out;
}

/** NLL and count of the scored positions of one window. */
async function scoreWindow(session: ort.InferenceSession, ids: readonly number[], w: ScoringWindow, logitsName: string, path: string): Promise<[number, number]> {
  const windowIds = ids.slice(w.begin, w.end);
  const result = await session.run(feeds(session, windowIds, path));
  const logits = result[logitsName];
  if (logits === undefined || logits.type !== 'float32' || logits.dims.length !== 3 || logits.dims[1] !== windowIds.length) {
    throw new RuntimeError('lm_bad_output', `${path}: output "${logitsName}" is not float32 [batch, seq, vocab]`, { hint: 'Name the logits output with logitsOutput.' });
  }
  const vocab = Number(logits.dims[2]);
  const data = logits.data as Float32Array;
  let nll = 0;
  for (let t = w.firstScored; t < windowIds.length; t += 1) nll += negLogSoftmaxAt(data, (t - 1) * vocab, vocab, windowIds[t] ?? 0);
  return [nll, windowIds.length - w.firstScored];
}

/**
 * Loads an ONNX causal LM once; the scorer then scores any number of texts.
 * @example
 * const lm = await createOnnxCausalLmScorer({ modelPath: 'gpt2/model.onnx', tokenizer, windowLength: 1024, bosTokenId: 50256 });
 */
export async function createOnnxCausalLmScorer(options: OnnxCausalLmOptions): Promise<LanguageModelScorer> {
  const path = options.modelPath;
  const window = checkWindow(options.windowLength, options.stride ?? Math.min(DEFAULT_STRIDE, options.windowLength));
  if (!existsSync(path)) throw new ModelNotFoundError('lm_not_found', `ONNX language model ${path} not found`, { hint: 'Check modelPath.', details: { path } });
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path);
  } catch (cause) {
    throw new RuntimeError('lm_load_failed', `Cannot load ONNX language model ${path}`, { hint: 'Is it a valid ONNX file?', cause, details: { path } });
  }
  const logitsName = options.logitsOutput ?? (session.outputNames.includes('logits') ? 'logits' : (session.outputNames[0] ?? 'logits'));
  const bos = options.bosTokenId === undefined ? [] : [options.bosTokenId];
  const eos = options.eosTokenId === undefined ? [] : [options.eosTokenId];
  const score = async (text: string): Promise<TextScore> => {
    const ids = [...bos, ...options.tokenizer.encode(text), ...eos];
    let nll = 0;
    let tokens = 0;
    for (const w of scoringWindows(ids.length, window)) {
      const [n, k] = await scoreWindow(session, ids, w, logitsName, path);
      nll += n;
      tokens += k;
    }
    return { nll, tokens, words: text.split(/\s+/u).filter((x) => x.length > 0).length, oovs: 0, oovNll: 0 };
  };
  return {
    name: options.name ?? path,
    tokenizer: options.tokenizer.name,
    window,
    boundaryPolicy:
      (options.bosTokenId === undefined ? 'no BOS: first token unscored' : `BOS ${options.bosTokenId} prepended: all tokens scored`) +
      (options.eosTokenId === undefined ? '; no EOS' : `; EOS ${options.eosTokenId} appended and scored`),
    score,
    dispose: () => session.release(),
  };
}
