/**
 * Reads a Whisper ONNX export's input/output names from the session instead of assuming them
 * (optimum / onnx-community layout: `past_key_values.{i}.{decoder|encoder}.{key|value}` in,
 * `present.{i}.{decoder|encoder}.{key|value}` out).
 */
import type { InferenceSession } from 'onnxruntime-node';
import { ModelCorruptError } from '../../core/errors.js';

/** Names of one layer's cache tensors: self-attention (`decoder`) and cross-attention (`encoder`), key then value. */
export interface LayerNames {
  readonly selfKey: string;
  readonly selfValue: string;
  readonly crossKey: string;
  readonly crossValue: string;
}

/** Input/output names of a decoder session. */
export interface DecoderIoNames {
  readonly inputIds: string;
  /** `encoder_hidden_states`; null in `decoder_with_past_model.onnx`. */
  readonly encoderHiddenStates: string | null;
  /** `use_cache_branch` of a merged decoder; null otherwise. */
  readonly useCacheBranch: string | null;
  readonly logits: string;
  /** Past inputs per layer; empty for a first-step decoder. */
  readonly past: readonly LayerNames[];
  /** Present outputs per layer (cross names exist only where the session outputs them). */
  readonly present: readonly LayerNames[];
  /** Whether the session outputs the cross-attention presents. */
  readonly outputsCross: boolean;
  /** `cross_attentions.{layer}` outputs (attention weights, timestamped exports) by layer; empty when absent. */
  readonly crossAttentions: readonly string[];
  /** Fixed `decoder_sequence_length` of `input_ids` (1 for `decoder_with_past_model.onnx`), or null when dynamic. */
  readonly fixedSeqLen: number | null;
}

const CACHE_NAME = /^(past_key_values|present)\.(\d+)\.(decoder|encoder)\.(key|value)$/;
const INPUT_IDS = 'input_ids';
const ENCODER_HIDDEN_STATES = 'encoder_hidden_states';
const USE_CACHE_BRANCH = 'use_cache_branch';
const LOGITS = 'logits';
const CROSS_ATTENTIONS = 'cross_attentions.';

function corrupt(file: string, problem: string): ModelCorruptError {
  return new ModelCorruptError('MODEL_IO_UNEXPECTED', `${file}: ${problem}`, {
    hint: 'Use a Whisper decoder exported by optimum (onnx-community layout), or re-download the model.',
    details: { file },
  });
}

/** Groups cache names by layer; checks every layer 0..n-1 is complete. */
function layersOf(names: readonly string[], prefix: string, file: string, needCross: boolean): LayerNames[] {
  const found = new Map<number, Set<string>>();
  for (const name of names) {
    const m = CACHE_NAME.exec(name);
    if (m === null || m[1] !== prefix) continue;
    const layer = Number(m[2]);
    const set = found.get(layer) ?? new Set<string>();
    set.add(`${m[3]}.${m[4]}`);
    found.set(layer, set);
  }
  const layers: LayerNames[] = [];
  for (let i = 0; i < found.size; i++) {
    const parts = found.get(i);
    const need = needCross ? ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'] : ['decoder.key', 'decoder.value'];
    const missing = need.filter((p) => parts?.has(p) !== true);
    if (missing.length > 0) throw corrupt(file, `layer ${i} lacks ${missing.map((p) => `${prefix}.${i}.${p}`).join(', ')}`);
    const at = (part: string): string => `${prefix}.${i}.${part}`;
    layers.push({ selfKey: at('decoder.key'), selfValue: at('decoder.value'), crossKey: at('encoder.key'), crossValue: at('encoder.value') });
  }
  return layers;
}

/** Reads and checks a decoder session's names; `nLayers` comes from config.json. */
export function readDecoderIo(session: InferenceSession, file: string, nLayers: number): DecoderIoNames {
  const inputs = session.inputNames;
  const outputs = session.outputNames;
  if (!inputs.includes(INPUT_IDS)) throw corrupt(file, `has no "${INPUT_IDS}" input (inputs: ${inputs.join(', ')})`);
  if (!outputs.includes(LOGITS)) throw corrupt(file, `has no "${LOGITS}" output (outputs: ${outputs.join(', ')})`);
  const past = layersOf(inputs, 'past_key_values', file, true);
  const outputsCross = outputs.some((n) => /^present\.\d+\.encoder\./.test(n));
  const present = layersOf(outputs, 'present', file, outputsCross);
  if (present.length !== nLayers) throw corrupt(file, `has ${present.length} decoder layers, config.json says ${nLayers}`);
  if (past.length !== 0 && past.length !== nLayers) throw corrupt(file, `has past inputs for ${past.length} layers, config.json says ${nLayers}`);
  const idsMeta = session.inputMetadata.find((m) => m.name === INPUT_IDS);
  const seqDim = idsMeta !== undefined && idsMeta.isTensor ? idsMeta.shape[1] : undefined;
  return {
    inputIds: INPUT_IDS,
    encoderHiddenStates: inputs.includes(ENCODER_HIDDEN_STATES) ? ENCODER_HIDDEN_STATES : null,
    useCacheBranch: inputs.includes(USE_CACHE_BRANCH) ? USE_CACHE_BRANCH : null,
    logits: LOGITS,
    past,
    present,
    outputsCross,
    crossAttentions: crossAttentionNames(outputs, nLayers),
    fixedSeqLen: typeof seqDim === 'number' ? seqDim : null,
  };
}

/** `cross_attentions.0..n-1` when the session outputs all of them, else empty. */
function crossAttentionNames(outputs: readonly string[], nLayers: number): string[] {
  const names = Array.from({ length: nLayers }, (_, i) => `${CROSS_ATTENTIONS}${i}`);
  return names.every((n) => outputs.includes(n)) ? names : [];
}

/** Checks that a session can run the first decoder step (no cache in, cross-attention presents out). */
export function assertFirstStepIo(io: DecoderIoNames, file: string): void {
  if (io.encoderHiddenStates === null) throw corrupt(file, `has no "${ENCODER_HIDDEN_STATES}" input; it cannot run the first step`);
  if (!io.outputsCross) throw corrupt(file, 'does not output present.N.encoder.key/value; it cannot run the first step');
  if (io.past.length > 0 && io.useCacheBranch === null) throw corrupt(file, `needs past inputs but has no "${USE_CACHE_BRANCH}"`);
}

/** Checks that a session can run later steps (takes the cache). */
export function assertWithPastIo(io: DecoderIoNames, file: string): void {
  if (io.past.length === 0) throw corrupt(file, 'has no past_key_values inputs; it cannot run steps with a cache');
}

/** Names of the encoder's single input and output. */
export function readEncoderIo(session: InferenceSession, file: string): { input: string; output: string } {
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1 || input === undefined || output === undefined) {
    throw corrupt(file, `an encoder needs one input and one output, found ${session.inputNames.length} and ${session.outputNames.length}`);
  }
  return { input, output };
}
