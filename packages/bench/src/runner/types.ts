/** Value types of bench runs. */
import type { EngineDefinition } from '../engines/create-engine.js';
import type { EngineParams } from '../engines/types.js';
import type { LmSpec } from '../lm/lm-spec.js';

/** A dataset reference in a spec: a manifest or an audio folder (paths relative to the spec file). */
export type DatasetSpec =
  | { readonly name?: string; readonly manifest: string; readonly limit?: number }
  | { readonly name?: string; readonly folder: string; readonly limit?: number };

/** One engine of a spec: its definition, base params and an optional grid swept over. */
export interface EngineSpec {
  readonly engine: EngineDefinition;
  /** Params of every configuration of this engine. */
  readonly params: EngineParams;
  /** Each key's list of values is swept (cartesian product), merged over `params`. */
  readonly grid: Readonly<Record<string, readonly EngineParams[string][]>>;
}

/** A validated bench spec: engines × parameter grid × datasets. */
export interface BenchSpec {
  readonly name: string;
  /** Folder of the spec file (relative paths resolve against it). */
  readonly baseDir: string;
  readonly engines: readonly EngineSpec[];
  readonly datasets: readonly DatasetSpec[];
  /** Default results file (JSONL). */
  readonly results?: string;
  /** Untimed transcriptions per configuration and worker before timing starts. Default 0. */
  readonly warmup: number;
  /** Parallel workers. Default 1. */
  readonly workers: number;
  /**
   * Timed transcriptions per utterance (default 1). With more, every trial's wall time is recorded
   * (`wallSecTrials`, latency distributions) and `wallSec` is their median; the text is the first trial's.
   */
  readonly timingTrials?: number;
  /** Language models for the report's perplexity columns (`cephalon bench report --spec`); paths resolved. */
  readonly languageModels?: readonly LmSpec[];
}

/** One configuration: an engine with concrete params. */
export interface BenchConfig {
  /** Stable id: engine name + canonical params (`cephalon{"beamSize":2}`). */
  readonly id: string;
  /** Short readable label (`cephalon beamSize=2 fallback=false`). */
  readonly label: string;
  readonly engineName: string;
  readonly params: EngineParams;
  /** Names of the params that vary in this engine's grid (for sweep curves). */
  readonly swept: readonly string[];
}

/** One line of the results file: one (configuration, dataset, utterance) done. */
export interface ResultRecord {
  readonly type: 'result';
  /** `configId | dataset | utteranceId`: the resume key. */
  readonly key: string;
  readonly configId: string;
  readonly configLabel: string;
  readonly engine: string;
  readonly engineKind: string;
  readonly params: EngineParams;
  readonly swept: readonly string[];
  readonly dataset: string;
  readonly utteranceId: string;
  readonly audioPath: string;
  readonly reference: string;
  /** Raw hypothesis (normalised only at scoring time). */
  readonly hypothesis: string;
  readonly audioSec: number;
  readonly wallSec: number;
  readonly tokens?: number;
  readonly confidences?: readonly number[];
  readonly peakMemoryBytes?: number;
  /** Wall seconds of every timing trial (present when the spec asks for more than one). */
  readonly wallSecTrials?: readonly number[];
  /** Text of each token, aligned with `confidences`. */
  readonly tokenTexts?: readonly string[];
  /** Seconds until the first decoder call returned (first token's logits). */
  readonly timeToFirstTokenSec?: number;
  /** Batched decoder calls made. */
  readonly decoderSteps?: number;
  /** Seconds per window, in order. */
  readonly windowSec?: readonly number[];
  readonly threads?: number;
  readonly device?: string;
  readonly tags?: Readonly<Record<string, string | number | boolean>>;
  /** Set when the engine failed on this utterance (hypothesis is then empty). */
  readonly error?: { readonly code: string; readonly message: string };
  /** ISO time the record was written. */
  readonly finishedAt: string;
}
