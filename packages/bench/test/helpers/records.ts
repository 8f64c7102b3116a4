/** Test helper: hand-made result records for two engines and a swept parameter. */
import type { ResultRecord } from '../../src/index.js';

const REFS = [
  'the quick brown fox jumps over the lazy dog',
  'please call stella and ask her to bring these things',
  'we measured forty two samples at room temperature',
  'the train to boston leaves at seven fifteen',
  'every evening the old man walked along the river',
  'remember to back up your files before the update',
];

/** Drops every `k`-th word (k = 0: none) and appends `extra` words, deterministically. */
function corrupt(text: string, k: number, extra: string): string {
  const words = text.split(' ').filter((_w, i) => k === 0 || (i + 1) % k !== 0);
  return [...words, ...(extra === '' ? [] : [extra])].join(' ');
}

/** One record; `wallSec` grows with the utterance index so percentiles are predictable. */
function record(engine: string, params: Record<string, number>, swept: string[], i: number, hypothesis: string, wallSec: number, confidences?: number[]): ResultRecord {
  const configId = `${engine}${JSON.stringify(params)}`;
  const label = [engine, ...Object.entries(params).map(([k, v]) => `${k}=${v}`)].join(' ');
  return {
    type: 'result', key: `${configId}|set|u${i}`, configId, configLabel: label, engine, engineKind: 'test', params, swept,
    dataset: 'set', utteranceId: `u${i}`, audioPath: `/a/u${i}.wav`, reference: REFS[i] ?? '', hypothesis, audioSec: 2 + i,
    wallSec, ...(confidences === undefined ? {} : { tokens: 10, confidences }), finishedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Results of `good` (beam 1..3 sweep, with confidences) and `poor` (no confidences) on six utterances. */
export function sampleResults(): ResultRecord[] {
  const out: ResultRecord[] = [];
  REFS.forEach((ref, i) => {
    for (const beam of [1, 2, 3]) {
      out.push(record('good', { beam }, ['beam'], i, corrupt(ref, beam === 1 ? 4 : 0, i % 2 === 0 && beam < 3 ? 'um' : ''), 0.1 * (i + 1) * beam, [0.9 - 0.1 * (i % 3), 0.8]));
    }
    out.push(record('poor', {}, [], i, corrupt(ref, 2, 'noise'), 0.05 * (i + 1)));
  });
  return out;
}

/**
 * `sampleResults()` with what the distribution charts need: augmentation tags (clean / noise / speed), three timing
 * trials, time to first token and per-token texts and confidences for the `good` engine, and one slow outlier trial.
 */
export function sampleResultsWithDistributions(): ResultRecord[] {
  return sampleResults().map((r, n) => {
    const i = Number(r.utteranceId.slice(1));
    const tags = i % 3 === 1 ? { synthetic: true, aug_noise_snr_db: 15, aug_noise_seed: 7 + i } : i % 3 === 2 ? { synthetic: true, aug_speed: 1.1 } : { synthetic: true };
    if (r.engine !== 'good') return { ...r, tags };
    const words = r.hypothesis.split(' ');
    const trials = [r.wallSec, r.wallSec * 1.1, n === 0 ? r.wallSec * 40 : r.wallSec * 0.95];
    return {
      ...r, tags, wallSecTrials: trials, timeToFirstTokenSec: r.wallSec / 4, decoderSteps: words.length + 1,
      tokenTexts: words.map((w) => ` ${w}`), confidences: words.map((_w, k) => (k % 4 === 3 ? 0.2 : 0.95 - 0.05 * (k % 3))),
    };
  });
}

/**
 * `configurations` (default six) configurations whose scatter points lie close together: the same hypotheses (so the same WER) and wall times
 * within 1% per configuration of each other, plus one far-away `poor` configuration.
 */
export function crowdedScatterResults(configurations = 6): ResultRecord[] {
  const out: ResultRecord[] = [];
  REFS.forEach((ref, i) => {
    for (let temperature = 0; temperature < configurations; temperature++) {
      out.push(record('close', { temperature }, ['temperature'], i, corrupt(ref, 4, temperature % 2 === 0 ? '' : 'um'), 0.1 * (i + 1) * (1 + 0.01 * temperature)));
    }
    out.push(record('poor', {}, [], i, corrupt(ref, 2, 'noise'), 0.05 * (i + 1)));
  });
  return out;
}
