/** Errors of the tools (trajectory files, replay). */
import { EidolonError } from '../errors.js';

/** A trajectory file that is malformed or from another format version. */
export class TrajectoryError extends EidolonError {
  constructor(message: string) {
    super('EIDOLON_TRAJECTORY', message, { hint: "pass a file written by 'cephalon eidolon run --out FILE'" });
  }
}
