/** The default stitching suite: fixed texts, window settings and seeds; and the pipelines it compares. */
import { readFileSync } from 'node:fs';
import {
  cleanupRepetitions,
  createLcsMerge,
  createLegacyMerge,
  createTimedMerge,
  RECOMMENDED_LEGACY,
  type CleanupOptions,
  type MergeAlgorithm,
  type MergedWord,
  type WindowTranscript,
} from '@cephalon/stt';
import { createRng } from './rng.js';
import { DEFAULT_RATES, simulateWindows, unchunkedHypothesis, type Provenance, type SimWindow } from './simulate.js';
import { SUITE_TEXTS } from './texts.js';
import { buildTimeline, genuineRepeatIndices, type RefWord } from './timeline.js';

/** Fixture 0 of stt-test-data.md (the reference transcript with its genuine "I'll work with the prompt" repeat). */
export const FIXTURE_DIR = new URL('../../../stt/test/fixtures/stt-test-data/', import.meta.url);

export function readFixture(id: string): string {
  return readFileSync(new URL(`fixture-${id}.txt`, FIXTURE_DIR), 'utf8');
}

export interface WindowSetting {
  readonly windowSec: number;
  readonly overlapSec: number;
}

/**
 * The default suite's window settings (all overlapping). Zero overlap is reported separately: with no second copy
 * of a boundary word, a cut or half-heard word cannot be recovered by any merge, so it is no test of the merge.
 */
export const WINDOW_SETTINGS: readonly WindowSetting[] = [
  { windowSec: 30, overlapSec: 1 },
  { windowSec: 30, overlapSec: 2 },
  { windowSec: 30, overlapSec: 5 },
  { windowSec: 15, overlapSec: 3 },
];
/** Zero-overlap settings (the requirements' mode for isolating de-duplication bugs), reported apart. */
export const ZERO_OVERLAP_SETTINGS: readonly WindowSetting[] = [{ windowSec: 30, overlapSec: 0 }];

export const SEEDS: readonly number[] = [11, 22, 33];

export interface SimCase {
  readonly name: string;
  readonly loops: boolean;
  readonly reference: readonly RefWord[];
  readonly referenceText: string;
  readonly unchunked: { readonly text: string; readonly prov: readonly Provenance[] };
  readonly windows: readonly SimWindow[];
  readonly genuine: ReadonlySet<number>;
}

export function suiteText(): string {
  return [...SUITE_TEXTS.map((t) => t.text), readFixture('00')].join(' ');
}

/**
 * Text-only cases (the prototype's own case, issue 12): 30 s windows whose overlaps hold about 10-60 words, each
 * new window starting with 1-3 mis-heard words (plus the cut boundary word, heard or not) before the passage the
 * previous window already transcribed, so the echoed passage starts at word 2-5. No stutter, no short echo, no
 * loops; the pipelines run on the words without times (confidences kept).
 */
export const TEXT_ONLY_SETTINGS: readonly WindowSetting[] = [
  { windowSec: 30, overlapSec: 5 },
  { windowSec: 30, overlapSec: 10 },
  { windowSec: 30, overlapSec: 18 },
  { windowSec: 30, overlapSec: 25 },
];
export const TEXT_ONLY_RATES = { ...DEFAULT_RATES, stutter: 0, echo: 0, leadInMax: 3 };

export function buildTextOnlySuite(): SimCase[] {
  return buildSuite(TEXT_ONLY_SETTINGS, TEXT_ONLY_RATES, [false]);
}

