/**
 * The one interface every engine under test implements, so the runner can drive any of them on the same inputs.
 */

/** Parameter values of one configuration (JSON-serialisable; the grid expands lists of these). */
export type ParamValue = string | number | boolean | null | readonly ParamValue[] | { readonly [key: string]: ParamValue };

/** Parameters of one configuration, passed to every `transcribe()` call. */
export type EngineParams = Readonly<Record<string, ParamValue>>;

/** What an engine can report, so the report knows which columns and charts apply. */
export interface EngineCapabilities {
  /** Runs inside this Node process (memory is the process RSS) rather than as a child process / remote server. */
  readonly inProcess: boolean;
  /** Returns segments with times. */
  readonly segments: boolean;
  /** Returns token counts (tokens/s can be computed). */
  readonly tokens: boolean;
  /** Returns per-token confidences (calibration plot). */
  readonly confidences: boolean;
  /** Reports peak memory of the work it did (child process VmHWM, or sampled process RSS in-process). */
  readonly peakMemory: boolean;
  /** Safe to call `transcribe()` concurrently on one instance. */
  readonly concurrent: boolean;
}

/** One segment of a hypothesis. */
export interface EngineSegment {
  readonly startSec: number;
  readonly endSec: number;
  readonly text: string;
}

/** What one `transcribe()` returns. Raw text: normalisation happens at scoring time. */
export interface EngineResult {
  readonly text: string;
  readonly segments?: readonly EngineSegment[];
  /** Number of generated text tokens. */
  readonly tokens?: number;
  /** Per-token confidences in [0, 1]. */
  readonly confidences?: readonly number[];
  /** Peak resident memory in bytes while this call ran (child VmHWM, or sampled RSS of this process). */
  readonly peakMemoryBytes?: number;
}

/** An engine under test. Create once, transcribe many files, then `close()`. */
export interface Engine {
  /** Engine name as given in the spec (`cephalon`, `pocketsphinx` ...). */
  readonly name: string;
  /** Adapter kind (`cephalon`, `command`, `openai-http`, `transformers-js`). */
  readonly kind: string;
  readonly capabilities: EngineCapabilities;
  /** Threads the engine was configured with, when known. */
  readonly threads?: number;
  /** Device description (`cpu`, `cuda`, `remote`, ...). */
  readonly device?: string;
  transcribe(audioPath: string, params: EngineParams): Promise<EngineResult>;
  close(): Promise<void>;
}
