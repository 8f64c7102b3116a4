/** Hub options for the commands: the command's environment, retries, and a download progress bar. */
import { formatBytes } from '@cephalon/stt';
import type { DownloadProgress, HubOptions } from '@cephalon/stt';
import type { CommandIo } from './command.js';
import { ProgressBar } from './progress-bar.js';

/** Environment variable: retries of transient Hub failures (default: the library's). */
export const HUB_RETRIES_ENV = 'CEPHALON_HUB_RETRIES';

/** Hub options reading `io.env` (HF_ENDPOINT, HF_HUB_CACHE, HF_TOKEN, HF_HUB_OFFLINE ...) instead of `process.env`. */
export function hubOptions(io: CommandIo): HubOptions {
  const retries = Number(io.env[HUB_RETRIES_ENV] ?? Number.NaN);
  return Number.isInteger(retries) && retries >= 0 ? { env: io.env, retries } : { env: io.env };
}

/** A progress callback drawing one bar per repository while bytes arrive; cached files print nothing. */
export function downloadProgress(io: CommandIo): { onProgress: (p: DownloadProgress) => void; finish: () => void } {
  let bar: ProgressBar | undefined;
  return {
    onProgress: (p) => {
      if (p.phase === 'cached' && bar === undefined) return;
      bar ??= new ProgressBar(io.stderr, `downloading ${p.repoId}`, (done, total) => `${formatBytes(done)}/${formatBytes(total)}`);
      bar.update(p.doneBytes, p.totalBytes);
    },
    finish: () => bar?.finish(),
  };
}
