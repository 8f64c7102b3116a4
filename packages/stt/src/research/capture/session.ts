/**
 * A capture attached to one transcription: the hooks to put on the strategy's context, and, when the run is done,
 * the decodes placed on the run's windows as a `LogitCaptureFile` handed to the caller.
 */
import type { DecodeHooks } from '../../decoding/index.js';
import { InvalidOptionError } from '../../core/errors.js';
import { LogitCapture } from './collector.js';
import type { LogitCaptureOptions } from './collector.js';
import type { LogitCaptureFile } from './format.js';
import { placeDecodes } from './placement.js';
import type { WindowSpan } from './placement.js';

/** The transcriber's `captureLogits` option. */
export interface CaptureLogitsOption extends LogitCaptureOptions {
  /** Receives the capture once the transcription is done (partial runs included). */
  readonly onCapture: (capture: LogitCaptureFile) => void;
}

export interface CaptureSession {
  readonly hooks: DecodeHooks;
  /** Places the decodes on `windows` and calls `onCapture`. */
  finish(windows: readonly WindowSpan[], source: LogitCaptureFile['source']): LogitCaptureFile;
}

/** Validates the option and starts a capture for one run. */
export function startCaptureSession(option: CaptureLogitsOption, tokens: { readonly eot: number; readonly timestampBegin: number }, vocab: number): CaptureSession {
  if (typeof option.onCapture !== 'function') {
    throw new InvalidOptionError('INVALID_OPTION', 'option captureLogits.onCapture: not a function', {
      hint: 'pass captureLogits: { topK: 5, onCapture: (capture) => ... }',
      details: { option: 'captureLogits.onCapture' },
    });
  }
  const capture = new LogitCapture(option, tokens.eot);
  return {
    hooks: capture,
    finish(windows, source) {
      const placed = placeDecodes(capture.decodes, windows, tokens.timestampBegin);
      const file: LogitCaptureFile = { vocab, topK: capture.topK, full: capture.full, source: { ...source, placed }, decodes: capture.decodes };
      option.onCapture(file);
      return file;
    },
  };
}
