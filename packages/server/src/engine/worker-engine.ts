/**
 * The worker engine: the model lives in one worker thread; the main thread only moves bytes and events. Under
 * tsx (sources run as TypeScript) the thread registers tsx's loader first. Streaming (realtime sessions) runs on a
 * second copy of the model loaded once on the main thread: `stream()` pulls an async source and yields events, which
 * the worker protocol does not carry (docs/server.md).
 */
import { Worker } from 'node:worker_threads';
import { createTranscriber } from '@cephalon/stt';
import type { Transcript } from '@cephalon/stt';
import type { EngineRequest, SpeechEngine } from './engine.js';
import { deserializeError } from './worker-protocol.js';
import type { FromWorker, ToWorker, WorkerModelOptions } from './worker-protocol.js';

function startWorker(options: WorkerModelOptions): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './worker-main.ts' : './worker-main.js', import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: options });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: options });
}

interface Pending {
  readonly request: EngineRequest;
  resolve(t: Transcript): void;
  reject(e: unknown): void;
}

export async function createWorkerEngine(options: WorkerModelOptions): Promise<SpeechEngine> {
  const worker = startWorker(options);
  const streamer = createTranscriber(options);
  streamer.catch(() => undefined); // awaited below, after the worker's own load error if any
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const modelId = await new Promise<string>((resolve, reject) => {
    const onMessage = (m: FromWorker): void => {
      if (m.type === 'ready') resolve(m.modelId);
      else if (m.type === 'load-error') reject(deserializeError(m.error));
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
  }).catch(async (error: unknown) => {
    await streamer.then((t) => t.dispose(), () => undefined);
    throw error;
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready' || m.type === 'load-error' || m.type === 'disposed') return;
    const p = pending.get(m.id);
    if (p === undefined) return;
    if (m.type === 'start') p.request.onStart?.(m.durationSec);
    else if (m.type === 'segment') p.request.onSegment?.(m.segment);
    else {
      pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.transcript);
      else p.reject(deserializeError(m.error));
    }
  });
  const send = (m: ToWorker, transfer?: ArrayBuffer[]): void => worker.postMessage(m, transfer);
  const inline = await streamer.catch(async (error: unknown) => {
    send({ type: 'dispose' });
    throw error;
  });
  return {
    modelId,
    transcribe(request) {
      const id = nextId++;
      return new Promise<Transcript>((resolve, reject) => {
        if (request.signal.aborted) {
          reject(request.signal.reason);
          return;
        }
        const onAbort = (): void => {
          const reason = (request.signal.reason as { reason?: unknown } | undefined)?.reason === 'timeout' ? 'timeout' : 'client';
          send({ type: 'cancel', id, reason });
        };
        const settle = (): void => request.signal.removeEventListener('abort', onAbort);
        pending.set(id, { request, resolve: (t) => (settle(), resolve(t)), reject: (e) => (settle(), reject(e)) });
        request.signal.addEventListener('abort', onAbort, { once: true });
        const audio = request.audio.slice(); // a copy the worker owns
        send({ type: 'job', id, audio, options: request.options, maxAudioSec: request.maxAudioSec }, [audio.buffer as ArrayBuffer]);
      });
    },
    stream(source, o) {
      return inline.stream(source, o);
    },
    /** Asks the thread to stop its jobs and free the model; terminates it only if it does not exit in 30 s. */
    async dispose() {
      await inline.dispose();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      send({ type: 'dispose' });
      const timer = setTimeout(() => void worker.terminate(), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
