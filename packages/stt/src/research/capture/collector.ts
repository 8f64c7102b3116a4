/**
 * Logit capture on the decoder's research hooks (`decoding/decode-hooks.ts`): one extra logit filter, run last, that
 * scans each filtered row once with a top-k selection and hands the decoder the scan it would otherwise make itself
 * (so the row is still read once per step), then, when the window's decode ends, keeps the rows of the chosen
 * hypothesis only (beam search and best-of included: rows are matched by their token history).
 */
import type { DecodeHooks, WindowHook, WindowHookInfo, WindowResult } from '../../decoding/index.js';
import type { LogitFilter } from '../../decoding/logit-filters.js';
import { RowScan } from '../../decoding/row-scan.js';
import { InvalidOptionError } from '../../core/errors.js';
import { finiteMean, MEASURE_NAMES, stepMeasures } from './measures.js';

/** What to capture. */
export interface LogitCaptureOptions {
  /** Largest logits kept per step with their token ids (5 or 10 is cheap enough to leave on); 1..256. */
  readonly topK: number;
  /** Also keep every step's whole filtered logit row (`[vocab]` float32; offline analysis, large). Default false. */
  readonly full?: boolean;
}

/** Where a step's token lies relative to the overlap of its window with its neighbours (bit flags). */
export const PLACE = {
  /** Outside every overlap. */
  none: 0,
  /** Inside the part of this window that the previous window also covers. */
  prevOverlap: 1,
  /** Inside the part of this window that the next window also covers. */
  nextOverlap: 2,
  /** Not known (no timestamp tokens, or the capture was not placed on windows). */
  unknown: 255,
} as const;

/** The window a decode belongs to, once placed (`placeDecodes`). */
export interface DecodePlacement {
  /** Index of the window in the strategy's `windows`, -1 = not placed. */
  readonly window: number;
  /** Index of this decode among the window's temperature attempts. */
  readonly attempt: number;
  /** True when this decode is the one the window used (the last attempt). */
  readonly accepted: boolean;
  /** Window start and audio length in it (seconds); NaN when not placed. */
  readonly startSec: number;
  readonly endSec: number;
}

/** One window decode (one fallback attempt) as captured. Arrays are packed row-major, one row per step. */
export interface CapturedDecode {
  /** Order of this decode among all decodes of the capture. */
  readonly index: number;
  placement: DecodePlacement;
  readonly sampleBegin: number;
  readonly promptTokens: readonly number[];
  readonly temperature: number;
  readonly strategy: 'greedy' | 'sampling' | 'beam';
  /** Steps captured (the chosen tokens, and the final EOT when the decode emitted it). */
  readonly steps: number;
  /** Emitted token per step. */
  readonly tokens: Int32Array;
  /** Decoder position id of the step (`sampleBegin + step`). */
  readonly positions: Int32Array;
  /** `PLACE` flags per step. */
  readonly places: Uint8Array;
  /** `steps × MEASURE_NAMES.length` float32 (see `MEASURE_NAMES`). */
  readonly measures: Float32Array;
  /** `steps × topK` ids and logits, best first (id -1 / logit -Infinity pad rows with fewer finite logits). */
  readonly topIds: Int32Array;
  readonly topLogits: Float32Array;
  /** `steps × vocab` filtered logits when captured with `full`, else null. */
  readonly full: Float32Array | null;
}

/** One scanned row of one step, before the decode's chosen hypothesis is known. */
interface RowRecord {
  readonly key: number;
  readonly first: number;
  readonly second: number;
  readonly logZ: number;
  readonly entropyConfidence: number;
  readonly eotLogit: number;
  readonly meanLogit: number;
  readonly topIds: Int32Array;
  readonly topLogits: Float32Array;
  readonly full: Float32Array | null;
}

export const NOT_PLACED: DecodePlacement = Object.freeze({ window: -1, attempt: 0, accepted: true, startSec: Number.NaN, endSec: Number.NaN });

/** FNV-1a over `tokens[from..to)`: the key that matches a row to a prefix of the chosen hypothesis. */
function historyKey(tokens: ArrayLike<number>, from: number, to: number): number {
  let h = 2166136261;
  for (let i = from; i < to; i++) h = Math.imul(h ^ ((tokens[i] as number) + 1), 16777619);
  return h >>> 0;
}

/** The capture filter of one window decode. */
class DecodeRecorder implements LogitFilter {
  private readonly byStep: RowRecord[][] = [];
  private scan: RowScan;

  constructor(
    private readonly info: WindowHookInfo,
    private readonly topK: number,
    private readonly full: boolean,
    private readonly eot: number,
  ) {
    this.scan = new RowScan(topK);
  }

