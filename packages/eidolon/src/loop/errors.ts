/** Errors of the agent loop's persistence. */
import { EidolonError } from '../errors.js';

/** The loop's state file is unreadable, corrupt, or from another version. */
export class PersistenceError extends EidolonError {
  constructor(path: string, message: string, cause?: unknown) {
    super('EIDOLON_PERSISTENCE', `${path}: ${message}`, {
      hint: 'the file is written atomically, so this means it was edited or the disk failed; move it aside to start a fresh agent',
      details: { path },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
