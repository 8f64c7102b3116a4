/** `export/`: Whisper checkpoints (safetensors) and random-weight models -> ONNX model folders, in TypeScript. */
export { exportWhisper, exportRandomWhisper, parseExportDtype, COPIED_FILES, DEFAULT_RANDOM_SEED } from './export-model.js';
export type { ExportEvent, ExportOptions, ExportResult, RandomExportOptions } from './export-model.js';
export { EXPORT_DTYPES } from './weight-store.js';
export type { ExportDtype } from './weight-store.js';
export { RANDOM_SIZES, publishedDims } from './dims.js';
export type { ExportDims } from './dims.js';
export { readSafetensors } from './safetensors.js';
export type { FloatTensor, TensorMap } from './safetensors.js';
