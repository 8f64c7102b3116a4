/**
 * `startBatchWorker()`: a BullMQ worker on one loaded model. Decoding runs in the engine (a worker thread by
 * default) so the lock on the active job keeps being renewed; a worker killed mid-job loses its lock and the job
 * goes back to the queue for another worker (BullMQ's stalled-job check). Unreadable audio and bad options fail
 * at once with their typed error (no retry could help); anything else is retried with backoff.
 */
import { hostname } from 'node:os';
import { readFile } from 'node:fs/promises';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { AudioDecodeError, InvalidOptionError, toVerboseJson } from '@cephalon/stt';
import type { TranscriberOptions } from '@cephalon/stt';
import { createInlineEngine } from '../engine/inline-engine.js';
import { createWorkerEngine } from '../engine/worker-engine.js';
import type { SpeechEngine } from '../engine/engine.js';
import { serializeError } from '../engine/worker-protocol.js';
import type { EngineKind } from '../options.js';
import { DEFAULT_QUEUE_NAME, connectionOf } from './batch-types.js';
import type { BatchJobData, BatchProgress, BatchResult } from './batch-types.js';

export interface BatchWorkerOptions {
  readonly redisUrl: string;
  readonly model: string;
  readonly transcriber?: Omit<TranscriberOptions, 'model' | 'hub'>;
  readonly queueName?: string;
  /** Jobs decoded at the same time by this worker (default 1). */
  readonly concurrency?: number;
  /** Default `worker` (keeps the event loop free for lock renewal). */
  readonly engine?: EngineKind;
  /** Lock on an active job, seconds (default 30): a killed worker's job is taken over after about this long. */
  readonly lockSec?: number;
  /** Name recorded in progress and results (default host:pid). */
  readonly name?: string;
  /** Called on every job start, finish and failure. */
  readonly onEvent?: (event: { readonly kind: 'active' | 'completed' | 'failed'; readonly jobId: string; readonly file: string; readonly message?: string }) => void;
}

export interface BatchWorker {
  readonly name: string;
  /** Finishes the active jobs, then stops. */
  close(): Promise<void>;
}

async function audioOf(data: BatchJobData): Promise<Uint8Array> {
  if (data.audioBase64 !== undefined) return Buffer.from(data.audioBase64, 'base64');
  if (data.path === undefined) throw new AudioDecodeError('AUDIO_MISSING', `job for ${data.file} carries neither audio nor a path`, { hint: 'submit it again' });
  return readFile(data.path).catch((cause: unknown) => {
    throw new AudioDecodeError('AUDIO_NOT_FOUND', `audio file ${data.path} cannot be read on this worker`, { hint: 'submit bytes, or share the file system', cause });
  });
}

function processor(engine: SpeechEngine, name: string) {
  return async (job: Job<BatchJobData, BatchResult>): Promise<BatchResult> => {
    const audio = await audioOf(job.data).catch((e: unknown) => {
      throw new UnrecoverableError(JSON.stringify(serializeError(e)));
    });
    let totalSec = 0;
    const progress = (doneSec: number): void => void job.updateProgress({ worker: name, doneSec, totalSec } satisfies BatchProgress).catch(() => undefined);
    const t0 = performance.now();
    try {
      const transcript = await engine.transcribe({
        audio,
        options: job.data.options,
        maxAudioSec: Number.POSITIVE_INFINITY,
        signal: new AbortController().signal,
        onStart: (durationSec) => {
          totalSec = durationSec;
          progress(0);
        },
        onSegment: (s) => progress(s.endSec),
      });
      return { file: job.data.file, worker: name, modelId: engine.modelId, decodeSec: (performance.now() - t0) / 1000, transcript: toVerboseJson(transcript, { task: job.data.options.task ?? 'transcribe' }) };
    } catch (error) {
      // Bad audio or options fail the same way on every try: fail once, keeping the typed error.
      if (error instanceof AudioDecodeError || error instanceof InvalidOptionError) throw new UnrecoverableError(JSON.stringify(serializeError(error)));
      throw error;
    }
  };
}

/**
 * @example
 * const worker = await startBatchWorker({ redisUrl: 'redis://127.0.0.1:6379', model: 'tiny.en', concurrency: 1 });
 * process.on('SIGTERM', () => void worker.close());
 */
export async function startBatchWorker(o: BatchWorkerOptions): Promise<BatchWorker> {
  const name = o.name ?? `${hostname()}:${process.pid}`;
  const model = { ...o.transcriber, model: o.model };
  const engine = (o.engine ?? 'worker') === 'worker' ? await createWorkerEngine(model) : await createInlineEngine(model);
  const lockMs = Math.round((o.lockSec ?? 30) * 1000);
  const worker = new Worker<BatchJobData, BatchResult>(o.queueName ?? DEFAULT_QUEUE_NAME, processor(engine, name), {
    connection: connectionOf(o.redisUrl),
    concurrency: o.concurrency ?? 1,
    name,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.round(lockMs / 2)),
    maxStalledCount: 2,
  });
  worker.on('active', (job) => o.onEvent?.({ kind: 'active', jobId: job.id ?? '', file: job.data.file }));
  worker.on('completed', (job) => o.onEvent?.({ kind: 'completed', jobId: job.id ?? '', file: job.data.file }));
  worker.on('failed', (job, error) => o.onEvent?.({ kind: 'failed', jobId: job?.id ?? '', file: job?.data.file ?? '', message: error.message }));
  worker.on('error', () => undefined); // connection hiccups: BullMQ reconnects by itself
  await worker.waitUntilReady();
  return {
    name,
    async close() {
      await worker.close();
      await engine.dispose();
    },
  };
}
