/**
 * The word-by-word state machine of Whisper's `EnglishNumberNormalizer.process_words`: spelled-out numbers
 * become digits, successive single digits concatenate (`one oh one` -> `101`), currencies and signs become
 * prefixes, `percent` a suffix. Python's int/str duality of the running value is kept: a `bigint` adds
 * (`twenty` + `one` = 21), a `string` concatenates (`nineteen` `ninety` -> `1990`).
 */
import { isInteger, integerValue, parseFraction, times, type Fraction } from './fraction.js';
import {
  DECIMALS, FOLLOWING_PREFIXERS, MULTIPLIERS, MULTIPLIERS_SUFFIXED, NUMBER_WORDS, ONES, ONES_SUFFIXED,
  PER_FOLLOWER, PER_WORD, PERCENT_SIGN, PERCENT_WORD, PRECEDING_PREFIXERS, PREFIXES, SPECIALS, TENS,
  TENS_SUFFIXED, ZEROS, type Suffixed,
} from './number-vocabulary.js';

/** The running number: none yet, an integer (adds), or a digit string (concatenates). */
type Value = bigint | string | null;

const ARABIC_NUMBER = /^\p{Nd}+(\.\p{Nd}+)?$/u;

/** Python truthiness of the value, for `str(value or "")`. */
function orEmpty(v: Value): string {
  return v === null || v === 0n || v === '' ? '' : String(v);
}

function toFraction(v: bigint | string): Fraction | null {
  return typeof v === 'bigint' ? { num: v, den: 1n } : parseFraction(v);
}

/** Python `before + residual * multiplier` with `before = value // 1000 * 1000` (value >= 0). */
function scale(value: bigint, multiplier: bigint): bigint {
  return (value / 1000n) * 1000n + (value % 1000n) * multiplier;
}

/** Adds `n` to an integer value when its lower `place` digits are zero, else concatenates. */
function addOrAppend(value: bigint, n: bigint, place: bigint): bigint | string {
  return value % place === 0n ? value + n : `${value}${n}`;
}

/** One pass over a word list; create one per call. */
class NumberWordProcessor {
  private prefix: string | null = null;
  private value: Value = null;
  private skip = false;
  private readonly out: string[] = [];

  run(words: readonly string[]): string[] {
    for (let i = 0; i < words.length; i += 1) {
      if (this.skip) {
        this.skip = false;
        continue;
      }
      this.step(words[i - 1] ?? null, words[i] ?? '', words[i + 1] ?? null);
    }
    if (this.value !== null) this.emit(this.value);
    return this.out;
  }

  /** Python `output()`: prefix the result, reset value and prefix, yield. */
  private emit(result: bigint | string): void {
    this.out.push((this.prefix ?? '') + String(result));
    this.value = null;
    this.prefix = null;
  }

  private flush(): void {
    if (this.value !== null) this.emit(this.value);
  }

  private step(prev: string | null, current: string, next: string | null): void {
    const nextIsNumeric = next !== null && ARABIC_NUMBER.test(next);
    const hasPrefix = PREFIXES.has(current[0] ?? '');
    const bare = hasPrefix ? current.slice(1) : current;
    if (ARABIC_NUMBER.test(bare)) this.arabic(current, bare, hasPrefix);
    else if (!NUMBER_WORDS.has(current)) {
      this.flush();
      this.emit(current);
    } else if (ZEROS.has(current)) this.value = `${orEmpty(this.value)}0`;
    else if (ONES.has(current)) this.value = this.withOnes(prev, ONES.get(current) ?? 0n);
    else if (ONES_SUFFIXED.has(current)) this.onesSuffixed(prev, ONES_SUFFIXED.get(current) ?? [0n, '']);
    else if (TENS.has(current)) this.tens(TENS.get(current) ?? 0n);
    else if (TENS_SUFFIXED.has(current)) this.tensSuffixed(TENS_SUFFIXED.get(current) ?? [0n, '']);
    else if (MULTIPLIERS.has(current)) this.multiplier(MULTIPLIERS.get(current) ?? 1n);
    else if (MULTIPLIERS_SUFFIXED.has(current)) this.multiplierSuffixed(MULTIPLIERS_SUFFIXED.get(current) ?? [1n, '']);
    else if (PRECEDING_PREFIXERS.has(current)) this.precedingPrefixer(current, next, nextIsNumeric);
    else if (FOLLOWING_PREFIXERS.has(current)) this.followingPrefixer(current);
    else if (current === PER_WORD || current === PERCENT_WORD) this.suffixer(current, next);
    else if (SPECIALS.has(current)) this.special(prev, current, next, nextIsNumeric);
  }

