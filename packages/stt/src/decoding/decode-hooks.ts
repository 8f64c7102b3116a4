/**
 * Research hooks into the window step loop (default off: a context without `hooks` decodes exactly as before).
 * Logit capture, targeted re-decoding, the beam-approximating rescorer and cost decoding plug in here instead of
 * forking the loop.
 */
import type { WindowResult } from './decode-window.js';
import type { Hypothesis, StepInfo } from './hypothesis.js';
import type { LogitFilter } from './logit-filters.js';
import type { WindowDecodeOptions } from './options.js';

/** What a hook knows when a window decode (one fallback attempt) begins. */
export interface WindowHookInfo {
  /** The decoder prompt (SOT sequence, previous text, prefix). */
  readonly promptTokens: readonly number[];
  /** Index in a row's token sequence of the first sampled token. */
  readonly sampleBegin: number;
  /** The options of this attempt (strategy and temperature included). */
  readonly options: WindowDecodeOptions;
}

/** Per-decode extension returned by `DecodeHooks.beginWindow`. */
export interface WindowHook {
  /**
   * Applied to every row at every step after the standard filters, in order (may read or change the row in place;
   * the row's sequence `tokens` has the prompt, so the step index is `tokens.length - sampleBegin`).
   */
  readonly filters?: readonly LogitFilter[];
  /**
   * Asynchronous rescoring of the step's filtered rows (after `filters`, before the token choice), e.g. a network run
   * in ONNX Runtime; may change the rows in place. `tokens[b]` is row `b`'s sequence (prompt included). Absent = the
   * loop is exactly the standard one.
   */
  readonly rescore?: (logits: readonly Float32Array[], tokens: readonly (readonly number[])[]) => Promise<void>;
  /** Called with each finished decode of this window (before the fallback ladder judges it). */
  readonly end?: (result: WindowResult) => void;
  /**
   * Beam search only (ignored by greedy/sampling): once per step, the cost of each `(row, token)` candidate, subtracted
   * from its running score before ranking, so a beam's score becomes `sum log p - sum cost` (research section 3.2).
   * Returns one number per candidate, in order. Absent = the standard beam search.
   */
  readonly beamCost?: BeamCostFn;
}

/** One beam candidate offered to `WindowHook.beamCost`: row `source` extended by `token`. */
export interface BeamCandidate {
  readonly source: number;
  readonly token: number;
  readonly step: StepInfo;
}

/** See `WindowHook.beamCost`. */
export type BeamCostFn = (rows: readonly Hypothesis[], candidates: readonly BeamCandidate[]) => ArrayLike<number>;

/** Hooks a caller attaches to a decoding context. */
export interface DecodeHooks {
  /** Called at the start of each window decode (each temperature attempt too); `undefined` = nothing this time. */
  readonly beginWindow?: (info: WindowHookInfo) => WindowHook | undefined;
}
