/**
 * Phoneme counts of words from espeak-ng (`espeak-ng -q -x --sep=_`: ASCII phoneme mnemonics, one output line per input
 * line, phonemes separated by `_`). Words are phonemised once and cached; misses are sent in one batch (one process per
 * batch, not per word), so a decoder step that meets several new words spawns espeak-ng at most once.
 */
import { spawnSync } from 'node:child_process';
import { MissingToolError, RuntimeError } from '../../core/errors.js';

/** Phoneme counts of single words (letters and digits only; other characters are ignored). */
export interface Phonemizer {
  /** Phonemises every uncached word of `words` (one batch). */
  prepare(words: Iterable<string>): void;
  /** Phonemes of `word` (phonemised now if not prepared). Empty word: 0. */
  count(word: string): number;
}

export interface EspeakOptions {
  /** Voice (default `en-us`). */
  readonly voice?: string;
  /** Executable (default `espeak-ng`). */
  readonly command?: string;
}

/** Phonemes in one line of `-x --sep=_` output: `_`-separated units of every space-separated group, stress marks aside. */
export function countPhonemes(line: string): number {
  let n = 0;
  for (const group of line.trim().split(/\s+/)) {
    for (const unit of group.split('_')) if (unit.replace(/['`,%=]/g, '').length > 0) n++;
  }
  return n;
}

/** Lower-cased letters and digits of `text` (what is phonemised). */
export function wordKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export class EspeakPhonemizer implements Phonemizer {
  private readonly cache = new Map<string, number>();
  /** espeak-ng processes started (one per batch of misses). */
  spawns = 0;
  /** Milliseconds spent in espeak-ng. */
  spawnMs = 0;
  private readonly voice: string;
  private readonly command: string;

  constructor(options: EspeakOptions = {}) {
    this.voice = options.voice ?? 'en-us';
    this.command = options.command ?? 'espeak-ng';
  }

  /** Words cached so far. */
  get size(): number {
    return this.cache.size;
  }

  prepare(words: Iterable<string>): void {
    const missing = new Set<string>();
    for (const w of words) {
      const key = wordKey(w);
      if (key.length > 0 && !this.cache.has(key)) missing.add(key);
    }
    if (missing.size === 0) return;
    this.phonemise([...missing]);
  }

  /**
   * One espeak-ng run for `list`. espeak-ng normally answers one line per input line, but some inputs (symbols it
   * spells out, words it reads as numbers) come back as no line or several; then the batch is halved until every part
   * lines up, and a single word takes all its output.
   */
  private phonemise(list: readonly string[]): void {
    const started = performance.now();
    const run = spawnSync(this.command, ['-q', '-x', '--sep=_', '-v', this.voice], { input: list.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    this.spawns++;
    this.spawnMs += performance.now() - started;
    if (run.error !== undefined) {
      throw new MissingToolError('TOOL_NOT_FOUND', `could not run ${this.command}: ${run.error.message}`, { hint: 'Install espeak-ng (apt-get install espeak-ng) or switch the phoneme cost off (tokenCost "unit").', cause: run.error });
    }
    if (run.status !== 0) {
      throw new RuntimeError('PHONEMIZER_FAILED', `${this.command} exited with ${run.status}: ${run.stderr.trim()}`, { hint: 'Check the espeak-ng installation and voice.' });
    }
    const lines = run.stdout.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (list.length === 1) {
      this.cache.set(list[0] as string, lines.reduce((n, l) => n + countPhonemes(l), 0));
      return;
    }
    if (lines.length === list.length) {
      list.forEach((w, i) => this.cache.set(w, countPhonemes(lines[i] as string)));
      return;
    }
    const half = Math.ceil(list.length / 2);
    this.phonemise(list.slice(0, half));
    this.phonemise(list.slice(half));
  }

  count(word: string): number {
    const key = wordKey(word);
    if (key.length === 0) return 0;
    let n = this.cache.get(key);
    if (n === undefined) {
      this.prepare([key]);
      n = this.cache.get(key) as number;
    }
    return n;
  }
}
