/** Errors of the input interface (event logs, scorers). */
import { EidolonError } from '../errors.js';
import type { EidolonErrorDetails } from '../errors.js';

/** An event log line that is not a valid input event. */
export class InputEventError extends EidolonError {
  constructor(message: string, details?: EidolonErrorDetails) {
    super('EIDOLON_INPUT_EVENT', message, {
      hint: 'each line must be JSON like {"timestamp": 1.5, "modality": "text", "content": "hello", "speaker": "ada"}',
      ...(details === undefined ? {} : { details }),
    });
  }
}

/** A scorer failure (network, timeout, malformed or schema-invalid answer); the LLM scorer catches it and falls back. */
export class ScorerError extends EidolonError {
  readonly reason: ScorerFailure;
  constructor(reason: ScorerFailure, message: string, cause?: unknown) {
    super('EIDOLON_SCORER', message, {
      hint: 'check the endpoint URL and model name; the lexicon scorer is used meanwhile',
      details: { reason },
      ...(cause === undefined ? {} : { cause }),
    });
    this.reason = reason;
  }
}

/** Why an LLM scoring attempt failed. */
export type ScorerFailure = 'network' | 'timeout' | 'http-status' | 'malformed-json' | 'schema-invalid';
