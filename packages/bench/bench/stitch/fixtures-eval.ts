/**
 * The cleanup on the real prototype outputs of stt-test-data.md: WER of fixtures 1, 3, 4, 8 and 9 against fixture 0,
 * before and after `cleanupText`, with Whisper's English normaliser on both sides.
 */
import { cleanupText } from '@cephalon/stt';
import { compare, type CompareOptions } from '../../src/metrics/compare.js';
import { readFixture } from './suite.js';

/** Fixtures with echoed phrases or repeated passages. */
export const ECHO_FIXTURES: readonly string[] = ['01', '03', '04', '08', '09'];
/** Every model-output fixture of stt-test-data.md, and the reference itself. */
export const ALL_FIXTURES: readonly string[] = ['00', '01', '03', '04', '05', '06', '07', '08', '09', '10', '11'];

/** `whisper-english` with the spelling map bundled in @cephalon/stt (OpenAI's english.json). */
export function fixtureNormalizer(): CompareOptions & { readonly label: string } {
  return { normalizer: 'whisper-english', label: 'whisper-english' };
}

export interface FixtureRow {
  readonly id: string;
  readonly werBefore: number;
  readonly werAfter: number;
  readonly removals: number;
}

export function evaluateFixtures(ids: readonly string[] = ECHO_FIXTURES): FixtureRow[] {
  const opts = fixtureNormalizer();
  const reference = readFixture('00');
  return ids.map((id) => {
    const raw = readFixture(id);
    const cleaned = cleanupText(raw);
    return {
      id,
      werBefore: compare(raw, reference, opts).words.wer,
      werAfter: compare(cleaned.text, reference, opts).words.wer,
      removals: cleaned.removals.length,
    };
  });
}
