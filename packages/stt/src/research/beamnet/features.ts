/**
 * The per-step input of the beam-approximating network (research-features §2.3, the simplest options first): the
 * top-k candidates of the greedy step's filtered logits as log-probabilities (§2.3.1/2.3.3), with per-candidate flags
 * (valid, timestamp, end-of-text, seen among the last few sampled tokens: §2.3.5's previous tokens reduced to a
 * flag), and step-wide measures (top-1/top-2 margin, entropy-normalised confidence, log-partition gap, relative
 * position §2.3.4, previous token a timestamp). The candidates' token ids are returned next to the features (the
 * network scores candidates by slot, not by id). One reused buffer: extracting allocates nothing per step.
 */
import { RowScan } from '../../decoding/row-scan.js';

/** Candidates per step (the network's output classes): slot 0 is greedy's token. */
export const BEAMNET_K = 10;
/** Per-candidate features. */
export const CANDIDATE_FEATURES = ['logprob', 'valid', 'timestamp', 'eot', 'recent'] as const;
/** Step-wide features. */
export const STEP_FEATURES = ['margin', 'confidence', 'logzGap', 'position', 'prevTimestamp', 'step0'] as const;
/** Length of one step's feature vector. */
export const N_FEATURES = BEAMNET_K * CANDIDATE_FEATURES.length + STEP_FEATURES.length;
/** Log-probability written for an empty or masked slot, and the floor of every log-probability. */
export const LOGPROB_FLOOR = -30;
/** How many previous sampled tokens the `recent` flag looks at. */
export const RECENT_WINDOW = 4;

/** Feature names in vector order (`logprob_0`, `valid_0`, ..., `margin`, ...). */
export function featureNames(): string[] {
  const names: string[] = [];
  for (let j = 0; j < BEAMNET_K; j++) for (const f of CANDIDATE_FEATURES) names.push(`${f}_${j}`);
  return [...names, ...STEP_FEATURES];
}

/** Token ids the features need. */
export interface FeatureTokens {
  readonly eot: number;
  /** First timestamp token id (`<|0.00|>`); ids at or above it are timestamps. */
  readonly timestampBegin: number;
}

/** Fills one step's features from a filtered logits row. Reuses its buffers: copy what you keep. */
export class FeatureExtractor {
  /** The last step's features (`N_FEATURES`). */
  readonly features = new Float32Array(N_FEATURES);
  /** The last step's candidate token ids, best first; `-1` for an empty slot. */
  readonly candidates = new Int32Array(BEAMNET_K);
  private readonly scan = new RowScan(BEAMNET_K);

  constructor(
    private readonly ids: FeatureTokens,
    /** Maximum sampled tokens of the decode (the position feature is `step / sampleLen`). */
    private readonly sampleLen: number,
  ) {}

  /**
   * Extracts the features of the step whose filtered logits are `row`, `tokens` being the row's sequence so far
   * (prompt included) and `sampleBegin` the index of its first sampled token. Returns the number of valid candidates.
   */
  extract(row: Float32Array, tokens: readonly number[], sampleBegin: number): number {
    const { features: f, candidates, ids } = this;
    const scan = this.scan.reset().add(row);
    const top = scan.top;
    const logZ = scan.logSumExp();
    const step = tokens.length - sampleBegin;
    let valid = 0;
    for (let j = 0; j < BEAMNET_K; j++) {
      const o = j * CANDIDATE_FEATURES.length;
      const r = top[j];
      const ok = r !== undefined && r.value !== -Infinity;
      const id = ok ? r.index : -1;
      candidates[j] = id;
      if (ok) valid++;
      f[o] = ok ? Math.max(LOGPROB_FLOOR, r.value - logZ) : LOGPROB_FLOOR;
      f[o + 1] = ok ? 1 : 0;
      f[o + 2] = ok && id >= ids.timestampBegin ? 1 : 0;
      f[o + 3] = ok && id === ids.eot ? 1 : 0;
      f[o + 4] = ok && recentlySampled(tokens, sampleBegin, id) ? 1 : 0;
    }
    const s = BEAMNET_K * CANDIDATE_FEATURES.length;
    const stats = scan.stats(row.length);
    f[s] = Math.min(-LOGPROB_FLOOR, stats.margin);
    f[s + 1] = stats.entropyConfidence;
    f[s + 2] = logZ - scan.first;
    f[s + 3] = step / this.sampleLen;
    f[s + 4] = step > 0 && (tokens[tokens.length - 1] as number) >= ids.timestampBegin ? 1 : 0;
    f[s + 5] = step === 0 ? 1 : 0;
    return valid;
  }
}

function recentlySampled(tokens: readonly number[], sampleBegin: number, id: number): boolean {
  for (let i = tokens.length - 1; i >= Math.max(sampleBegin, tokens.length - RECENT_WINDOW); i--) if (tokens[i] === id) return true;
  return false;
}
