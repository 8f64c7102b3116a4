/** What every route of one server shares. */
import type { SpeechEngine } from '../engine/engine.js';
import type { ServerMetrics } from '../metrics.js';
import type { ResolvedServerOptions } from '../options.js';
import type { RequestQueue } from '../queue/request-queue.js';

export interface ServerState {
  readonly options: ResolvedServerOptions;
  readonly queue: RequestQueue;
  readonly metrics: ServerMetrics;
  /** The name `/v1/models` lists; requests may also say `whisper-1`. */
  readonly modelName: string;
  /** Set once the model is loaded. */
  engine: SpeechEngine | null;
  /** Set when the model failed to load: the server then answers 503 until it is restarted. */
  loadError: string | null;
  /** Unix seconds when the model finished loading (`created` in `/v1/models`). */
  loadedAt: number;
}

/** Model names a request may use. */
export function acceptedModels(state: ServerState): string[] {
  return [...new Set([state.modelName, 'whisper-1', state.options.model, ...(state.engine === null ? [] : [state.engine.modelId])])];
}
