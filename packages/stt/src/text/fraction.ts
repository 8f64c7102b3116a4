/**
 * The small part of Python's `fractions.Fraction` the number normaliser uses: parse a decimal string
 * exactly and multiply by an integer.
 */
import { asciiDigits } from './python-text.js';

/** An exact rational `num / den` with `den > 0`, not necessarily reduced. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

/** Python's `Fraction(str)` syntax restricted to what the normaliser can produce: `[+-]digits[.digits]`. */
const DECIMAL = /^[+-]?(?=\p{Nd}|\.\p{Nd})(\p{Nd}*)(?:\.(\p{Nd}*))?$/u;

/** Parses like `Fraction(s)`; returns null where Python raises `ValueError`. Unicode digits are accepted. */
export function parseFraction(s: string): Fraction | null {
  const m = DECIMAL.exec(s);
  if (m === null) return null;
  const whole = asciiDigits(m[1] ?? '');
  const decimals = asciiDigits(m[2] ?? '');
  const sign = s.startsWith('-') ? -1n : 1n;
  const num = BigInt((whole + decimals) || '0') * sign;
  return { num, den: 10n ** BigInt(decimals.length) };
}

/** True when the fraction is an integer (Python: `f.denominator == 1` after reduction). */
export function isInteger(f: Fraction): boolean {
  return f.num % f.den === 0n;
}

/** The integer value of an integral fraction (caller checks {@link isInteger}). */
export function integerValue(f: Fraction): bigint {
  return f.num / f.den;
}

/** `f * k`. */
export function times(f: Fraction, k: bigint): Fraction {
  return { num: f.num * k, den: f.den };
}
