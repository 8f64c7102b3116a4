/** Research §2: the feed-forward network that approximates beam search from greedy logits (default off). */
export { BEAMNET_K, N_FEATURES, FeatureExtractor, featureNames } from './features.js';
export type { FeatureTokens } from './features.js';
export { alignTokens } from './align.js';
export type { AlignedStep, Alignment } from './align.js';
export { splitByAudio } from './dataset.js';
export type { AudioSplit, BeamnetExample } from './dataset.js';
export { collectWindow } from './collect.js';
export type { CollectOptions, CollectWindow, WindowRecord } from './collect.js';
export { Mlp } from './mlp.js';
export { trainBeamnet, DEFAULT_TRAIN_OPTIONS } from './train.js';
export type { EpochReport, TrainOptions, TrainResult } from './train.js';
export { mlpToOnnx } from './onnx-net.js';
export { readBeamnetJson, writeBeamnetJson } from './net-file.js';
export type { TrainingNote } from './net-file.js';
export { beamnetHooks } from './rescorer.js';
export type { BeamnetRescorerOptions, BeamnetStats, RescoreEvent, StepScorer } from './rescorer.js';
export { agreementWithBeam, stepAgreement } from './evaluate.js';
export type { BeamAgreement, StepAgreement } from './evaluate.js';
