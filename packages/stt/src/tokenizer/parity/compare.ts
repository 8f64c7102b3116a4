/** Runs the tokenizer under test and the tiktoken reference on the same strings and counts differences. */
import type { WhisperTokenizer } from '../whisper-tokenizer.js';
import { tiktokenEncode, type TiktokenRanks } from './tiktoken-reference.js';

export interface ParityResult {
  readonly compared: number;
  /** Strings whose ids differ from the reference. */
  readonly mismatches: number;
  /** Strings where `decode(encode(s)) !== s`. */
  readonly roundTripFailures: number;
  /** Total ids produced (for scale). */
  readonly tokens: number;
  /** The first few differences, for the report. */
  readonly examples: readonly { readonly text: string; readonly ours: readonly number[]; readonly reference: readonly number[] }[];
}

const MAX_EXAMPLES = 5;

export function compareWithTiktoken(tok: WhisperTokenizer, ranks: TiktokenRanks, texts: readonly string[]): ParityResult {
  let mismatches = 0;
  let roundTripFailures = 0;
  let tokens = 0;
  const examples: { text: string; ours: number[]; reference: number[] }[] = [];
  for (const text of texts) {
    const ours = tok.encode(text);
    const reference = tiktokenEncode(text, ranks);
    tokens += ours.length;
    if (ours.length !== reference.length || ours.some((id, i) => id !== reference[i])) {
      mismatches++;
      if (examples.length < MAX_EXAMPLES) examples.push({ text, ours, reference });
    }
    if (tok.decode(ours) !== text) roundTripFailures++;
  }
  return { compared: texts.length, mismatches, roundTripFailures, tokens, examples };
}
