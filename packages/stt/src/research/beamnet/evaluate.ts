/**
 * How close a decode comes to beam search (research-features §2.8.1): token agreement after edit-distance alignment,
 * and, on collected steps, how often the network's choice equals beam's aligned token compared with greedy's.
 */
import { alignTokens } from './align.js';
import type { BeamnetExample } from './dataset.js';
import { toMatrix } from './dataset.js';
import { BEAMNET_K } from './features.js';
import type { Mlp } from './mlp.js';
import { argmaxValid } from './train.js';

/** Agreement of one token sequence with beam's. */
export interface BeamAgreement {
  /** Beam's token count (EOT included when present). */
  readonly beamTokens: number;
  /** Tokens of the decode aligned to an equal beam token. */
  readonly matches: number;
  /** Edit distance between the two sequences. */
  readonly distance: number;
  /** Steps before the first difference. */
  readonly commonPrefix: number;
  /** The sequences are identical. */
  readonly exact: boolean;
}

/** Agreement of `tokens` with `beam` (both with their final EOT, when they have one). */
export function agreementWithBeam(tokens: readonly number[], beam: readonly number[]): BeamAgreement {
  const a = alignTokens(tokens, beam);
  return { beamTokens: beam.length, matches: a.matches, distance: a.distance, commonPrefix: a.commonPrefix, exact: a.distance === 0 && tokens.length === beam.length };
}

/** Step-level agreement with beam's aligned token, on the greedy trajectory (teacher: beam; inputs: greedy's). */
export interface StepAgreement {
  /** Greedy steps with an aligned beam token. */
  readonly aligned: number;
  /** ... whose beam token is greedy's (slot 0). */
  readonly greedyRight: number;
  /** ... where the network's choice is beam's token. */
  readonly netRight: number;
  /** ... whose beam token is not among the top-k candidates (no choice of slot can match). */
  readonly outsideTopK: number;
  /** Steps where the network leaves slot 0. */
  readonly netChanged: number;
}

/** Scores `examples` with `net` (the TypeScript forward pass) and compares its choices and greedy's with beam's. */
export function stepAgreement(examples: readonly BeamnetExample[], net: Mlp): StepAgreement {
  const m = toMatrix(examples);
  const scores = net.forward(m.x, m.n);
  let aligned = 0;
  let greedyRight = 0;
  let netRight = 0;
  let outsideTopK = 0;
  let netChanged = 0;
  examples.forEach((e, r) => {
    const choice = argmaxValid(scores, r, m.valid);
    if (choice !== 0) netChanged++;
    if (e.label < 0) return;
    aligned++;
    if (e.label === BEAMNET_K) outsideTopK++;
    if (e.label === 0) greedyRight++;
    if (choice === e.label) netRight++;
  });
  return { aligned, greedyRight, netRight, outsideTopK, netChanged };
}
