/**
 * Options for ONNX Runtime sessions, validated once and turned into ORT's own option object.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { InvalidOptionError } from '../../core/errors.js';

/** Execution providers Cephalon knows how to request. `cpu` is always available. */
export type ExecutionProviderName = 'cpu' | 'cuda';

/** How hard ONNX Runtime optimises the graph when it loads a model. */
export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

/** Session settings shared by every model file of one loaded model. All fields optional. */
export interface RuntimeSessionOptions {
  /** Threads used inside one operator (matrix products). Default: ONNX Runtime's choice (physical cores). */
  readonly intraOpNumThreads?: number;
  /** Threads running independent operators in parallel. Default: ONNX Runtime's choice. */
  readonly interOpNumThreads?: number;
  /** Graph optimisation when loading. Default `'all'`. */
  readonly graphOptimizationLevel?: GraphOptimizationLevel;
  /**
   * Execution providers in order of preference; ONNX Runtime falls back along the list per operator.
   * Default `['cpu']`. `'cuda'` needs the CUDA build of onnxruntime-node (see `RuntimeError` hint).
   */
  readonly executionProviders?: readonly ExecutionProviderName[];
  /**
   * Whether ONNX Runtime's intra-op worker threads busy-wait for the next operator (ORT's own default) instead of
   * sleeping. Default `false`: a Whisper decoder step is many small operators, and on a machine whose cores are
   * shared the spinning threads take the time the working ones need (`npm run bench:e2e -- --spin` compares;
   * docs/performance.md). Set `true` on an otherwise idle machine to shave the wake-up latency.
   */
  readonly allowSpinning?: boolean;
}

/** Resolved options: every field set. */
export interface ResolvedSessionOptions {
  readonly intraOpNumThreads: number | null;
  readonly interOpNumThreads: number | null;
  readonly graphOptimizationLevel: GraphOptimizationLevel;
  readonly executionProviders: readonly ExecutionProviderName[];
  readonly allowSpinning: boolean;
}

const KNOWN_PROVIDERS: readonly ExecutionProviderName[] = ['cpu', 'cuda'];
const KNOWN_LEVELS: readonly GraphOptimizationLevel[] = ['disabled', 'basic', 'extended', 'all'];
/** Upper bound for thread counts: far beyond any machine, low enough to catch typos. */
const MAX_THREADS = 1024;

function invalid(field: string, problem: string): InvalidOptionError {
  return new InvalidOptionError('INVALID_SESSION_OPTION', `sessionOptions.${field} ${problem}`, {
    hint: `Fix sessionOptions.${field} (see docs/runtime.md).`,
    details: { field },
  });
}

function threads(value: number | undefined, field: string): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_THREADS) {
    throw invalid(field, `must be an integer from 1 to ${MAX_THREADS}, got ${value}`);
  }
  return value;
}

/** Validates options once; throws `InvalidOptionError` naming the field. */
export function resolveSessionOptions(options: RuntimeSessionOptions = {}): ResolvedSessionOptions {
  const level = options.graphOptimizationLevel ?? 'all';
  if (!KNOWN_LEVELS.includes(level)) throw invalid('graphOptimizationLevel', `must be one of ${KNOWN_LEVELS.join(', ')}`);
  const providers = options.executionProviders ?? ['cpu'];
  if (providers.length === 0) throw invalid('executionProviders', 'must name at least one provider');
  for (const p of providers) {
    if (!KNOWN_PROVIDERS.includes(p)) throw invalid('executionProviders', `has unknown provider "${String(p)}"`);
  }
  const spinning: unknown = options.allowSpinning ?? false;
  if (typeof spinning !== 'boolean') throw invalid('allowSpinning', `must be true or false, got ${JSON.stringify(spinning)}`);
  return {
    intraOpNumThreads: threads(options.intraOpNumThreads, 'intraOpNumThreads'),
    interOpNumThreads: threads(options.interOpNumThreads, 'interOpNumThreads'),
    graphOptimizationLevel: level,
    executionProviders: [...new Set(providers)],
    allowSpinning: spinning,
  };
}

/** A stable text key for caching sessions per (file, options). */
export function sessionOptionsKey(options: ResolvedSessionOptions): string {
  return JSON.stringify([
    options.intraOpNumThreads,
    options.interOpNumThreads,
    options.graphOptimizationLevel,
    options.executionProviders,
    options.allowSpinning,
  ]);
}

/** ORT's warning-level logging repeats our typed errors on stderr; keep only errors. */
const LOG_SEVERITY_ERROR = 3;

/** Builds ONNX Runtime's option object. */
export function toOrtOptions(options: ResolvedSessionOptions): InferenceSession.SessionOptions {
  return {
    executionProviders: [...options.executionProviders],
    graphOptimizationLevel: options.graphOptimizationLevel,
    logSeverityLevel: LOG_SEVERITY_ERROR,
    // ORT's session config key "session.intra_op.allow_spinning", given as onnxruntime-node's nested `extra`.
    extra: { session: { intra_op: { allow_spinning: options.allowSpinning ? '1' : '0' } } },
    ...(options.intraOpNumThreads === null ? {} : { intraOpNumThreads: options.intraOpNumThreads }),
    ...(options.interOpNumThreads === null ? {} : { interOpNumThreads: options.interOpNumThreads }),
  };
}
