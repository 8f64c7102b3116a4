/**
 * The teacher-forced alignment pass of a timestamped decoder export: one run of the first-step branch over the whole
 * token sequence (no cache kept, none copied), fetching `logits` and the `cross_attentions.{layer}` outputs of the
 * layers that hold alignment heads. What OpenAI's `find_alignment` gets from its forward hooks.
 */
import * as ort from 'onnxruntime-node';
import { RuntimeError } from '../../core/errors.js';
import type { AlignmentHead, CrossAttentionRun, EncoderOutput, WhisperModelDims } from '../types.js';
import { headDim } from '../model-dims.js';
import { cacheBranchTensor, checkTokens, emptyTensor, idsTensor } from './decoder-inputs.js';
import type { DecoderSession } from './decoder.js';

function unavailable(file: string): RuntimeError {
  return new RuntimeError('CROSS_ATTENTION_UNAVAILABLE', `${file} does not output cross_attentions.{layer}: word timestamps need the cross-attention weights`, {
    hint: 'Use a timestamped export of the model (e.g. onnx-community/whisper-tiny_timestamped, whose decoder returns cross_attentions.N), or drop word timestamps.',
    details: { file },
  });
}

function checkHeads(heads: readonly AlignmentHead[], dims: WhisperModelDims): void {
  if (heads.length === 0) throw new RuntimeError('DECODER_INPUT_INVALID', 'crossAttentions: no alignment heads given', { hint: 'Pass [layer, head] pairs (generation_config.json alignment_heads).' });
  for (const [layer, head] of heads) {
    if (!Number.isInteger(layer) || !Number.isInteger(head) || layer < 0 || layer >= dims.nDecoderLayers || head < 0 || head >= dims.nDecoderHeads) {
      throw new RuntimeError('DECODER_INPUT_INVALID', `crossAttentions: alignment head [${layer}, ${head}] is outside ${dims.nDecoderLayers} layers × ${dims.nDecoderHeads} heads`, {
        hint: "Check generation_config.json's alignment_heads against config.json.",
      });
    }
  }
}

function float32Output(value: ort.OnnxValue | undefined, name: string, file: string): Float32Array {
  if (!(value instanceof ort.Tensor) || value.type !== 'float32') {
    throw new RuntimeError('DECODER_RUN_FAILED', `${file} returned no float32 "${name}"`, { hint: 'Re-export or re-download the decoder.', details: { file } });
  }
  return value.data as Float32Array;
}

/** Runs the alignment pass on `part` (a first-step capable decoder session). */
export async function runCrossAttentions(
  part: DecoderSession,
  dims: WhisperModelDims,
  encoder: EncoderOutput,
  tokens: readonly number[],
  heads: readonly AlignmentHead[],
): Promise<CrossAttentionRun> {
  const { io, file } = part;
  if (io.crossAttentions.length === 0) throw unavailable(file);
  checkHeads(heads, dims);
  const seqLen = checkTokens([tokens], 1, 0, dims);
  if (encoder.batch !== 1 || encoder.dims[1] !== dims.nAudioCtx || encoder.dims[2] !== dims.dModel) {
    throw new RuntimeError('DECODER_INPUT_INVALID', `crossAttentions: encoder output [${encoder.dims.join(', ')}] is not one window of this model`, {
      hint: `Pass the [1, ${dims.nAudioCtx}, ${dims.dModel}] encoder output of the window.`,
    });
  }
  const feeds: Record<string, ort.Tensor> = {
    [io.inputIds]: idsTensor([tokens], 1, seqLen),
    [io.encoderHiddenStates ?? 'encoder_hidden_states']: new ort.Tensor('float32', encoder.data, [1, dims.nAudioCtx, dims.dModel]),
  };
  if (io.useCacheBranch !== null) feeds[io.useCacheBranch] = cacheBranchTensor(false);
  const empty = emptyTensor([1, dims.nDecoderHeads, 0, headDim(dims)]);
  for (const p of io.past) for (const name of [p.selfKey, p.selfValue, p.crossKey, p.crossValue]) feeds[name] = empty;
  const layers = [...new Set(heads.map(([layer]) => layer))];
  const names = [io.logits, ...layers.map((l) => io.crossAttentions[l] as string)];
  let out: ort.InferenceSession.ReturnType;
  try {
    out = await part.session.run(feeds, names);
  } catch (cause) {
    const text = cause instanceof Error ? cause.message : String(cause);
    throw new RuntimeError('DECODER_RUN_FAILED', `ONNX Runtime failed running ${file} for cross-attention weights: ${text}`, { cause, hint: 'Check that config.json belongs to these ONNX files.', details: { file } });
  }
  const frames = dims.nAudioCtx;
  const plane = seqLen * frames;
  const weights = new Float32Array(heads.length * plane);
  heads.forEach(([layer, head], k) => {
    const name = io.crossAttentions[layer] as string;
    const data = float32Output(out[name], name, file);
    if (data.length !== dims.nDecoderHeads * plane) {
      throw new RuntimeError('DECODER_RUN_FAILED', `${file}: "${name}" has ${data.length} values, expected [1, ${dims.nDecoderHeads}, ${seqLen}, ${frames}]`, { hint: 'Re-export the decoder with cross-attention outputs.', details: { file } });
    }
    weights.set(data.subarray(head * plane, (head + 1) * plane), k * plane);
  });
  const logits = float32Output(out[io.logits], io.logits, file);
  return { seqLen, frames, weights, logits, vocab: logits.length / seqLen };
}
