/** The worker thread of the worker engine: loads the model once, runs jobs one after another as they come. */
import { parentPort, workerData } from 'node:worker_threads';
import { createTranscriber } from '@cephalon/stt';
import { RequestAbortedError } from '../api-error.js';
import { runRequest } from './run-request.js';
import { serializeError } from './worker-protocol.js';
import type { FromWorker, ToWorker, WorkerModelOptions } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('worker-main runs only as a worker thread');
const post = (m: FromWorker): void => port.postMessage(m);

const controllers = new Map<number, AbortController>();
const inFlight = new Set<Promise<void>>();

try {
  const transcriber = await createTranscriber(workerData as WorkerModelOptions);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') {
      controllers.get(m.id)?.abort(new RequestAbortedError(m.reason));
      return;
    }
    if (m.type === 'dispose') {
      // Never free the model under a running session: stop the jobs, wait for them, then dispose.
      for (const c of controllers.values()) c.abort(new RequestAbortedError('client'));
      void Promise.allSettled([...inFlight])
        .then(() => transcriber.dispose())
        .finally(() => {
          post({ type: 'disposed' });
          port.close();
        });
      return;
    }
    const controller = new AbortController();
    controllers.set(m.id, controller);
    const job = runRequest(transcriber, m.audio, m.options, m.maxAudioSec, {
      signal: controller.signal,
      onStart: (durationSec) => post({ type: 'start', id: m.id, durationSec }),
      onSegment: (segment) => post({ type: 'segment', id: m.id, segment }),
    })
      .then((transcript) => post({ type: 'done', id: m.id, transcript }))
      .catch((error: unknown) => post({ type: 'error', id: m.id, error: serializeError(error) }))
      .finally(() => {
        controllers.delete(m.id);
        inFlight.delete(job);
      });
    inFlight.add(job);
  });
  post({ type: 'ready', modelId: transcriber.modelId });
} catch (error) {
  post({ type: 'load-error', error: serializeError(error) });
}
