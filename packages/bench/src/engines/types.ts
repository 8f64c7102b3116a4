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
  /** Text of each generated token, aligned with `confidences` (confidence colouring in the report). */
  readonly tokenTexts?: readonly string[];
  /** Seconds from the call until the first decoder call returned the logits of the first token. */
  readonly timeToFirstTokenSec?: number;
  /** Batched decoder calls made (prompt calls included, every fallback attempt counted). */
  readonly decoderSteps?: number;
  /** Seconds each window took (between progress events), in order. */
  readonly windowSec?: readonly number[];
}

/** The model an engine loaded, for the run record (bench requirements 9.1). */
export interface EngineModelInfo {
  /** Model id or folder as resolved. */
  readonly id: string;
  /** Weight precision (`fp32`, `q8`, `encoder=fp32 decoder=q4` ...). */
  readonly dtype: string;
  /** Every model file with its size and SHA-256. */
  readonly files: readonly { readonly path: string; readonly bytes: number; readonly sha256: string }[];
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
  /** The model loaded, when the adapter knows it (in-process engines). */
  readonly model?: EngineModelInfo;
  transcribe(audioPath: string, params: EngineParams): Promise<EngineResult>;
  close(): Promise<void>;
}
