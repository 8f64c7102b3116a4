/**
 * A Whisper checkpoint in one shape, whichever names it was saved with: Hugging Face (`model.encoder.layers.0.fc1.weight`)
 * or OpenAI (`encoder.blocks.0.mlp.0.weight`). Linear weights stay `[out, in]` as both store them.
 */
import { ModelCorruptError } from '../core/errors.js';
import type { ExportDims } from './dims.js';
import type { FloatTensor, TensorMap } from './safetensors.js';

export interface Linear {
  readonly weight: FloatTensor;
  /** Absent for the key projections. */
  readonly bias: FloatTensor | null;
}

export interface Norm {
  readonly weight: FloatTensor;
  readonly bias: FloatTensor;
}

export interface Attention {
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly out: Linear;
}

export interface EncoderBlock {
  readonly attnLn: Norm;
  readonly attn: Attention;
  readonly mlpLn: Norm;
  readonly fc1: Linear;
  readonly fc2: Linear;
}

export interface DecoderBlock extends EncoderBlock {
  readonly crossLn: Norm;
  readonly cross: Attention;
}

export interface WhisperWeights {
  readonly conv1: Linear;
  readonly conv2: Linear;
  readonly encoderPositions: FloatTensor;
  readonly encoderBlocks: readonly EncoderBlock[];
  readonly encoderLn: Norm;
  /** `[vocab, d_model]`; also the output projection (tied). */
  readonly tokenEmbedding: FloatTensor;
  readonly decoderPositions: FloatTensor;
  readonly decoderBlocks: readonly DecoderBlock[];
  readonly decoderLn: Norm;
}

/** Hugging Face names of each OpenAI name part. */
interface Naming {
  readonly enc: string;
  readonly dec: string;
  readonly block: string;
  readonly attn: string;
  readonly cross: string;
  readonly q: string;
  readonly k: string;
  readonly v: string;
  readonly o: string;
  readonly attnLn: string;
  readonly crossLn: string;
  readonly mlpLn: string;
  readonly fc1: string;
  readonly fc2: string;
  readonly encPos: string;
  readonly encLn: string;
  readonly tok: string;
  readonly decPos: string;
  readonly decLn: string;
}

const HF: Naming = {
  enc: 'model.encoder.',
  dec: 'model.decoder.',
  block: 'layers.',
  attn: 'self_attn.',
  cross: 'encoder_attn.',
  q: 'q_proj',
  k: 'k_proj',
  v: 'v_proj',
  o: 'out_proj',
  attnLn: 'self_attn_layer_norm',
  crossLn: 'encoder_attn_layer_norm',
  mlpLn: 'final_layer_norm',
  fc1: 'fc1',
  fc2: 'fc2',
  encPos: 'model.encoder.embed_positions.weight',
  encLn: 'model.encoder.layer_norm',
  tok: 'model.decoder.embed_tokens.weight',
  decPos: 'model.decoder.embed_positions.weight',
  decLn: 'model.decoder.layer_norm',
};

const OPENAI: Naming = {
  enc: 'encoder.',
  dec: 'decoder.',
  block: 'blocks.',
  attn: 'attn.',
  cross: 'cross_attn.',
  q: 'query',
  k: 'key',
  v: 'value',
  o: 'out',
  attnLn: 'attn_ln',
  crossLn: 'cross_attn_ln',
  mlpLn: 'mlp_ln',
  fc1: 'mlp.0',
  fc2: 'mlp.2',
  encPos: 'encoder.positional_embedding',
  encLn: 'encoder.ln_post',
  tok: 'decoder.token_embedding.weight',
  decPos: 'decoder.positional_embedding',
  decLn: 'decoder.ln',
};

/** Which naming a checkpoint uses (HF names may also lack the `model.` prefix). */
export function detectNaming(tensors: TensorMap): 'huggingface' | 'openai' {
  return tensors.has(OPENAI.tok) && !tensors.has(`decoder.embed_tokens.weight`) ? 'openai' : 'huggingface';
}

