/**
 * Weight precisions ("dtypes") of the ONNX exports, named and suffixed exactly as transformers.js names them:
 * `onnx/encoder_model{suffix}.onnx`, e.g. `encoder_model_fp16.onnx`, `decoder_model_merged_quantized.onnx`.
 */
import { InvalidOptionError } from '../../core/errors.js';

/** Every dtype a Whisper ONNX export may come in. */
export const MODEL_DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;

/** One weight precision. `q8` is what transformers.js calls "quantized" (file suffix `_quantized`). */
export type ModelDtype = (typeof MODEL_DTYPES)[number];

/** File-name suffix of each dtype (fp32 files carry no suffix). */
export const DTYPE_SUFFIX: Readonly<Record<ModelDtype, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** Other spellings accepted on input. */
const DTYPE_SYNONYMS: Readonly<Record<string, ModelDtype>> = { quantized: 'q8', float32: 'fp32', float16: 'fp16' };

/** The dtype of each model component; the encoder and the decoder may differ (e.g. fp32 encoder, q4 decoder). */
export interface ComponentDtypes {
  readonly encoder: ModelDtype;
  readonly decoder: ModelDtype;
}

/** A dtype for both components, or one per component. */
export type DtypeOption = ModelDtype | 'quantized' | { readonly encoder: ModelDtype; readonly decoder: ModelDtype };

/** The dtype used when none is given. */
export const DEFAULT_DTYPE: ModelDtype = 'fp32';

/** Parses one dtype name (case-insensitive, synonyms allowed); throws InvalidOptionError listing the valid names. */
export function parseDtype(name: string): ModelDtype {
  const lower = name.trim().toLowerCase();
  const synonym = DTYPE_SYNONYMS[lower];
  if (synonym !== undefined) return synonym;
  const found = MODEL_DTYPES.find((d) => d === lower);
  if (found !== undefined) return found;
  throw new InvalidOptionError('MODEL_DTYPE_UNKNOWN', `Unknown model dtype "${name}"`, {
    hint: `Use one of: ${MODEL_DTYPES.join(', ')} (or "quantized" for q8).`,
    details: { dtype: name },
  });
}

/**
 * Normalizes a dtype option to one dtype per component.
 * @example normalizeDtype('q4') // { encoder: 'q4', decoder: 'q4' }
 * @example normalizeDtype({ encoder: 'fp32', decoder: 'q4' })
 */
export function normalizeDtype(option: DtypeOption | undefined): ComponentDtypes {
  if (option === undefined) return { encoder: DEFAULT_DTYPE, decoder: DEFAULT_DTYPE };
  if (typeof option === 'string') {
    const d = parseDtype(option);
    return { encoder: d, decoder: d };
  }
  return { encoder: parseDtype(option.encoder), decoder: parseDtype(option.decoder) };
}

/** A short label for a per-component dtype: `fp32`, or `encoder=fp32,decoder=q4` when they differ. */
export function dtypeLabel(dtype: ComponentDtypes): string {
  return dtype.encoder === dtype.decoder ? dtype.encoder : `encoder=${dtype.encoder},decoder=${dtype.decoder}`;
}
