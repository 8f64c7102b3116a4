/**
 * `startSpeechServer()`: listens at once (so `/health` can say "loading"), loads the model once in the
 * background, then serves every client from that one model.
 */
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createInlineEngine } from './engine/inline-engine.js';
import { createWorkerEngine } from './engine/worker-engine.js';
import type { SpeechEngine } from './engine/engine.js';
import { buildApp } from './http/app.js';
import { registerRealtime } from './realtime/route.js';
import type { ServerState } from './http/state.js';
import { createMetrics } from './metrics.js';
import { resolveServerOptions } from './options.js';
import type { ResolvedServerOptions, ServerOptions } from './options.js';
import { RequestQueue } from './queue/request-queue.js';

export interface SpeechServer {
  /** `http://host:port` (or `https://` with TLS) as bound. */
  readonly url: string;
  readonly options: ResolvedServerOptions;
  /** Resolves when the model is loaded (`/health` then answers 200); rejects if loading fails. */
  readonly ready: Promise<void>;
  readonly app: FastifyInstance;
  /** Stops listening, closes connections, frees the model. */
  close(): Promise<void>;
}

function loadEngine(o: ResolvedServerOptions): Promise<SpeechEngine> {
  const model = { ...o.transcriber, model: o.model };
  if (o.engine === 'inline') return createInlineEngine(model);
  const { hub, ...rest } = model;
  const { onProgress: _ignored, ...hubData } = hub ?? {};
  return createWorkerEngine({ ...rest, hub: hubData });
}

/** The name the server answers to: the model folder's or alias's last path part. */
export function modelNameOf(model: string): string {
  return basename(model.replace(/[/\\]+$/, '')) || model;
}

/**
 * @example
 * const server = await startSpeechServer({ model: 'tiny.en', port: 8000 });
 * await server.ready; // GET /health -> 200
 * // ... later
 * await server.close();
 */
export async function startSpeechServer(options: ServerOptions): Promise<SpeechServer> {
  const o = resolveServerOptions(options);
  const queue = new RequestQueue(o.concurrency, o.queue);
  const state: ServerState = { options: o, queue, metrics: createMetrics(queue), modelName: modelNameOf(o.model), engine: null, loadError: null, loadedAt: 0 };
  const app = await buildApp(state, (a) => registerRealtime(a, state));
  const address = await app.listen({ host: o.host, port: o.port });
  const ready = loadEngine(o).then(
    (engine) => {
      state.engine = engine;
      state.loadedAt = Math.floor(Date.now() / 1000);
    },
    (error: unknown) => {
      state.loadError = error instanceof Error ? error.message : String(error);
      throw error;
    },
  );
  ready.catch(() => undefined); // the caller observes it; never an unhandled rejection
  return {
    url: address,
    options: o,
    ready,
    app,
    async close() {
      await app.close();
      await ready.catch(() => undefined);
      await state.engine?.dispose();
      state.engine = null;
    },
  };
}
