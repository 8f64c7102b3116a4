/**
 * `submitFiles()`: one BullMQ job per file. The job id is a hash of the audio bytes (or path) and the options, so
 * submitting the same file twice does not make a second job or a second result. Retries: `attempts` with
 * exponential backoff; unreadable audio fails at once (see worker.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { AudioDecodeError } from '@cephalon/stt';
import type { EngineOptions } from '../engine/engine.js';
import { DEFAULT_QUEUE_NAME, connectionOf } from './batch-types.js';
import type { BatchJobData } from './batch-types.js';

export interface SubmitOptions {
  readonly redisUrl: string;
  readonly queueName?: string;
  readonly files: readonly string[];
  readonly options?: EngineOptions;
  /** Send the path instead of the bytes (every worker must see the same file system). Default false. */
  readonly byPath?: boolean;
  /** Tries per job (default 3) and the first backoff delay in ms (default 2000, doubling). */
  readonly attempts?: number;
  readonly backoffMs?: number;
}

export interface SubmittedJob {
  readonly file: string;
  readonly jobId: string;
  /** False when an identical job was already in the queue (same audio, same options). */
  readonly created: boolean;
}

async function jobData(file: string, options: EngineOptions, byPath: boolean): Promise<{ data: BatchJobData; key: Buffer }> {
  const path = resolve(file);
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new AudioDecodeError('AUDIO_NOT_FOUND', `audio file ${file} cannot be read`, { hint: 'check the path', cause, details: { path } });
  });
  return byPath ? { data: { file, path, options }, key: Buffer.from(path) } : { data: { file, audioBase64: bytes.toString('base64'), options }, key: bytes };
}

/**
 * @example
 * const jobs = await submitFiles({ redisUrl: 'redis://127.0.0.1:6379', files: ['a.flac', 'b.wav'], options: { language: 'en' } });
 */
export async function submitFiles(o: SubmitOptions): Promise<SubmittedJob[]> {
  const queue = new Queue<BatchJobData>(o.queueName ?? DEFAULT_QUEUE_NAME, { connection: connectionOf(o.redisUrl) });
  try {
    const out: SubmittedJob[] = [];
    for (const file of o.files) {
      const options = o.options ?? {};
      const { data, key } = await jobData(file, options, o.byPath ?? false);
      const jobId = createHash('sha256').update(key).update(JSON.stringify(options)).digest('hex').slice(0, 24);
      const existing = await queue.getJob(jobId);
      if (existing === undefined) {
        await queue.add('transcribe', data, {
          jobId,
          attempts: o.attempts ?? 3,
          backoff: { type: 'exponential', delay: o.backoffMs ?? 2000 },
          removeOnComplete: false,
          removeOnFail: false,
        });
      }
      out.push({ file, jobId, created: existing === undefined });
    }
    return out;
  } finally {
    await queue.close();
  }
}
