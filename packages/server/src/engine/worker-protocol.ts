/** Messages between the worker engine and its thread, and error (de)serialisation across the boundary. */
import * as stt from '@cephalon/stt';
import type { Segment, TranscriberOptions, Transcript } from '@cephalon/stt';
import { RequestAbortedError } from '../api-error.js';
import type { EngineOptions } from './engine.js';

/** Loading options that can be cloned into a worker (no download-progress callback). */
export type WorkerModelOptions = Omit<TranscriberOptions, 'hub'> & { readonly hub?: Omit<NonNullable<TranscriberOptions['hub']>, 'onProgress'> };

export type ToWorker =
  | { readonly type: 'job'; readonly id: number; readonly audio: Uint8Array; readonly options: EngineOptions; readonly maxAudioSec: number }
  | { readonly type: 'cancel'; readonly id: number; readonly reason: 'client' | 'timeout' }
  | { readonly type: 'dispose' };

export type FromWorker =
  | { readonly type: 'ready'; readonly modelId: string }
  | { readonly type: 'disposed' }
  | { readonly type: 'load-error'; readonly error: SerializedError }
  | { readonly type: 'start'; readonly id: number; readonly durationSec: number }
  | { readonly type: 'segment'; readonly id: number; readonly segment: Segment }
  | { readonly type: 'done'; readonly id: number; readonly transcript: Transcript }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly hint?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
  readonly reason?: 'client' | 'timeout';
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof RequestAbortedError) return { name: error.name, message: error.message, reason: error.reason };
  if (error instanceof stt.CephalonError) {
    return {
      name: error.name,
      message: error.message,
      code: error.code,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

type CephalonErrorClass = new (code: string, message: string, options?: stt.CephalonErrorOptions) => stt.CephalonError;
const CLASSES: Readonly<Record<string, CephalonErrorClass>> = {
  AudioDecodeError: stt.AudioDecodeError,
  MissingToolError: stt.MissingToolError,
  InvalidOptionError: stt.InvalidOptionError,
  ModelNotFoundError: stt.ModelNotFoundError,
  ModelCorruptError: stt.ModelCorruptError,
  DownloadError: stt.DownloadError,
  RuntimeError: stt.RuntimeError,
  TokenizerError: stt.TokenizerError,
  WriterInputError: stt.WriterInputError,
};

/** The typed error again on this side of the boundary. */
export function deserializeError(e: SerializedError): Error {
  if (e.reason !== undefined) return new RequestAbortedError(e.reason);
  const cls = CLASSES[e.name] ?? (e.code === undefined ? undefined : stt.CephalonError);
  if (cls === undefined || e.code === undefined) return new Error(e.message);
  return new cls(e.code, e.message, { ...(e.hint === undefined ? {} : { hint: e.hint }), ...(e.details === undefined ? {} : { details: e.details }) });
}
