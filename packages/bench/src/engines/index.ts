/** Engines under test behind one interface: Cephalon, transformers.js, command-line templates, OpenAI-compatible HTTP. */
export type { Engine, EngineCapabilities, EngineParams, EngineResult, EngineSegment, ParamValue, EngineModelInfo } from './types.js';
export { createEngine, ENGINE_KINDS, type EngineDefinition } from './create-engine.js';
export { createCephalonEngine, paramsToOptions, type CephalonEngineOptions } from './cephalon-engine.js';
export { createCommandEngine, joinLines, type CommandEngineOptions } from './command-engine.js';
export { createOpenAiHttpEngine, type OpenAiHttpEngineOptions } from './openai-http-engine.js';
export { createTransformersEngine, type TransformersEngineOptions } from './transformers-engine.js';
export { importOptional, TRANSFORMERS_PACKAGE } from './optional-import.js';
export { runCommand, type CommandResult, type RunCommandOptions } from './run-command.js';
export { fillTemplate, placeholders, splitCommandLine } from './template.js';
export { convertAudio, convertToTemp, soxConvertArgs, SPEECH_SAMPLE_RATE, type ConvertOptions, type TempAudio } from './audio-convert.js';
export { readPeakRssBytes, startSampler, withRssSampling, MEMORY_SAMPLE_MS, type MemorySampler } from './memory-sampler.js';
export { modelInfo, manifestFiles } from './model-info.js';
