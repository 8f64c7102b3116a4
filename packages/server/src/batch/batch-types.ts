/** What a batch job carries and what it leaves behind in Redis. */
import type { VerboseJson } from '@cephalon/stt';
import type { EngineOptions } from '../engine/engine.js';
import type { SerializedError } from '../engine/worker-protocol.js';

/** Default BullMQ queue name. */
export const DEFAULT_QUEUE_NAME = 'cephalon-transcribe';

/** Job data: the audio itself (base64, any machine can run it) or a path every worker can read. */
export interface BatchJobData {
  /** The file as submitted (for reports). */
  readonly file: string;
  readonly audioBase64?: string;
  readonly path?: string;
  readonly options: EngineOptions;
}

/** A job's return value: the transcript in OpenAI's verbose_json shape and who made it. */
export interface BatchResult {
  readonly file: string;
  /** Name of the worker that finished the job. */
  readonly worker: string;
  readonly modelId: string;
  readonly decodeSec: number;
  readonly transcript: VerboseJson;
}

/** Progress events (`job.updateProgress`). */
export interface BatchProgress {
  readonly worker: string;
  readonly doneSec: number;
  readonly totalSec: number;
}

/** A failed job: the typed error it failed with (`failedReason` holds it as JSON for typed failures). */
export interface BatchFailure {
  readonly file: string;
  readonly attempts: number;
  readonly error: SerializedError;
}

/** Redis connection of BullMQ from a `redis://` URL. */
export function connectionOf(redisUrl: string): { url: string } {
  return { url: redisUrl };
}
