/**
 * Writer goldens: each case renders a hand-built transcript and compares the text byte for byte with
 * `packages/stt/test/golden/writers/<case>`. Regenerate deliberately with
 * `CEPHALON_UPDATE_GOLDEN=1 node scripts/run-tests.mjs packages/stt/src/writers` and review the diff.
 * Every SRT/VTT golden must also be accepted by ffmpeg's subtitle demuxers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTranscript } from './index.js';
import type { OutputFormat, WriterOptions } from './index.js';
import { fixtureTranscript } from './test-support/fixtures.js';

const GOLDEN_DIR = fileURLToPath(new URL('../../test/golden/writers/', import.meta.url));
const UPDATE = process.env['CEPHALON_UPDATE_GOLDEN'] === '1';

interface GoldenCase {
  readonly name: string;
  readonly words: boolean;
  readonly format: OutputFormat;
  readonly options?: WriterOptions;
}

const CASES: readonly GoldenCase[] = [
  ...(['txt', 'vtt', 'srt', 'tsv', 'json'] as const).map((format) => ({ name: `segments.${format}`, words: false, format })),
  { name: 'segments-translate.json', words: false, format: 'json', options: { task: 'translate', jsonIndent: 2 } },
  { name: 'segments-line-options-ignored.srt', words: false, format: 'srt', options: { maxLineWidth: 10, maxLineCount: 1, highlightWords: true } },
  ...(['vtt', 'srt', 'json'] as const).map((format) => ({ name: `words.${format}`, words: true, format })),
  { name: 'words-width20-count2.srt', words: true, format: 'srt', options: { maxLineWidth: 20, maxLineCount: 2 } },
  { name: 'words-width20-count2.vtt', words: true, format: 'vtt', options: { maxLineWidth: 20, maxLineCount: 2 } },
  { name: 'words-width16.srt', words: true, format: 'srt', options: { maxLineWidth: 16 } },
  { name: 'words-per-line3.srt', words: true, format: 'srt', options: { maxWordsPerLine: 3 } },
  { name: 'words-highlight.vtt', words: true, format: 'vtt', options: { highlightWords: true } },
  { name: 'words-highlight-width20-count1.srt', words: true, format: 'srt', options: { highlightWords: true, maxLineWidth: 20, maxLineCount: 1 } },
];

function render(c: GoldenCase): string {
  return formatTranscript(fixtureTranscript(c.words), c.format, c.options ?? {});
}

test('writer output equals the golden files byte for byte', () => {
  if (UPDATE) mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const c of CASES) {
    const path = join(GOLDEN_DIR, c.name);
    const actual = render(c);
    if (UPDATE) writeFileSync(path, actual, 'utf8');
    assert.ok(existsSync(path), `golden ${c.name} is missing; run with CEPHALON_UPDATE_GOLDEN=1 to create it`);
    assert.equal(actual, readFileSync(path, 'utf8'), `golden ${c.name} differs`);
  }
});

test('every golden file belongs to a case (no stale goldens)', () => {
  const names = new Set(CASES.map((c) => c.name));
  for (const file of readdirSync(GOLDEN_DIR)) assert.ok(names.has(file), `stale golden ${file}`);
});

function ffmpegAvailable(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** `[startMs, endMs]` of every cue timing line (`00:00:01,080 --> ...` or `00:01.080 --> ...`). */
function cueTimes(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const line of text.split('\n')) {
    const m = /^(?:(\d+):)?(\d\d):(\d\d)[,.](\d{3}) --> (?:(\d+):)?(\d\d):(\d\d)[,.](\d{3})$/.exec(line);
    if (m === null) continue;
    const ms = (h: string | undefined, mi: string, s: string, f: string): number => ((Number(h ?? 0) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Number(f);
    out.push([ms(m[1], m[2] as string, m[3] as string, m[4] as string), ms(m[5], m[6] as string, m[7] as string, m[8] as string)]);
  }
  return out;
}

test('ffmpeg reads every SRT and VTT golden with the same cues and times', (t) => {
  if (!ffmpegAvailable()) {
    t.skip('ffmpeg is not installed: cannot check that the subtitle goldens parse');
    return;
  }
  const files = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.srt') || f.endsWith('.vtt'));
  assert.ok(files.length >= 8, `expected the subtitle goldens, found ${files.length}`);
  for (const file of files) {
    const path = join(GOLDEN_DIR, file);
    const asSrt = spawnSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', path, '-f', 'srt', '-'], { encoding: 'utf8' });
    assert.equal(asSrt.status, 0, `ffmpeg rejected ${file}: ${asSrt.stderr}`);
    assert.equal(asSrt.stderr, '', `ffmpeg complained about ${file}: ${asSrt.stderr}`);
    const ours = cueTimes(readFileSync(path, 'utf8'));
    assert.ok(ours.length > 0, `${file} has no cues`);
    assert.deepEqual(cueTimes(asSrt.stdout), ours, `ffmpeg read other cues from ${file}`);
  }
});
