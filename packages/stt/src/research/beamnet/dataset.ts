/** Training examples of the beam-approximating network and their split by audio (research-features §2.2.3). */
import { BEAMNET_K, CANDIDATE_FEATURES, N_FEATURES } from './features.js';

/** One greedy step with its label. */
export interface BeamnetExample {
  /** The audio the window came from: the unit of the train/validation split. */
  readonly audio: string;
  /** The window (audio plus offset). */
  readonly window: string;
  /** Sampled-token index in the greedy decode (EOT step included). */
  readonly step: number;
  /** `N_FEATURES` values (`features.ts`). */
  readonly features: readonly number[];
  /** Candidate token ids, best first (`-1` = empty slot). */
  readonly candidates: readonly number[];
  /** Greedy's token (= `candidates[0]`). */
  readonly greedyToken: number;
  /** Beam's token aligned to this step; -1 when the step has no beam counterpart. */
  readonly beamToken: number;
  /** Alignment of the step (`align.ts`). */
  readonly op: 'match' | 'sub' | 'ins';
  /**
   * The target class: the slot of `beamToken` among `candidates` (0 = keep greedy's token); `BEAMNET_K` = beam's token
   * is not among the candidates; -1 = no beam counterpart (excluded from training).
   */
  readonly label: number;
}

/** A train/validation split whose two sides share no audio. */
export interface AudioSplit {
  readonly train: readonly BeamnetExample[];
  readonly validation: readonly BeamnetExample[];
  readonly trainAudio: readonly string[];
  readonly validationAudio: readonly string[];
}

/** FNV-1a hash of `seed:text` as an unsigned 32-bit number. */
function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of `${seed}:${text}`) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Splits by audio, never by step: the audio ids are ordered by a seeded hash and the first
 * `round(validationFraction * audios)` go to validation (at least 1 and at most all but 1 when there are 2 or more).
 * @example const { train, validation } = splitByAudio(examples, 0.25, 1);
 */
export function splitByAudio(examples: readonly BeamnetExample[], validationFraction: number, seed: number): AudioSplit {
  if (!(validationFraction >= 0 && validationFraction < 1)) throw new RangeError(`validation fraction must be in [0, 1), got ${validationFraction}`);
  const audios = [...new Set(examples.map((e) => e.audio))].sort((a, b) => hash(a, seed) - hash(b, seed) || (a < b ? -1 : 1));
  const nVal = audios.length < 2 ? 0 : Math.min(audios.length - 1, Math.max(validationFraction > 0 ? 1 : 0, Math.round(validationFraction * audios.length)));
  const validationAudio = audios.slice(0, nVal);
  const held = new Set(validationAudio);
  return {
    train: examples.filter((e) => !held.has(e.audio)),
    validation: examples.filter((e) => held.has(e.audio)),
    trainAudio: audios.slice(nVal).sort(),
    validationAudio: [...validationAudio].sort(),
  };
}

/** Row-major matrices of a set of examples: features `[n, N_FEATURES]`, labels, valid-slot mask `[n, K]`. */
export interface ExampleMatrix {
  readonly n: number;
  readonly x: Float64Array;
  readonly labels: Int32Array;
  readonly valid: Uint8Array;
}

/** Packs examples for training (labels outside 0..K-1 become -1: not trained on). */
export function toMatrix(examples: readonly BeamnetExample[]): ExampleMatrix {
  const n = examples.length;
  const x = new Float64Array(n * N_FEATURES);
  const labels = new Int32Array(n);
  const valid = new Uint8Array(n * BEAMNET_K);
  examples.forEach((e, r) => {
    if (e.features.length !== N_FEATURES) throw new RangeError(`example ${e.window}#${e.step}: ${e.features.length} features, expected ${N_FEATURES}`);
    x.set(e.features, r * N_FEATURES);
    labels[r] = e.label >= 0 && e.label < BEAMNET_K ? e.label : -1;
    for (let j = 0; j < BEAMNET_K; j++) valid[r * BEAMNET_K + j] = (e.features[j * CANDIDATE_FEATURES.length + 1] as number) > 0 ? 1 : 0;
  });
  return { n, x, labels, valid };
}
