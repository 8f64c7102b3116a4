/**
 * OpenAI's `non_speech_tokens`: ids of symbols that are not speech (brackets, music notes, speaker-turn marks),
 * suppressed when `suppress_tokens` contains -1. Computed from the vocabulary as OpenAI does, so it is right for
 * every Whisper vocabulary.
 */

/** Single characters to suppress. */
const SYMBOL_CHARS = '"#()*+/:;<=>@[\\]^_`{|}~「」『』';
/** Multi-character symbols to suppress. */
const SYMBOL_WORDS = '<< >> <<< >>> -- --- -( -[ (\' (" (( )) ((( ))) [[ ]] {{ }} ♪♪ ♪♪♪'.split(' ');
/**
 * Music symbols (U+2640..U+267F): their 3-byte UTF-8 forms share the first two bytes, so the first token is
 * suppressed even when a symbol takes several tokens.
 */
const MISCELLANEOUS = [...'♩♪♫♬♭♮♯'];

/**
 * Ids to suppress: the first token of `" -"` and `" '"` (hyphen and quote are allowed inside words, not at their
 * start), and for every symbol, alone and after a space, its id when it is a single token (music symbols: the
 * first token in any case). Sorted ascending.
 */
export function computeNonSpeechTokens(encode: (text: string) => readonly number[]): number[] {
  const result = new Set<number>();
  for (const lead of [' -', " '"]) {
    const first = encode(lead)[0];
    if (first !== undefined) result.add(first);
  }
  const misc = new Set(MISCELLANEOUS);
  for (const symbol of [...SYMBOL_CHARS, ...SYMBOL_WORDS, ...MISCELLANEOUS]) {
    for (const tokens of [encode(symbol), encode(` ${symbol}`)]) {
      const first = tokens[0];
      if (first !== undefined && (tokens.length === 1 || misc.has(symbol))) result.add(first);
    }
  }
  return [...result].sort((a, b) => a - b);
}
