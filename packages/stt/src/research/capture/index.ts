/** Logit capture and low-confidence analysis (research-features.md §1; stt-requirements.md §12). */
export { LogitCapture, PLACE, NOT_PLACED } from './collector.js';
export type { LogitCaptureOptions, CapturedDecode, DecodePlacement } from './collector.js';
export { MEASURE_NAMES, stepMeasures, finiteMean } from './measures.js';
export type { MeasureName, StepMeasures, RowSummary } from './measures.js';
export { placeDecodes } from './placement.js';
export type { WindowSpan } from './placement.js';
export { CAPTURE_MAGIC, CAPTURE_VERSION, encodeLogitCapture, decodeLogitCapture, writeLogitCapture, readLogitCapture, recordBytes } from './format.js';
export type { LogitCaptureFile, CaptureHeader, CaptureHeaderDecode } from './format.js';
export { DEFAULT_LOW_CONFIDENCE_RULE, lowConfidenceReasons, validateRule } from './rules.js';
export type { LowConfidenceRule, StepEvidence } from './rules.js';
export { summarizeCapture, measuresAt, evidenceAt } from './inspect.js';
export type { CaptureSummary, LowConfidenceStep } from './inspect.js';
export { annotateTranscript, annotatedText, annotatedJson, annotationLegend, ANNOTATION_OPEN, ANNOTATION_CLOSE } from './annotate.js';
export type { AnnotatedTranscript, AnnotatedSegment, LowConfidenceRegion } from './annotate.js';
export { startCaptureSession } from './session.js';
export type { CaptureLogitsOption, CaptureSession } from './session.js';
