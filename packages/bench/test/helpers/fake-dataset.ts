/** Test helper: a manifest whose "audio" files hold their reference text (for the fake command engine). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa'.split(' ');

/** Writes `count` fake utterances and `manifest.jsonl` into `dir`; returns the manifest path. */
export function writeFakeDataset(dir: string, count: number): string {
  mkdirSync(join(dir, 'audio'), { recursive: true });
  const lines: string[] = [];
  for (let k = 0; k < count; k += 1) {
    const text = Array.from({ length: 5 + (k % 6) }, (_x, i) => WORDS[(k * 7 + i * 3) % WORDS.length]).join(' ');
    const file = `audio/u${String(k).padStart(3, '0')}.txt`;
    writeFileSync(join(dir, file), text);
    lines.push(JSON.stringify({ audio_filepath: file, duration: 1 + (k % 4) * 0.5, text }));
  }
  const manifest = join(dir, 'manifest.jsonl');
  writeFileSync(manifest, lines.join('\n') + '\n');
  return manifest;
}

/** The fake engine script's absolute path. */
export const FAKE_ENGINE = new URL('../fixtures/fake-engine.sh', import.meta.url).pathname;
