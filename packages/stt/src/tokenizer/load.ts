/** Loading a Whisper tokenizer from a model folder. */
import { readTokenizerFiles } from './read-files.js';
import { buildByteVocabulary } from './vocabulary.js';
import { resolveSpecialTokens } from './special-tokens.js';
import { WhisperTokenizer } from './whisper-tokenizer.js';

/**
 * Reads `tokenizer.json` (or `vocab.json` + `merges.txt` + `added_tokens.json`) and, when present,
 * `generation_config.json` / `config.json` of a Hugging Face style Whisper folder.
 * @throws TokenizerError naming the folder and the files expected when they are missing or inconsistent.
 * @example
 * const tok = await loadTokenizer('models/whisper-base');
 * tok.decode(tok.encode(' Hello')); // ' Hello'
 */
export async function loadTokenizer(modelDir: string): Promise<WhisperTokenizer> {
  const files = await readTokenizerFiles(modelDir);
  const vocab = buildByteVocabulary(files);
  return new WhisperTokenizer(vocab, resolveSpecialTokens(files, vocab), modelDir);
}
