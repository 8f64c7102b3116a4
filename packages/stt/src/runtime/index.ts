/** `runtime/`: the single seam to ONNX Runtime. Public surface only. */
export type * from './types.js';
export { readModelDims, headDim } from './model-dims.js';
export * from './onnx/index.js';
