/**
 * Error classes shared by every stage. Each error has a stable `code`, an optional `cause`,
 * and a JSON shape so the server can map it to an HTTP status and the CLI to an exit code.
 */

/** Plain-data form of an error, as written to logs and HTTP responses. */
export interface CephalonErrorJson {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface CephalonErrorOptions {
  /** What the user can do about it, in one sentence. */
  readonly hint?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
  /** Small machine-readable facts (file path, byte offset, model id ...). */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Base class of every error Cephalon throws on purpose. */
export class CephalonError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: Readonly<Record<string, string | number | boolean | null>> | undefined;

  constructor(code: string, message: string, options: CephalonErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  toJSON(): CephalonErrorJson {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** Audio could not be read or decoded (unreadable file, unknown format, truncated data...). */
export class AudioDecodeError extends CephalonError {}

/** A system tool (ffmpeg, espeak-ng, sox...) or optional npm package the operation needs is not installed. */
export class MissingToolError extends CephalonError {}

/** Options were invalid; thrown once, at validation time. */
export class InvalidOptionError extends CephalonError {}

/** A model id, alias or folder could not be found. */
export class ModelNotFoundError extends CephalonError {}

/** A model file exists but is corrupt, truncated or of an unexpected shape. */
export class ModelCorruptError extends CephalonError {}

/** A download failed (network, checksum, disk full...). */
export class DownloadError extends CephalonError {}

/** The inference runtime failed to load or run a session. */
export class RuntimeError extends CephalonError {}

/** Tokenizer files are missing or inconsistent. */
export class TokenizerError extends CephalonError {}

/** Window transcripts given to stitching are inconsistent (unordered windows, non-finite or reversed times...). */
export class StitchInputError extends CephalonError {}

/** A transcript cannot be written in an output format (negative or non-finite times, unknown format...). */
export class WriterInputError extends CephalonError {}

/** A bench engine under test failed (command exited non-zero, HTTP error, unreadable output...). */
export class BenchEngineError extends CephalonError {}

/** A bench dataset (manifest, audio folder, results file) is missing or malformed. */
export class BenchDataError extends CephalonError {}
