/**
 * The one place where a window decode is assembled from its parts: logit filters, token decoder, group size.
 */
import { TIME_PRECISION } from '../core/constants.js';
import { BeamSearchDecoder } from './beam-search.js';
import type { BeamCostFn } from './decode-hooks.js';
import { GreedyDecoder } from './greedy.js';
import type { TokenDecoder } from './hypothesis.js';
import type { LogitFilter } from './logit-filters.js';
import { ApplyTimestampRules, NoRepeatNgram, RepetitionPenalty, SuppressBlank, SuppressTokens } from './logit-filters.js';
import type { WindowDecodeOptions } from './options.js';
import { SeededRandom } from './prng.js';
import { suppressedTokenIds } from './suppress.js';
import type { DecodingTokenizer } from './tokenizer-view.js';

/**
 * Filters in OpenAI's order (blank, suppress, timestamp rules), with the optional repetition controls placed
 * before the timestamp rules so that the rules see the final scores.
 */
export function buildLogitFilters(
  tokenizer: DecodingTokenizer,
  options: WindowDecodeOptions,
  sampleBegin: number,
): LogitFilter[] {
  const filters: LogitFilter[] = [];
  if (options.suppressBlank) filters.push(new SuppressBlank([...tokenizer.encode(' '), tokenizer.eot], sampleBegin));
  filters.push(new SuppressTokens(suppressedTokenIds(tokenizer, options.suppressTokens)));
  if (options.repetitionPenalty !== 1) filters.push(new RepetitionPenalty(options.repetitionPenalty, sampleBegin));
  if (options.noRepeatNgramSize > 0) filters.push(new NoRepeatNgram(options.noRepeatNgramSize, sampleBegin));
  if (!options.withoutTimestamps) {
    const maxIndex =
      options.maxInitialTimestampSec === null || options.maxInitialTimestampSec === 0
        ? null
        : Math.round(options.maxInitialTimestampSec / TIME_PRECISION);
    filters.push(new ApplyTimestampRules(tokenizer, sampleBegin, maxIndex));
  }
  return filters;
}

/** Rows decoded together: beams, or `bestOf` samples at temperature > 0, else 1. */
export function groupSize(options: WindowDecodeOptions): number {
  const s = options.strategy;
  if (s.kind === 'beam') return s.beamSize;
  return s.temperature > 0 ? s.bestOf : 1;
}

/** Greedy/sampling or beam search, per `options.strategy`. */
export function buildTokenDecoder(options: WindowDecodeOptions, eot: number, beamCost?: BeamCostFn): TokenDecoder {
  const s = options.strategy;
  if (s.kind === 'beam') return new BeamSearchDecoder(s.beamSize, s.patience, eot, beamCost);
  return new GreedyDecoder(s.temperature, eot, s.temperature > 0 ? new SeededRandom(options.seed) : null);
}

/** Temperature reported for a decode (beam search runs at 0). */
export function strategyTemperature(options: WindowDecodeOptions): number {
  return options.strategy.kind === 'beam' ? 0 : options.strategy.temperature;
}
