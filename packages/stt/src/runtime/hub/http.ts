/**
 * One Hub HTTP request with a timeout, the auth header, retries with exponential backoff for transient failures
 * (network errors, timeouts, 429, 5xx) and typed errors for the rest.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CephalonError, DownloadError } from '../../core/errors.js';
import { DOWNLOAD_ERROR_CODES, httpStatusError, unreachableError } from './download-errors.js';
import { MAX_RETRY_DELAY_MS } from './hub-settings.js';
import type { HubSettings } from './hub-settings.js';

/** HTTP statuses worth retrying. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * True for a failure a later attempt may not hit: network errors and timeouts (fetch's TypeError/AbortError),
 * DownloadErrors for an unreachable Hub, a cut connection or a 408/429/5xx. File-system errors and other errors are not.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof CephalonError && !(error instanceof DownloadError)) return false;
  if (!(error instanceof DownloadError)) return typeof (error as NodeJS.ErrnoException | undefined)?.syscall !== 'string';
  if (error.code === DOWNLOAD_ERROR_CODES.unreachable || error.code === DOWNLOAD_ERROR_CODES.interrupted) return true;
  const status = error.details?.['status'];
  return error.code === DOWNLOAD_ERROR_CODES.http && typeof status === 'number' && RETRY_STATUSES.has(status);
}

/** Request description. */
export interface HubRequest {
  readonly method: 'GET' | 'HEAD';
  readonly url: string;
  /** What is being fetched, for error messages (`onnx-community/whisper-tiny.en/config.json`). */
  readonly what: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** `manual` returns 3xx responses instead of following them. */
  readonly redirect?: 'follow' | 'manual';
  /** Abort the request when no response headers arrive within the settings' timeout. Default true. */
  readonly headerTimeout?: boolean;
  /** Extra abort signal (e.g. an idle-body timer). */
  readonly signal?: AbortSignal;
}

/** Largest metadata response read (a file list); a real Hub answers in kilobytes. */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024;

/** Reads a response body as text, refusing more than `maxBytes` (the body is cancelled at the limit). */
export async function readCappedText(res: Response, maxBytes: number, what: string, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  const tooBig = (): DownloadError =>
    new DownloadError(DOWNLOAD_ERROR_CODES.http, `Unexpected Hub response for ${what}: more than ${maxBytes} bytes of metadata`, {
      hint: 'Check HF_ENDPOINT points at a Hugging Face Hub (or a mirror of it).',
      details: { url, maxBytes },
    });
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  if (res.body !== null) {
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await res.body.cancel().catch(() => undefined);
        throw tooBig();
      }
      parts.push(chunk);
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Backoff before attempt `attempt` (1-based): base * 2^(attempt-1), capped, with up to 50% jitter removed. */
export function backoffMs(settings: HubSettings, attempt: number): number {
  const raw = Math.min(settings.retryBaseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
  return raw * (0.5 + Math.random() * 0.5);
}

/** Headers every Hub request carries. */
export function baseHeaders(settings: HubSettings): Record<string, string> {
  const h: Record<string, string> = { 'user-agent': 'cephalon-stt', 'accept-encoding': 'identity' };
  if (settings.token !== undefined) h['authorization'] = `Bearer ${settings.token}`;
  return h;
}

async function once(settings: HubSettings, req: HubRequest): Promise<Response> {
  const signals: AbortSignal[] = [];
  if (req.headerTimeout ?? true) signals.push(AbortSignal.timeout(settings.timeoutMs));
  if (req.signal !== undefined) signals.push(req.signal);
  if (settings.signal !== undefined) signals.push(settings.signal);
  return fetch(req.url, {
    method: req.method,
    headers: { ...baseHeaders(settings), ...req.headers },
    redirect: req.redirect ?? 'follow',
    ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
  });
}

/**
 * Sends a request, retrying transient failures `settings.retries` times. Resolves with any 2xx or 3xx response
 * (3xx only with `redirect: 'manual'`); throws DownloadError (unreachable, 401/403, 404, other status) otherwise.
 */
export async function hubFetch(settings: HubSettings, req: HubRequest): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    if (attempt > 0) await sleep(backoffMs(settings, attempt), undefined, settings.signal === undefined ? {} : { signal: settings.signal });
    let res: Response;
    try {
      res = await once(settings, req);
    } catch (cause) {
      if (req.signal?.aborted === true || settings.signal?.aborted === true) throw cause;
      lastError = cause;
      continue;
    }
    if (res.status < 400) return res;
    await res.body?.cancel().catch(() => undefined);
    const error = httpStatusError(res.status, req.url, req.what, res.headers.get('x-error-code'), settings.token !== undefined);
    if (!RETRY_STATUSES.has(res.status)) throw error;
    lastError = error;
  }
  if (lastError instanceof DownloadError) throw lastError;
  throw unreachableError(req.url, lastError);
}
