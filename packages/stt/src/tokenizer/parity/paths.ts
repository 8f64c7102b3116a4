/** Locations of the shared assets the tokenizer checks use (`<repo>/../shared`), resolved from this file. */
import { fileURLToPath } from 'node:url';

const SHARED = new URL('../../../../../../shared/', import.meta.url);

/** The random-weight Whisper folder with a multilingual tokenizer.json. */
export const SHARED_MODEL_DIR = fileURLToPath(new URL('models/whisper-dev-random', SHARED));
/** OpenAI's English (GPT-2) ranks. */
export const GPT2_TIKTOKEN = fileURLToPath(new URL('data/whisper-assets/gpt2.tiktoken', SHARED));
/** OpenAI's multilingual ranks. */
export const MULTILINGUAL_TIKTOKEN = fileURLToPath(new URL('data/whisper-assets/multilingual.tiktoken', SHARED));
