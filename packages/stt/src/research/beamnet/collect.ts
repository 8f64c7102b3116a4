/**
 * Training data from our own decoder (research-features §2.2): the same encoded window decoded greedily (features
 * captured at every step by a hook filter that only reads the row) and with beam search; the two token sequences
 * (each with its final EOT when the decode ended on one) aligned by edit distance (`align.ts`); each greedy step
 * labelled with the slot of beam's aligned token among the step's top-k candidates (§2.4.1 restricted to the top-k,
 * §2.5.5).
 */
import type { EncoderOutput } from '../../runtime/types.js';
import { decodeWindow } from '../../decoding/decode-window.js';
import type { WindowDecodeContext } from '../../decoding/decode-window.js';
import type { WindowDecodeOptions } from '../../decoding/options.js';
import { alignTokens } from './align.js';
import type { Alignment } from './align.js';
import type { BeamnetExample } from './dataset.js';
import { BEAMNET_K, FeatureExtractor } from './features.js';
import { DEFAULT_SAMPLE_LEN } from './rescorer.js';

/** One window to collect from. */
export interface CollectWindow {
  /** Audio id: windows of the same audio always land on the same side of the split. */
  readonly audio: string;
  /** Window id (audio plus offset). */
  readonly window: string;
  readonly encoder: EncoderOutput;
}

/** Per-window summary of the two decodes and their alignment. */
export interface WindowRecord {
  readonly audio: string;
  readonly window: string;
  /** Greedy's sampled tokens, with the final EOT when there was one. */
  readonly greedy: readonly number[];
  /** Beam's tokens, with the final EOT when there was one. */
  readonly beam: readonly number[];
  readonly alignment: Omit<Alignment, 'steps'>;
  /** Aligned steps whose beam token is among the step's top-k candidates. */
  readonly inTopK: number;
}

/** Options of the two decodes: `greedy` must be temperature-0 sampling; beam uses the same options with `beamSize`. */
export interface CollectOptions {
  readonly greedy: WindowDecodeOptions;
  readonly beamSize: number;
}

/** Greedy and beam on one window -> labelled greedy steps. */
export async function collectWindow(ctx: Omit<WindowDecodeContext, 'hooks'>, w: CollectWindow, options: CollectOptions): Promise<{ examples: BeamnetExample[]; record: WindowRecord }> {
  const s = options.greedy.strategy;
  if (s.kind !== 'sampling' || s.temperature !== 0) throw new RangeError('collectWindow: the greedy options must be temperature-0 sampling');
  const eot = ctx.tokenizer.eot;
  const captured: { features: number[]; candidates: number[] }[] = [];
  const greedy = await decodeWindow(
    {
      ...ctx,
      hooks: {
        beginWindow: (info) => {
          const extractor = new FeatureExtractor({ eot, timestampBegin: ctx.tokenizer.timestampBegin }, info.options.sampleLen ?? DEFAULT_SAMPLE_LEN);
          return {
            filters: [
              {
                apply(logits, tokens) {
                  extractor.extract(logits, tokens, info.sampleBegin);
                  captured.push({ features: Array.from(extractor.features), candidates: Array.from(extractor.candidates) });
                },
              },
            ],
          };
        },
      },
    },
    w.encoder,
    options.greedy,
  );
  const beam = await decodeWindow(ctx, w.encoder, { ...options.greedy, strategy: { kind: 'beam', beamSize: options.beamSize, patience: 1 } });
  const g = captured.length > greedy.tokens.length ? [...greedy.tokens, eot] : [...greedy.tokens];
  // A beam that stopped before the sample limit ended on EOT (which `tokens` leaves out).
  const sampleLen = options.greedy.sampleLen ?? Math.floor(ctx.decoder.dims.nTextCtx / 2);
  const b = beam.tokens.length < sampleLen ? [...beam.tokens, eot] : [...beam.tokens];
  if (captured.length !== g.length) throw new Error(`collectWindow ${w.window}: ${captured.length} captured steps for ${g.length} greedy tokens`);
  captured.forEach((c, t) => {
    if (c.candidates[0] !== g[t]) throw new Error(`collectWindow ${w.window}: step ${t} captured top-1 ${c.candidates[0]} but greedy chose ${g[t]}`);
  });
  const alignment = alignTokens(g, b);
  let inTopK = 0;
  const examples = captured.map((c, t): BeamnetExample => {
    const a = alignment.steps[t];
    const beamToken = a === undefined || a.op === 'ins' ? -1 : (b[a.beamIndex] as number);
    const slot = beamToken === -1 ? -1 : c.candidates.indexOf(beamToken);
    if (slot >= 0) inTopK++;
    return {
      audio: w.audio,
      window: w.window,
      step: t,
      features: c.features,
      candidates: c.candidates,
      greedyToken: g[t] as number,
      beamToken,
      op: a?.op ?? 'ins',
      label: beamToken === -1 ? -1 : slot === -1 ? BEAMNET_K : slot,
    };
  });
  const { matches, substitutions, insertions, deletions, distance, commonPrefix } = alignment;
  return { examples, record: { audio: w.audio, window: w.window, greedy: g, beam: b, alignment: { matches, substitutions, insertions, deletions, distance, commonPrefix }, inTopK } };
}
