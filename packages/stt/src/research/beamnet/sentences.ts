/** Seeded English-word sentences for synthetic (text-to-speech) audio sources of the experiment. */
import { seededUniform } from './mlp.js';

const WORDS = (
  'the a one two three little big red green blue house river mountain city morning evening train window music paper garden ' +
  'walks runs sings opens closes reads writes finds keeps brings slowly quickly quietly never always today tomorrow near ' +
  'under over before after because while and but with from into about seven eleven hundred people answer question story'
).split(' ');

/** `n` sentences of 6 to 14 words, the same for the same seed. */
export function seededSentences(n: number, seed: number): string[] {
  const rand = seededUniform(seed);
  return Array.from({ length: n }, () => `${Array.from({ length: 6 + Math.floor(rand() * 9) }, () => WORDS[Math.floor(rand() * WORDS.length)] as string).join(' ')}.`);
}
