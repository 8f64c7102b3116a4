/**
 * The network inside the greedy loop (research-features §2.7): at every greedy step the filtered row's features go
 * through the network (an ONNX Runtime session, `runtime/onnx/dense-net.ts`), and when it scores another top-k
 * candidate above greedy's token (by more than `minGain`), the two tokens' logits are swapped, so the argmax becomes
 * the network's choice and the corrected token is fed back to the decoder. Swapping keeps the row's distribution
 * (entropy, confidence) as it was; only which token holds the top logit changes. Beam search and sampling at a
 * temperature above 0 are left alone (the hook returns nothing for those attempts).
 */
import type { DecodeHooks, WindowHookInfo } from '../../decoding/decode-hooks.js';
import { BEAMNET_K, FeatureExtractor, N_FEATURES } from './features.js';
import type { FeatureTokens } from './features.js';

/** Scores `n` feature rows: what an ONNX Runtime `DenseNetSession` (or the TypeScript forward pass) provides. */
export interface StepScorer {
  run(x: Float32Array, n: number): Promise<ArrayLike<number>>;
}

/** One rescored step (for tests and analysis). */
export interface RescoreEvent {
  readonly step: number;
  readonly features: Float32Array;
  readonly candidates: Int32Array;
  readonly scores: ArrayLike<number>;
  /** Slot chosen (0 = greedy's token kept). */
  readonly choice: number;
}

export interface BeamnetRescorerOptions {
  readonly scorer: StepScorer;
  readonly tokens: FeatureTokens;
  /** A candidate replaces greedy's token only when its score beats slot 0's by more than this. Default 0. */
  readonly minGain?: number;
  /** Called after each step with a copy of what the network saw and chose. */
  readonly onStep?: (event: RescoreEvent) => void;
}

/** Counters of a rescorer over all windows it saw. */
export interface BeamnetStats {
  /** Greedy steps the network scored. */
  steps: number;
  /** Steps where it replaced greedy's token. */
  changed: number;
}

/** Default `sampleLen` (`nTextCtx / 2` of every Whisper model) when the options leave it to the decoder. */
export const DEFAULT_SAMPLE_LEN = 224;

/**
 * Decode hooks that run the network at each greedy (temperature 0) step.
 * @example
 * const net = await openDenseNet(mlpToOnnx(trained));
 * const { hooks, stats } = beamnetHooks({ scorer: net, tokens: tokenizer });
 * const result = await decodeWindow({ decoder, tokenizer, hooks }, encoded, options);
 */
export function beamnetHooks(options: BeamnetRescorerOptions): { hooks: DecodeHooks; stats: BeamnetStats } {
  const stats: BeamnetStats = { steps: 0, changed: 0 };
  const minGain = options.minGain ?? 0;
  const beginWindow = (info: WindowHookInfo) => {
    const s = info.options.strategy;
    if (s.kind !== 'sampling' || s.temperature !== 0) return undefined;
    const extractor = new FeatureExtractor(options.tokens, info.options.sampleLen ?? DEFAULT_SAMPLE_LEN);
    let x = new Float32Array(N_FEATURES);
    let candidates = new Int32Array(BEAMNET_K);
    return {
      rescore: async (logits: readonly Float32Array[], tokens: readonly (readonly number[])[]) => {
        const n = logits.length;
        if (x.length < n * N_FEATURES) {
          x = new Float32Array(n * N_FEATURES);
          candidates = new Int32Array(n * BEAMNET_K);
        }
        for (let b = 0; b < n; b++) {
          extractor.extract(logits[b] as Float32Array, tokens[b] as readonly number[], info.sampleBegin);
          x.set(extractor.features, b * N_FEATURES);
          candidates.set(extractor.candidates, b * BEAMNET_K);
        }
        const scores = await options.scorer.run(x, n);
        for (let b = 0; b < n; b++) {
          const row = logits[b] as Float32Array;
          const c0 = b * BEAMNET_K;
          let choice = 0;
          for (let j = 1; j < BEAMNET_K; j++) {
            if ((candidates[c0 + j] as number) >= 0 && (scores[c0 + j] as number) > (scores[c0 + choice] as number)) choice = j;
          }
          if (choice !== 0 && (scores[c0 + choice] as number) - (scores[c0] as number) <= minGain) choice = 0;
          stats.steps++;
          if (choice !== 0) {
            stats.changed++;
            const kept = candidates[c0] as number;
            const chosen = candidates[c0 + choice] as number;
            const top = row[kept] as number;
            row[kept] = row[chosen] as number;
            row[chosen] = top;
          }
          options.onStep?.({
            step: (tokens[b] as readonly number[]).length - info.sampleBegin,
            features: x.slice(b * N_FEATURES, (b + 1) * N_FEATURES),
            candidates: candidates.slice(c0, c0 + BEAMNET_K),
            scores: Array.from({ length: BEAMNET_K }, (_, j) => scores[c0 + j] as number),
            choice,
          });
        }
      },
    };
  };
  return { hooks: { beginWindow }, stats };
}