/**
 * Collects the tensors of a Whisper checkpoint, checking every shape against `dims`.
 * Throws `ModelCorruptError` naming the first missing or mis-shaped tensor.
 */
export function whisperWeights(source: TensorMap, dims: ExportDims, file: string): WhisperWeights {
  const naming = detectNaming(source);
  const n = naming === 'openai' ? OPENAI : HF;
  // HF checkpoints saved from WhisperModel (not ...ForConditionalGeneration) lack the `model.` prefix.
  const tensors = new Map(source);
  for (const [k, t] of source) if (k.startsWith('encoder.') || k.startsWith('decoder.')) if (naming === 'huggingface') tensors.set(`model.${k}`, t);
  const get = (name: string, shape: readonly number[]): FloatTensor => {
    const t = tensors.get(name);
    if (t === undefined) {
      throw new ModelCorruptError('CHECKPOINT_TENSOR_MISSING', `${file}: tensor "${name}" is missing (${naming} names)`, {
        hint: 'Export a Whisper checkpoint (WhisperForConditionalGeneration or OpenAI Whisper state dict) whose config.json matches it.',
        details: { file, tensor: name },
      });
    }
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new ModelCorruptError('CHECKPOINT_TENSOR_SHAPE', `${file}: tensor "${name}" has shape [${t.shape.join(', ')}], config.json implies [${shape.join(', ')}]`, {
        hint: 'Use the config.json that belongs to this checkpoint.',
        details: { file, tensor: name },
      });
    }
    return t;
  };
  const d = dims.dModel;
  const linear = (prefix: string, out: number, inp: number, bias = true): Linear => ({
    weight: get(`${prefix}.weight`, [out, inp]),
    bias: bias ? get(`${prefix}.bias`, [out]) : null,
  });
  const norm = (prefix: string): Norm => ({ weight: get(`${prefix}.weight`, [d]), bias: get(`${prefix}.bias`, [d]) });
  const attention = (prefix: string): Attention => ({
    query: linear(`${prefix}${n.q}`, d, d),
    key: linear(`${prefix}${n.k}`, d, d, false),
    value: linear(`${prefix}${n.v}`, d, d),
    out: linear(`${prefix}${n.o}`, d, d),
  });
  const encoderBlocks: EncoderBlock[] = [];
  for (let i = 0; i < dims.encoderLayers; i++) {
    const p = `${n.enc}${n.block}${i}.`;
    encoderBlocks.push({
      attnLn: norm(`${p}${n.attnLn}`),
      attn: attention(`${p}${n.attn}`),
      mlpLn: norm(`${p}${n.mlpLn}`),
      fc1: linear(`${p}${n.fc1}`, dims.ffn, d),
      fc2: linear(`${p}${n.fc2}`, d, dims.ffn),
    });
  }
  const decoderBlocks: DecoderBlock[] = [];
  for (let i = 0; i < dims.decoderLayers; i++) {
    const p = `${n.dec}${n.block}${i}.`;
    decoderBlocks.push({
      attnLn: norm(`${p}${n.attnLn}`),
      attn: attention(`${p}${n.attn}`),
      crossLn: norm(`${p}${n.crossLn}`),
      cross: attention(`${p}${n.cross}`),
      mlpLn: norm(`${p}${n.mlpLn}`),
      fc1: linear(`${p}${n.fc1}`, dims.ffn, d),
      fc2: linear(`${p}${n.fc2}`, d, dims.ffn),
    });
  }
  return {
    conv1: { weight: get(`${n.enc}conv1.weight`, [d, dims.nMels, 3]), bias: get(`${n.enc}conv1.bias`, [d]) },
    conv2: { weight: get(`${n.enc}conv2.weight`, [d, d, 3]), bias: get(`${n.enc}conv2.bias`, [d]) },
    encoderPositions: get(n.encPos, [dims.nAudioCtx, d]),
    encoderBlocks,
    encoderLn: norm(n.encLn),
    tokenEmbedding: get(n.tok, [dims.vocabSize, d]),
    decoderPositions: get(n.decPos, [dims.nTextCtx, d]),
    decoderBlocks,
    decoderLn: norm(n.decLn),
  };
}
