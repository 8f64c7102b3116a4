/**
 * The DownloadError variants, each with a stable code and a hint saying what to do.
 */
import { DownloadError } from '../../core/errors.js';
import type { CephalonError } from '../../core/errors.js';

/** Stable `code`s of the DownloadErrors thrown by the Hub client. */
export const DOWNLOAD_ERROR_CODES = {
  unreachable: 'HUB_UNREACHABLE',
  unauthorized: 'HUB_UNAUTHORIZED',
  notFound: 'HUB_NOT_FOUND',
  http: 'HUB_HTTP_ERROR',
  checksum: 'DOWNLOAD_CHECKSUM',
  diskFull: 'DOWNLOAD_DISK_FULL',
  interrupted: 'DOWNLOAD_INTERRUPTED',
  offlineMiss: 'HUB_OFFLINE_MISS',
} as const;

const OFFLINE_HINT = 'or pass the path of a local model folder instead, or set HF_HUB_OFFLINE=1 to use cached models only';

export function unreachableError(url: string, cause: unknown): DownloadError {
  return new DownloadError(DOWNLOAD_ERROR_CODES.unreachable, `Cannot reach the Hugging Face Hub at ${new URL(url).origin}`, {
    hint: `Check the network (or HF_ENDPOINT), ${OFFLINE_HINT}.`,
    cause,
    details: { url },
  });
}

/** Maps a non-success HTTP status of a Hub request to a DownloadError. `errorCode` is the Hub's X-Error-Code header. */
export function httpStatusError(status: number, url: string, what: string, errorCode: string | null, hasToken: boolean): DownloadError {
  const details = { url, status, hubErrorCode: errorCode };
  if (status === 401 || status === 403) {
    const gated = errorCode === 'GatedRepo';
    const hint = gated
      ? 'This model is gated: accept its conditions on its Hub page, then set HF_TOKEN to a token of that account.'
      : hasToken
        ? 'The token in HF_TOKEN has no access to this model (or the model does not exist); check the id and the token.'
        : 'This model is gated or private (or does not exist): set HF_TOKEN to an access token, or check the id.';
    return new DownloadError(DOWNLOAD_ERROR_CODES.unauthorized, `Access denied (HTTP ${status}) to ${what}`, { hint, details });
  }
  if (status === 404) {
    return new DownloadError(DOWNLOAD_ERROR_CODES.notFound, `Not found on the Hub (HTTP 404): ${what}`, {
      hint: 'Check the model id and revision (see docs/models.md for the aliases), or pass a local folder path.',
      details,
    });
  }
  return new DownloadError(DOWNLOAD_ERROR_CODES.http, `The Hub answered HTTP ${status} for ${what}`, {
    hint: `Try again later, ${OFFLINE_HINT}.`,
    details,
  });
}

export function checksumError(file: string, what: string, expected: string, actual: string): DownloadError {
  return new DownloadError(DOWNLOAD_ERROR_CODES.checksum, `Downloaded ${file} does not match the Hub: ${what}`, {
    hint: 'The damaged download was deleted; run the command again. If it repeats, a proxy may be altering downloads.',
    details: { file, expected, actual },
  });
}

export function diskFullError(dir: string, neededBytes: number, freeBytes: number | undefined, cause?: unknown): DownloadError {
  const free = freeBytes === undefined ? '' : ` (${formatBytes(freeBytes)} free)`;
  return new DownloadError(DOWNLOAD_ERROR_CODES.diskFull, `Not enough disk space in ${dir}: ${formatBytes(neededBytes)} needed${free}`, {
    hint: 'Free some space, or point HF_HUB_CACHE at a larger disk; partial downloads are kept and resume.',
    cause,
    details: { dir, neededBytes, freeBytes: freeBytes ?? null },
  });
}

export function interruptedError(file: string, doneBytes: number, totalBytes: number, cause: unknown): DownloadError {
  return new DownloadError(DOWNLOAD_ERROR_CODES.interrupted, `Download of ${file} was interrupted at ${formatBytes(doneBytes)} of ${formatBytes(totalBytes)}`, {
    hint: 'Run the command again: the download resumes where it stopped.',
    cause,
    details: { file, doneBytes, totalBytes },
  });
}

export function offlineMissError(model: string, cacheDir: string, reason?: CephalonError): DownloadError {
  const why = reason === undefined ? '' : ` (${reason.message})`;
  return new DownloadError(DOWNLOAD_ERROR_CODES.offlineMiss, `Offline mode: ${model} is not in the cache ${cacheDir}${why}`, {
    hint: `${reason?.hint === undefined ? '' : `${reason.hint} Or: `}unset HF_HUB_OFFLINE (or the offline option) and pull it once, or pass the path of a local model folder.`,
    cause: reason,
    details: { model, cacheDir },
  });
}

/** `12.3 MB` style sizes (powers of 1000, like the Hub shows them). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i] ?? 'B'}`;
}
