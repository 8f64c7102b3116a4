/**
 * Sizes of a Whisper model as the exporter needs them (encoder and decoder sides), read from a Hugging Face
 * `config.json` or taken from the published sizes (`tiny` ... `large-v3`, `turbo`).
 */
import { InvalidOptionError, ModelCorruptError } from '../core/errors.js';

export interface ExportDims {
  readonly nMels: number;
  readonly nAudioCtx: number;
  readonly nTextCtx: number;
  readonly dModel: number;
  readonly encoderLayers: number;
  readonly encoderHeads: number;
  readonly decoderLayers: number;
  readonly decoderHeads: number;
  readonly ffn: number;
  readonly vocabSize: number;
}

/** Head size (64 for every published model). */
export function headSize(dims: ExportDims): number {
  return dims.dModel / dims.decoderHeads;
}

function int(config: Record<string, unknown>, key: string, file: string): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new ModelCorruptError('MODEL_CONFIG_INVALID', `${file}: "${key}" must be a positive integer, got ${JSON.stringify(v) ?? 'nothing'}`, {
      hint: 'Use the config.json of a Hugging Face WhisperConfig.',
      details: { file, field: key },
    });
  }
  return v;
}

/** Reads the export sizes from a parsed `config.json`. */
export function exportDimsFromConfig(config: Record<string, unknown>, file: string): ExportDims {
  const dims: ExportDims = {
    nMels: int(config, 'num_mel_bins', file),
    nAudioCtx: int(config, 'max_source_positions', file),
    nTextCtx: int(config, 'max_target_positions', file),
    dModel: int(config, 'd_model', file),
    encoderLayers: int(config, 'encoder_layers', file),
    encoderHeads: int(config, 'encoder_attention_heads', file),
    decoderLayers: int(config, 'decoder_layers', file),
    decoderHeads: int(config, 'decoder_attention_heads', file),
    ffn: int(config, 'decoder_ffn_dim', file),
    vocabSize: int(config, 'vocab_size', file),
  };
  if (dims.dModel % dims.encoderHeads !== 0 || dims.dModel % dims.decoderHeads !== 0) {
    throw new ModelCorruptError('MODEL_CONFIG_INVALID', `${file}: d_model ${dims.dModel} is not divisible by the head counts`, { hint: 'Fix config.json.', details: { file } });
  }
  return dims;
}

/** Published sizes: d_model, heads, encoder layers, decoder layers, mel bins. */
const PUBLISHED: Readonly<Record<string, readonly [number, number, number, number, number]>> = {
  tiny: [384, 6, 4, 4, 80],
  base: [512, 8, 6, 6, 80],
  small: [768, 12, 12, 12, 80],
  medium: [1024, 16, 24, 24, 80],
  'large-v3': [1280, 20, 32, 32, 128],
  turbo: [1280, 20, 32, 4, 128],
};

/** Names accepted by `--random`. */
export const RANDOM_SIZES = ['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en', 'medium', 'medium.en', 'large-v3', 'turbo'] as const;

/** Vocabulary sizes: multilingual (99 languages), multilingual with `<|yue|>` (large-v3, turbo), English-only. */
export const VOCAB_MULTILINGUAL = 51865;
export const VOCAB_V3 = 51866;
export const VOCAB_ENGLISH = 51864;

/** The published sizes of `name` (`tiny`, `base.en`, `large-v3`, `turbo` ...); `.en` selects the English-only vocabulary. */
export function publishedDims(name: string): { dims: ExportDims; english: boolean; v3: boolean } {
  const english = name.endsWith('.en');
  const base = english ? name.slice(0, -3) : name;
  const row = PUBLISHED[base];
  if (row === undefined || (english && (base === 'large-v3' || base === 'turbo'))) {
    throw new InvalidOptionError('EXPORT_RANDOM_SIZE', `Unknown model size "${name}"`, { hint: `Use one of: ${RANDOM_SIZES.join(', ')}.`, details: { size: name } });
  }
  const [d, heads, enc, dec, mels] = row;
  const v3 = mels === 128;
  return {
    english,
    v3,
    dims: {
      nMels: mels,
      nAudioCtx: 1500,
      nTextCtx: 448,
      dModel: d,
      encoderLayers: enc,
      encoderHeads: heads,
      decoderLayers: dec,
      decoderHeads: heads,
      ffn: 4 * d,
      vocabSize: english ? VOCAB_ENGLISH : v3 ? VOCAB_V3 : VOCAB_MULTILINGUAL,
    },
  };
}
