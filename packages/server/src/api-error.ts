/**
 * Errors in OpenAI's JSON shape (`{ "error": { "message", "type", "param", "code" } }`) with their HTTP status,
 * and the mapping from the library's typed errors. Bad input never maps to 500.
 */
import { AudioDecodeError, CephalonError, InvalidOptionError, WriterInputError } from '@cephalon/stt';

/** OpenAI's error body. */
export interface OpenAIErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
  };
}

/** An error with its HTTP status, rendered in OpenAI's shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  /** Extra response headers (`Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, options: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.type = options.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
  }

  toJSON(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** A request that its client abandoned (disconnect) or that ran past its time limit. */
export class RequestAbortedError extends Error {
  readonly reason: 'client' | 'timeout';
  constructor(reason: 'client' | 'timeout') {
    super(reason === 'client' ? 'the client went away' : 'the request ran past its time limit');
    this.name = 'RequestAbortedError';
    this.reason = reason;
  }
}

/** Library option names -> the OpenAI form field that carries them. */
const PARAM_OF_OPTION: Readonly<Record<string, string>> = {
  language: 'language',
  initialPrompt: 'prompt',
  temperature: 'temperature',
  task: 'model',
};

function withHint(e: CephalonError): string {
  return e.hint === undefined ? e.message : `${e.message} (${e.hint.replace(/\.$/, '')})`;
}

/** Any error thrown while serving a request -> an `ApiError` (unknown errors -> 500, with a generic message). */
export function toApiError(error: unknown, timeoutSec?: number): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof RequestAbortedError) {
    return error.reason === 'timeout'
      ? new ApiError(504, `the request did not finish within ${timeoutSec ?? '?'} s (server option --request-timeout-s)`, { code: 'request_timeout' })
      : new ApiError(499, 'the client closed the request', { code: 'client_closed_request' });
  }
  if (error instanceof CephalonError) {
    const option = error.details?.['option'];
    if (error.code === 'AUDIO_TOO_LONG') return new ApiError(413, withHint(error), { param: 'file', code: 'audio_too_long' });
    if (error instanceof AudioDecodeError) {
      const empty = error.code === 'AUDIO_EMPTY';
      return new ApiError(empty ? 400 : 415, withHint(error), { param: 'file', code: empty ? 'empty_file' : 'unsupported_audio' });
    }
    if (error instanceof InvalidOptionError || error instanceof WriterInputError) {
      const param = typeof option === 'string' ? (PARAM_OF_OPTION[option] ?? option) : null;
      return new ApiError(400, withHint(error), { param, code: 'invalid_value' });
    }
    if (error.code === 'CROSS_ATTENTION_UNAVAILABLE') {
      // Word granularity asked of a model exported without cross-attention outputs: the request, not the server.
      return new ApiError(400, withHint(error), { param: 'timestamp_granularities[]', code: 'unsupported_value' });
    }
    return new ApiError(500, withHint(error), { code: error.code.toLowerCase() });
  }
  return new ApiError(500, 'internal error while transcribing (see the server log)', { code: 'internal_error', cause: error });
}
