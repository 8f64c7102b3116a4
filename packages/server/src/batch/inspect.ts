/** `queueStatus()` and `queueResults()`: what is in the queue and what came out of it. */
import { Queue } from 'bullmq';
import type { Job } from 'bullmq';
import { DEFAULT_QUEUE_NAME, connectionOf } from './batch-types.js';
import type { BatchFailure, BatchJobData, BatchProgress, BatchResult } from './batch-types.js';
import type { SerializedError } from '../engine/worker-protocol.js';

export interface QueueStatus {
  readonly counts: Readonly<Record<string, number>>;
  readonly jobs: readonly { readonly jobId: string; readonly file: string; readonly state: string; readonly attempts: number; readonly progress: BatchProgress | null }[];
}

export interface QueueResults {
  readonly completed: readonly (BatchResult & { readonly jobId: string })[];
  readonly failed: readonly (BatchFailure & { readonly jobId: string })[];
}

function withQueue<T>(redisUrl: string, queueName: string | undefined, f: (q: Queue<BatchJobData, BatchResult>) => Promise<T>): Promise<T> {
  const queue = new Queue<BatchJobData, BatchResult>(queueName ?? DEFAULT_QUEUE_NAME, { connection: connectionOf(redisUrl) });
  return f(queue).finally(() => queue.close());
}

function progressOf(job: Job<BatchJobData, BatchResult>): BatchProgress | null {
  const p = job.progress as unknown;
  return typeof p === 'object' && p !== null && 'worker' in p ? (p as BatchProgress) : null;
}

/** The typed error of a failed job (its `failedReason` is JSON for typed failures). */
export function failureError(reason: string | undefined): SerializedError {
  try {
    const parsed = JSON.parse(reason ?? '') as SerializedError;
    if (typeof parsed.name === 'string' && typeof parsed.message === 'string') return parsed;
  } catch {
    // not JSON: a plain error message
  }
  return { name: 'Error', message: reason ?? 'unknown failure' };
}

export function queueStatus(redisUrl: string, queueName?: string): Promise<QueueStatus> {
  return withQueue(redisUrl, queueName, async (q) => {
    const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const jobs = await q.getJobs(['active', 'waiting', 'delayed', 'completed', 'failed']);
    const rows = await Promise.all(
      jobs.map(async (j) => ({ jobId: j.id ?? '', file: j.data.file, state: await j.getState(), attempts: j.attemptsMade, progress: progressOf(j) })),
    );
    return { counts, jobs: rows };
  });
}

export function queueResults(redisUrl: string, queueName?: string): Promise<QueueResults> {
  return withQueue(redisUrl, queueName, async (q) => {
    const completed = (await q.getJobs(['completed'])).map((j) => ({ jobId: j.id ?? '', ...(j.returnvalue as BatchResult) }));
    const failed = (await q.getJobs(['failed'])).map((j) => ({ jobId: j.id ?? '', file: j.data.file, attempts: j.attemptsMade, error: failureError(j.failedReason) }));
    return { completed, failed };
  });
}