  private arabic(current: string, bare: string, hasPrefix: boolean): void {
    const f = toFraction(bare);
    if (f === null) return; // unreachable: ARABIC_NUMBER always parses
    if (this.value !== null) {
      if (typeof this.value === 'string' && this.value.endsWith('.')) {
        this.value = this.value + current; // decimals / ip address components
        return;
      }
      this.emit(this.value);
    }
    this.prefix = hasPrefix ? (current[0] ?? null) : this.prefix;
    this.value = isInteger(f) ? integerValue(f) : bare;
  }

  /** The value after appending a ones word (1..19); shared by the cardinal and suffixed forms. */
  private withOnes(prev: string | null, ones: bigint): Value {
    const value = this.value;
    if (value === null) return ones;
    if (typeof value === 'string' || (prev !== null && ONES.has(prev))) {
      if (prev !== null && TENS.has(prev) && ones < 10n) return `${String(value).slice(0, -1)}${ones}`;
      return `${value}${ones}`;
    }
    return addOrAppend(value, ones, ones < 10n ? 10n : 100n);
  }

  private onesSuffixed(prev: string | null, [ones, suffix]: Suffixed): void {
    this.emit(`${this.withOnes(prev, ones)}${suffix}`);
    this.value = null;
  }

  private tens(tens: bigint): void {
    const value = this.value;
    if (value === null) this.value = tens;
    else if (typeof value === 'string') this.value = `${value}${tens}`;
    else this.value = addOrAppend(value, tens, 100n);
  }

  private tensSuffixed([tens, suffix]: Suffixed): void {
    const value = this.value;
    if (value === null) this.emit(`${tens}${suffix}`);
    else if (typeof value === 'string') this.emit(`${value}${tens}${suffix}`);
    else this.emit(`${addOrAppend(value, tens, 100n)}${suffix}`);
  }

  private multiplier(multiplier: bigint): void {
    const value = this.value;
    if (value === null) this.value = multiplier;
    else if (typeof value === 'string' || value === 0n) {
      const f = toFraction(value);
      if (f !== null && isInteger(times(f, multiplier))) this.value = integerValue(times(f, multiplier));
      else {
        this.emit(value);
        this.value = multiplier;
      }
    } else this.value = scale(value, multiplier);
  }

  private multiplierSuffixed([multiplier, suffix]: Suffixed): void {
    const value = this.value;
    if (value === null) this.emit(`${multiplier}${suffix}`);
    else if (typeof value === 'string') {
      const f = toFraction(value);
      if (f !== null && isInteger(times(f, multiplier))) this.emit(`${integerValue(times(f, multiplier))}${suffix}`);
      else {
        this.emit(value);
        this.emit(`${multiplier}${suffix}`);
      }
    } else this.emit(`${scale(value, multiplier)}${suffix}`);
    this.value = null;
  }

  private precedingPrefixer(current: string, next: string | null, nextIsNumeric: boolean): void {
    this.flush();
    if ((next !== null && NUMBER_WORDS.has(next)) || nextIsNumeric) this.prefix = PRECEDING_PREFIXERS.get(current) ?? null;
    else this.emit(current);
  }

  private followingPrefixer(current: string): void {
    if (this.value !== null) {
      this.prefix = FOLLOWING_PREFIXERS.get(current) ?? null;
      this.emit(this.value);
    } else this.emit(current);
  }

  private suffixer(current: string, next: string | null): void {
    const value = this.value;
    if (value === null) this.emit(current);
    else if (current === PERCENT_WORD) this.emit(`${value}${PERCENT_SIGN}`);
    else if (next === PER_FOLLOWER) {
      this.emit(`${value}${PERCENT_SIGN}`);
      this.skip = true;
    } else {
      this.emit(value);
      this.emit(current);
    }
  }

  private special(prev: string | null, current: string, next: string | null, nextIsNumeric: boolean): void {
    if (!(next !== null && NUMBER_WORDS.has(next)) && !nextIsNumeric) {
      this.flush();
      this.emit(current);
    } else if (current === 'and') {
      if (prev === null || !MULTIPLIERS.has(prev)) {
        this.flush();
        this.emit(current);
      }
    } else if (current === 'double' || current === 'triple') {
      if (next !== null && (ONES.has(next) || ZEROS.has(next))) {
        const digit = String(ONES.get(next) ?? 0n);
        this.value = orEmpty(this.value) + digit.repeat(current === 'double' ? 2 : 3);
        this.skip = true;
      } else {
        this.flush();
        this.emit(current);
      }
    } else if (next !== null && (DECIMALS.has(next) || nextIsNumeric)) {
      this.value = `${orEmpty(this.value)}.`; // "point" before a decimal; otherwise the word is dropped, as upstream
    }
  }
}

/**
 * Python `EnglishNumberNormalizer.process_words`: maps a word list to its number-normalised word list.
 * @example processNumberWords(['twenty', 'nineteen']) // ['2019']
 */
export function processNumberWords(words: readonly string[]): string[] {
  return new NumberWordProcessor().run(words);
}
