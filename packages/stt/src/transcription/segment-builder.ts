/** Turning a window's token ranges into `Segment` values (OpenAI's `new_segment`, plus per-token details). */
import type { Segment, Token } from '../core/types.js';
import type { DecodingTokenizer, WindowResult } from '../decoding/index.js';
import type { WindowSegment } from './window-segments.js';

/** Text tokens of `result.tokens[range]` with their log-probability, confidence and margin. */
function detailedTokens(result: WindowResult, range: WindowSegment, tokenizer: DecodingTokenizer): Token[] {
  const out: Token[] = [];
  for (let i = range.tokenStart; i < range.tokenEnd; i++) {
    const id = result.tokens[i] as number;
    const step = result.steps[i];
    if (id >= tokenizer.eot || step === undefined) continue;
    out.push({ id, text: tokenizer.decode([id]), logprob: step.logprob, confidence: step.confidence, margin: step.margin });
  }
  return out;
}

/**
 * Builds the segment; an instantaneous segment or one without text is kept but emptied (text, tokens), as OpenAI
 * does.
 */
export function buildSegment(
  id: number,
  seek: number,
  range: WindowSegment,
  result: WindowResult,
  tokenizer: DecodingTokenizer,
): Segment {
  const tokenIds = result.tokens.slice(range.tokenStart, range.tokenEnd);
  const text = tokenizer.decode(tokenIds.filter((t) => t < tokenizer.eot));
  const empty = range.startSec === range.endSec || text.trim() === '';
  return {
    id,
    seek,
    startSec: range.startSec,
    endSec: range.endSec,
    text: empty ? '' : text,
    tokenIds: empty ? [] : tokenIds,
    tokens: empty ? [] : detailedTokens(result, range, tokenizer),
    temperature: result.temperature,
    avgLogprob: result.avgLogprob,
    compressionRatio: result.compressionRatio,
    noSpeechProb: result.noSpeechProb,
  };
}
