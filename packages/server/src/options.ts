/** Server options: defaults and validation, done once. */
import { InvalidOptionError } from '@cephalon/stt';
import type { TranscriberOptions } from '@cephalon/stt';

/** Where decoding runs: on the main thread with ONNX Runtime's async runs, or in a worker thread. */
export type EngineKind = 'inline' | 'worker';

export interface ServerOptions {
  /** Model folder, alias or Hub id (as `createTranscriber`). */
  readonly model: string;
  /** Loading options other than the model (dtype, threads, hub...). */
  readonly transcriber?: Omit<TranscriberOptions, 'model'>;
  /** Interface to bind; default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Port; default 8000; 0 picks a free one. */
  readonly port?: number;
  /** When set, every route but `/health` needs `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  /** Requests that may wait for a decoding slot; more get 429. Default 16. */
  readonly queue?: number;
  /** Requests decoded at the same time. Default 1. */
  readonly concurrency?: number;
  /** Largest accepted upload in MB. Default 25 (OpenAI's limit). */
  readonly maxUploadMb?: number;
  /** Longest accepted audio in seconds. Default 3600. */
  readonly maxAudioSec?: number;
  /** Time limit of one request (waiting + decoding), seconds. Default 600. */
  readonly requestTimeoutSec?: number;
  /** Serve HTTPS / WSS with this PEM key and certificate (OpenAI's SDK opens realtime sockets only as wss://). */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** Where decoding runs; default `worker` (docs/server.md has the measurement behind the default). */
  readonly engine?: EngineKind;
}

/** Options with every default filled in. */
export interface ResolvedServerOptions {
  readonly model: string;
  readonly transcriber: Omit<TranscriberOptions, 'model'>;
  readonly host: string;
  readonly port: number;
  readonly apiKey: string | null;
  readonly queue: number;
  readonly concurrency: number;
  readonly maxUploadBytes: number;
  readonly maxAudioSec: number;
  readonly requestTimeoutSec: number;
  readonly engine: EngineKind;
  readonly tls: { readonly key: string | Buffer; readonly cert: string | Buffer } | null;
}

function check(field: string, value: number, min: number, max: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new InvalidOptionError('INVALID_OPTION', `option ${field}: ${value} is not ${integer ? 'a whole number' : 'a number'} in [${min}, ${max}]`, {
      hint: `give ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
      details: { option: field },
    });
  }
  return value;
}

/** Fills in defaults and validates; throws `InvalidOptionError` naming the option. */
export function resolveServerOptions(o: ServerOptions): ResolvedServerOptions {
  if (typeof o.model !== 'string' || o.model.trim() === '') {
    throw new InvalidOptionError('INVALID_OPTION', 'option model: no model given', { hint: 'pass a model folder, alias or Hub id', details: { option: 'model' } });
  }
  if (o.apiKey !== undefined && o.apiKey.trim() === '') {
    throw new InvalidOptionError('INVALID_OPTION', 'option apiKey: empty key', { hint: 'give a non-empty key, or leave it out', details: { option: 'apiKey' } });
  }
  const engine = o.engine ?? 'worker';
  if (engine !== 'inline' && engine !== 'worker') {
    throw new InvalidOptionError('INVALID_OPTION', `option engine: ${JSON.stringify(engine)} is not an engine`, { hint: "use 'inline' or 'worker'", details: { option: 'engine' } });
  }
  return Object.freeze({
    model: o.model,
    transcriber: o.transcriber ?? {},
    host: o.host ?? '127.0.0.1',
    port: check('port', o.port ?? 8000, 0, 65535, true),
    apiKey: o.apiKey ?? null,
    queue: check('queue', o.queue ?? 16, 0, 100_000, true),
    concurrency: check('concurrency', o.concurrency ?? 1, 1, 64, true),
    maxUploadBytes: Math.floor(check('maxUploadMb', o.maxUploadMb ?? 25, 0.001, 4096, false) * 1024 * 1024),
    maxAudioSec: check('maxAudioSec', o.maxAudioSec ?? 3600, 0.1, 86_400 * 7, false),
    requestTimeoutSec: check('requestTimeoutSec', o.requestTimeoutSec ?? 600, 0.1, 86_400, false),
    engine,
    tls: o.tls ?? null,
  });
}