/** Every case of a suite (default: the default suite): each window setting x seed, without and with loops. */
export function buildSuite(settings: readonly WindowSetting[] = WINDOW_SETTINGS, baseRates = DEFAULT_RATES, loopModes: readonly boolean[] = [false, true]): SimCase[] {
  const text = suiteText();
  const cases: SimCase[] = [];
  for (const { windowSec, overlapSec } of settings) {
    for (const seed of SEEDS) {
      for (const loops of loopModes) {
        const rng = createRng(seed * 1000 + windowSec * 10 + overlapSec + (loops ? 7 : 0));
        const reference = buildTimeline(text, rng);
        const rates = { ...baseRates, loop: loops ? 0.5 : 0 };
        const hyp = unchunkedHypothesis(reference, rates, rng);
        cases.push({
          name: `${windowSec}s/${overlapSec}s seed ${seed}${loops ? ' loops' : ''}`,
          loops,
          reference,
          referenceText: text,
          unchunked: { text: hyp.map((h) => h.word.text).join(' '), prov: hyp.map((h) => h.prov) },
          windows: simulateWindows(reference, hyp, windowSec, overlapSec, rates, rng),
          genuine: genuineRepeatIndices(reference),
        });
      }
    }
  }
  return cases;
}

/** A stitching pipeline: a merge (with or without timestamps), then optionally the cleanup. */
export interface Pipeline {
  readonly name: string;
  readonly merge: MergeAlgorithm;
  readonly useTiming: boolean;
  /** Cleanup settings, or null for no cleanup. */
  readonly cleanup: CleanupOptions | null;
}

export const PIPELINES: readonly Pipeline[] = [
  { name: 'lcs', merge: createLcsMerge(), useTiming: true, cleanup: null },
  { name: 'lcs + cleanup', merge: createLcsMerge(), useTiming: true, cleanup: {} },
  { name: 'legacy (prototype)', merge: createLegacyMerge(), useTiming: true, cleanup: null },
  { name: 'legacy (recommended)', merge: createLegacyMerge(RECOMMENDED_LEGACY, 'legacy-recommended'), useTiming: true, cleanup: null },
  { name: 'timed', merge: createTimedMerge(), useTiming: true, cleanup: null },
  { name: 'timed + cleanup', merge: createTimedMerge(), useTiming: true, cleanup: {} },
  { name: 'timed + cleanup ignoring timing', merge: createTimedMerge(), useTiming: true, cleanup: { useTiming: false } },
  { name: 'timed, no timestamps', merge: createTimedMerge(), useTiming: false, cleanup: null },
  { name: 'timed, no timestamps + cleanup', merge: createTimedMerge(), useTiming: false, cleanup: {} },
  { name: 'timed, no timestamps, estimated-time joins only', merge: createTimedMerge({ textAlignWithoutTimes: false }), useTiming: false, cleanup: null },
];

/** The pipelines of the text-only suite: every one works on words without times. */
export const TEXT_ONLY_PIPELINES: readonly Pipeline[] = [
  { name: 'lcs', merge: createLcsMerge(), useTiming: false, cleanup: null },
  { name: 'lcs + cleanup', merge: createLcsMerge(), useTiming: false, cleanup: {} },
  { name: 'timed, no timestamps', merge: createTimedMerge(), useTiming: false, cleanup: null },
  { name: 'timed, no timestamps + cleanup', merge: createTimedMerge(), useTiming: false, cleanup: {} },
  { name: 'timed, no timestamps, estimated-time joins only', merge: createTimedMerge({ textAlignWithoutTimes: false }), useTiming: false, cleanup: null },
  { name: 'timed, no timestamps, estimated-time joins only + cleanup', merge: createTimedMerge({ textAlignWithoutTimes: false }), useTiming: false, cleanup: {} },
];

export interface PipelineOutput {
  readonly merged: readonly MergedWord[];
  readonly final: readonly MergedWord[];
  readonly text: string;
  readonly removals: number;
}

function stripTimes(w: WindowTranscript): WindowTranscript {
  return { ...w, words: w.words.map((x) => ({ text: x.text, ...(x.confidence === undefined ? {} : { confidence: x.confidence }) })) };
}

export function runPipeline(p: Pipeline, windows: readonly SimWindow[]): PipelineOutput {
  const ts = windows.map((w) => (p.useTiming ? w.transcript : stripTimes(w.transcript)));
  const merged = p.merge.merge(ts, { useTiming: p.useTiming });
  const cleaned = p.cleanup !== null ? cleanupRepetitions(merged.words, p.cleanup) : { words: merged.words, removals: [] };
  return { merged: merged.words, final: cleaned.words, text: cleaned.words.map((w) => w.text).join(' '), removals: cleaned.removals.length };
}
