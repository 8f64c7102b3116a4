/**
 * Error classes of the eidolon package. The package imports nothing from the other Cephalon
 * packages, so it carries its own small base class with the same shape (code, hint, details).
 */

/** Small machine-readable facts attached to an error. */
export type EidolonErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface EidolonErrorOptions {
  /** What the caller can do about it, in one sentence. */
  readonly hint?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
  readonly details?: EidolonErrorDetails;
}

/** Base class of every error the eidolon package throws on purpose. */
export class EidolonError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: EidolonErrorDetails | undefined;

  constructor(code: string, message: string, options: EidolonErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  toJSON(): { name: string; code: string; message: string; hint?: string; details?: EidolonErrorDetails } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** A parameter, option or argument was out of range or had the wrong shape. */
export class InvalidParameterError extends EidolonError {
  constructor(message: string, hint: string, details?: EidolonErrorDetails) {
    super('EIDOLON_INVALID_PARAMETER', message, details === undefined ? { hint } : { hint, details });
  }
}

/** An agent id that the world does not hold. */
export class UnknownAgentError extends EidolonError {
  constructor(agentId: number, count: number) {
    super('EIDOLON_UNKNOWN_AGENT', `agent ${agentId} does not exist (the world holds ${count} agents)`, {
      hint: 'use an id returned by createWorld/addAgent (0-based)',
      details: { agentId, count },
    });
  }
}

/** A time step above a scheme's stability bound, with the policy set to reject it. */
export class UnstableStepError extends EidolonError {
  constructor(dtSec: number, boundSec: number, what: string) {
    super('EIDOLON_UNSTABLE_STEP', `${what}: dt = ${dtSec} s exceeds the explicit stability bound ${boundSec} s`, {
      hint: "use a smaller dt or set the grid's dtPolicy to 'substep'",
      details: { dtSec, boundSec },
    });
  }
}

/** A snapshot that does not match the world it is restored into, or is malformed. */
export class SnapshotError extends EidolonError {
  constructor(message: string) {
    super('EIDOLON_SNAPSHOT', message, { hint: 'restore a snapshot produced by world.snapshot() of the same version' });
  }
}
