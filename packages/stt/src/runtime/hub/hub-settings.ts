/**
 * Hub settings from options and the environment variables the Hugging Face tools use, so Python tools and
 * Cephalon share one cache and one login: HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE, HF_HOME, HF_HUB_OFFLINE.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '../../core/errors.js';

/** The public Hub. */
export const DEFAULT_ENDPOINT = 'https://huggingface.co';
/** Branch used when no revision is given. */
export const DEFAULT_REVISION = 'main';
/** Attempts after the first for transient failures (network errors, 5xx, 429, a cut connection). */
export const DEFAULT_RETRIES = 4;
/** First backoff delay; doubles per attempt. */
export const DEFAULT_RETRY_BASE_MS = 500;
/** Longest backoff delay. */
export const MAX_RETRY_DELAY_MS = 16_000;
/** Limit for a metadata request, and for a download with no bytes arriving. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A download slower than this many bytes per second ... */
export const DEFAULT_LOW_SPEED_BYTES_PER_SEC = 1024;
/** ... averaged over this long is cut (and resumed by a retry), as curl's --speed-limit / --speed-time. */
export const DEFAULT_LOW_SPEED_WINDOW_MS = 60_000;

/** Environment variables, as `process.env`. */
export type HubEnv = Readonly<Record<string, string | undefined>>;

/** Options shared by every Hub function. Each overrides its environment variable. */
export interface HubOptions {
  /** Hub base URL (HF_ENDPOINT); tests point it at a local server. */
  readonly endpoint?: string;
  /** Access token for gated or private models (HF_TOKEN, else the token file `huggingface-cli login` writes). */
  readonly token?: string;
  /** Cache root holding `models--{org}--{name}` folders (HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub). */
  readonly cacheDir?: string;
  /** Use the cache only, never the network (HF_HUB_OFFLINE=1). */
  readonly offline?: boolean;
  /** Branch, tag or commit; default `main`. */
  readonly revision?: string;
  readonly retries?: number;
  readonly retryBaseMs?: number;
  readonly timeoutMs?: number;
  /** A download averaging fewer bytes per second than this over `lowSpeedWindowMs` is cut and resumed. */
  readonly lowSpeedBytesPerSec?: number;
  readonly lowSpeedWindowMs?: number;
  /** Stops requests and downloads (a partial download stays in the cache and is resumed next time). */
  readonly signal?: AbortSignal;
  /** Environment to read instead of `process.env` (tests pass their own). */
  readonly env?: HubEnv;
}

/** Resolved settings. */
export interface HubSettings {
  readonly endpoint: string;
  readonly token: string | undefined;
  readonly cacheDir: string;
  readonly offline: boolean;
  readonly revision: string;
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  readonly lowSpeedBytesPerSec: number;
  readonly lowSpeedWindowMs: number;
  readonly signal: AbortSignal | undefined;
}

function settingError(name: string, value: string, why: string, hint: string): InvalidOptionError {
  return new InvalidOptionError('INVALID_OPTION', `${name} ${JSON.stringify(value)} ${why}`, { hint, details: { option: name } });
}

/** The endpoint as a base URL (http or https, no trailing slash); throws naming HF_ENDPOINT. */
function checkEndpoint(raw: string, fromEnv: boolean): string {
  const name = fromEnv ? 'HF_ENDPOINT' : 'endpoint';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw settingError(name, raw, 'is not a URL', 'use e.g. https://huggingface.co or http://127.0.0.1:8080 (or unset it)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw settingError(name, raw, 'is not an http(s) URL', 'use e.g. https://huggingface.co');
  if (url.username !== '' || url.password !== '') throw settingError(name, '<redacted>', 'holds credentials', 'put the token in HF_TOKEN instead');
  return raw.replace(/\/+$/, '');
}

/**
 * Checks a branch, tag or commit name: it becomes a path under `refs/` in the cache, so `..`, `.`, empty parts,
 * backslashes, absolute paths and control characters are refused (as git refuses them).
 */
export function checkRevision(revision: string): string {
  const parts = revision.split('/');
  // eslint-disable-next-line no-control-regex
  const bad = revision === '' || /[\\\x00-\x1f\x7f:]/.test(revision) || revision.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..');
  if (bad) throw settingError('revision', revision, 'is not a valid branch, tag or commit name', "use e.g. main, v1.0 or a 40-hex commit; '..', '\\' and empty parts are not allowed");
  return revision;
}

const TRUTHY = new Set(['1', 'on', 'yes', 'true']);

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** `$HF_HOME`, else `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface`. */
export function hfHome(env: HubEnv): string {
  return nonEmpty(env['HF_HOME']) ?? join(nonEmpty(env['XDG_CACHE_HOME']) ?? join(homedir(), '.cache'), 'huggingface');
}

/** The cache root, as the Hugging Face tools pick it. */
export function hubCacheDir(env: HubEnv): string {
  return nonEmpty(env['HF_HUB_CACHE']) ?? nonEmpty(env['HUGGINGFACE_HUB_CACHE']) ?? join(hfHome(env), 'hub');
}

function tokenFromFile(env: HubEnv): string | undefined {
  const path = nonEmpty(env['HF_TOKEN_PATH']) ?? join(hfHome(env), 'token');
  try {
    return nonEmpty(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Combines options and environment into settings. */
export function hubSettings(options: HubOptions = {}): HubSettings {
  const env = options.env ?? process.env;
  const endpoint = checkEndpoint(options.endpoint ?? nonEmpty(env['HF_ENDPOINT']) ?? DEFAULT_ENDPOINT, options.endpoint === undefined && nonEmpty(env['HF_ENDPOINT']) !== undefined);
  return {
    endpoint,
    token: options.token ?? nonEmpty(env['HF_TOKEN']) ?? nonEmpty(env['HUGGING_FACE_HUB_TOKEN']) ?? tokenFromFile(env),
    cacheDir: options.cacheDir ?? hubCacheDir(env),
    offline: options.offline ?? TRUTHY.has((env['HF_HUB_OFFLINE'] ?? '').trim().toLowerCase()),
    revision: checkRevision(options.revision ?? DEFAULT_REVISION),
    retries: options.retries ?? DEFAULT_RETRIES,
    retryBaseMs: options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    lowSpeedBytesPerSec: options.lowSpeedBytesPerSec ?? DEFAULT_LOW_SPEED_BYTES_PER_SEC,
    lowSpeedWindowMs: options.lowSpeedWindowMs ?? DEFAULT_LOW_SPEED_WINDOW_MS,
    signal: options.signal,
  };
}
