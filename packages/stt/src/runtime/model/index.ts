/** Model folders: aliases, dtype variants, file plans, config files and manifests. */
export { MODEL_ALIASES, aliasNames, aliasRepo, isRepoId, resolveRepoId, unknownModelError } from './aliases.js';
export { DEFAULT_DTYPE, DTYPE_SUFFIX, MODEL_DTYPES, dtypeLabel, normalizeDtype, parseDtype } from './dtype.js';
export type { ComponentDtypes, DtypeOption, ModelDtype } from './dtype.js';
export {
  CONFIG_FILE,
  GENERATION_CONFIG_FILE,
  PREPROCESSOR_CONFIG_FILE,
  readGenerationConfig,
  readModelConfig,
  readModelConfigs,
  readPreprocessorConfig,
} from './config-files.js';
export type { GenerationConfig, ModelConfig, ModelConfigs, PreprocessorConfig } from './config-files.js';
export { availableDtypes, onnxPath, planModelFiles, REQUIRED_CONFIG_FILES, TOKENIZER_FILES } from './model-files.js';
export type { ModelDecoderFiles, DecoderLayoutOption, ModelFilePlan } from './model-files.js';
export { existingFolder, listModelFolder, resolveManifest } from './manifest.js';
export type { ManifestOptions, ModelManifest, ModelSource } from './manifest.js';
export { checkOnnxFile } from './onnx-check.js';
export type { OnnxCheckResult } from './onnx-check.js';
