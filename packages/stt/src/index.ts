/**
 * @cephalon/stt — local Whisper speech-to-text on ONNX Runtime.
 * This file is the curated public API; internals are not exported.
 */
export * from './core/index.js';
