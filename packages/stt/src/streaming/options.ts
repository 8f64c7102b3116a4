/** The streaming policy's options, defaults and validation. */
import { CHUNK_LENGTH_SEC } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';

export interface StreamPolicyOptions {
  /** n of LocalAgreement-n: commit what the last n hypotheses agree on. Default 2 (whisper_streaming's). */
  readonly agreement?: number;
  /** Decode only when at least this much new audio has arrived, in seconds. Default 1. */
  readonly minStepSec?: number;
  /** Above this buffer length, cut the buffer at the newest committed segment end. Default 15 s. */
  readonly trimAfterSec?: number;
  /** Hard buffer limit in seconds (at most Whisper's 30 s window). Default 30. */
  readonly maxBufferSec?: number;
  /** Characters of committed text passed as the prompt. Default 200 (whisper_streaming's). */
  readonly promptChars?: number;
}

export type ResolvedPolicy = Required<StreamPolicyOptions>;

export const DEFAULT_STREAM_POLICY: ResolvedPolicy = Object.freeze({
  agreement: 2,
  minStepSec: 1,
  trimAfterSec: 15,
  maxBufferSec: CHUNK_LENGTH_SEC,
  promptChars: 200,
});

function bad(option: string, value: number, expected: string): never {
  throw new InvalidOptionError('INVALID_OPTION', `option ${option}: ${value} is not ${expected}`, {
    hint: `use ${expected}`,
    details: { option },
  });
}

/** Fills defaults and checks ranges; throws InvalidOptionError naming the option. */
export function resolvePolicy(options: StreamPolicyOptions = {}): ResolvedPolicy {
  const p = { ...DEFAULT_STREAM_POLICY, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ResolvedPolicy;
  if (!Number.isInteger(p.agreement) || p.agreement < 1 || p.agreement > 10) bad('agreement', p.agreement, 'a whole number from 1 to 10');
  if (!(p.maxBufferSec > 0 && p.maxBufferSec <= CHUNK_LENGTH_SEC)) bad('maxBufferSec', p.maxBufferSec, `a number of seconds in (0, ${CHUNK_LENGTH_SEC}]`);
  if (!(p.minStepSec > 0 && p.minStepSec <= p.maxBufferSec / 2)) bad('minStepSec', p.minStepSec, 'a number of seconds in (0, maxBufferSec / 2]');
  if (!(p.trimAfterSec > 0 && p.trimAfterSec <= p.maxBufferSec)) bad('trimAfterSec', p.trimAfterSec, 'a number of seconds in (0, maxBufferSec]');
  if (!Number.isInteger(p.promptChars) || p.promptChars < 0) bad('promptChars', p.promptChars, 'a whole number >= 0');
  return Object.freeze(p);
}