  apply(logits: Float32Array, tokens: readonly number[], loopScan?: RowScan): void {
    if (loopScan !== undefined && loopScan.k > this.scan.k) this.scan = new RowScan(loopScan.k);
    const own = this.scan.reset().add(logits);
    if (loopScan !== undefined) {
      // Hand the decoder the scan it would make: the same pass gives the same sums (row-scan.ts), and the first k of a
      // larger top-k are its top-k.
      loopScan.first = own.first;
      loopScan.second = own.second;
      loopScan.best = own.best;
      loopScan.sum = own.sum;
      loopScan.weighted = own.weighted;
      loopScan.top.length = 0;
      for (let j = 0; j < loopScan.k && j < own.top.length; j++) loopScan.top.push(own.top[j] as (typeof own.top)[number]);
      loopScan.complete = true;
    }
    const stats = own.stats(logits.length);
    const k = this.topK;
    const topIds = new Int32Array(k).fill(-1);
    const topLogits = new Float32Array(k).fill(-Infinity);
    for (let j = 0; j < k && j < own.top.length; j++) {
      const r = own.top[j] as (typeof own.top)[number];
      topIds[j] = r.index;
      topLogits[j] = r.value;
    }
    const step = tokens.length - this.info.sampleBegin;
    const rows = (this.byStep[step] ??= []);
    rows.push({
      key: historyKey(tokens, this.info.sampleBegin, tokens.length),
      first: own.first,
      second: own.second,
      logZ: stats.logZ,
      entropyConfidence: stats.entropyConfidence,
      eotLogit: logits[this.eot] as number,
      meanLogit: this.full ? finiteMean(logits) : Number.NaN,
      topIds,
      topLogits,
      full: this.full ? logits.slice() : null,
    });
  }

  /** The rows of the chosen hypothesis, packed. */
  finish(result: WindowResult, index: number): CapturedDecode {
    const chosen = result.tokens;
    const picked: { row: RowRecord; token: number; logprob: number }[] = [];
    for (let i = 0; i <= chosen.length; i++) {
      const key = historyKey(chosen, 0, i);
      const row = this.byStep[i]?.find((r) => r.key === key);
      if (row === undefined) break;
      if (i < chosen.length) picked.push({ row, token: chosen[i] as number, logprob: (result.steps[i] as { logprob: number }).logprob });
      else picked.push({ row, token: this.eot, logprob: Math.fround(row.eotLogit - row.logZ) });
    }
    const n = picked.length;
    const m = MEASURE_NAMES.length;
    const k = this.topK;
    const vocab = picked[0]?.row.full?.length ?? 0;
    const out: CapturedDecode = {
      index,
      placement: NOT_PLACED,
      sampleBegin: this.info.sampleBegin,
      promptTokens: this.info.promptTokens,
      temperature: result.temperature,
      strategy: this.info.options.strategy.kind === 'beam' ? 'beam' : result.temperature === 0 ? 'greedy' : 'sampling',
      steps: n,
      tokens: new Int32Array(n),
      positions: new Int32Array(n),
      places: new Uint8Array(n).fill(PLACE.unknown),
      measures: new Float32Array(n * m),
      topIds: new Int32Array(n * k),
      topLogits: new Float32Array(n * k),
      full: this.full ? new Float32Array(n * vocab) : null,
    };
    picked.forEach(({ row, token, logprob }, i) => {
      out.tokens[i] = token;
      out.positions[i] = this.info.sampleBegin + i;
      const s = stepMeasures(row, logprob);
      MEASURE_NAMES.forEach((name, j) => (out.measures[i * m + j] = s[name]));
      out.topIds.set(row.topIds, i * k);
      out.topLogits.set(row.topLogits, i * k);
      if (out.full !== null && row.full !== null) out.full.set(row.full, i * vocab);
    });
    return out;
  }
}

/**
 * Collects logits of every window decode it is attached to (as `hooks` of a `WindowDecodeContext`, or through the
 * transcriber's `captureLogits` option).
 *
 * @example
 * const capture = new LogitCapture({ topK: 5 }, tokenizer.eot);
 * const result = await decodeWindow({ decoder, tokenizer, hooks: capture }, encoded, options);
 * const [decode] = capture.decodes; // decode.measures, decode.topIds ...
 */
export class LogitCapture implements DecodeHooks {
  readonly decodes: CapturedDecode[] = [];
  readonly topK: number;
  readonly full: boolean;

  constructor(
    options: LogitCaptureOptions,
    private readonly eot: number,
  ) {
    if (!Number.isInteger(options.topK) || options.topK < 1 || options.topK > 256) {
      throw new InvalidOptionError('INVALID_OPTION', `option captureLogits.topK: must be an integer in 1..256, got ${String(options.topK)}`, {
        hint: 'use 5 or 10 for the always-on mode, and full: true for whole rows',
        details: { option: 'captureLogits.topK' },
      });
    }
    this.topK = options.topK;
    this.full = options.full === true;
  }

  readonly beginWindow = (info: WindowHookInfo): WindowHook => {
    const recorder = new DecodeRecorder(info, this.topK, this.full, this.eot);
    return { filters: [recorder], end: (result) => this.decodes.push(recorder.finish(result, this.decodes.length)) };
  };
}
