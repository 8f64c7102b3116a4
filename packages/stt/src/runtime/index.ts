/** `runtime/`: the single seam to ONNX Runtime. Public surface only. */
export type * from './types.js';
export { readModelDims, headDim } from './model-dims.js';
export * from './onnx/index.js';
export { loadOpenVino, OpenVinoGraph, OPENVINO_INSTALL_HINT } from './openvino/openvino.js';
export type { OpenVinoFeed, OpenVinoModule } from './openvino/openvino.js';
