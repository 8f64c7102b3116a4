/** Python's `round(x, ndigits)` on floats: the decimal nearest to the exact binary value, exact halves to even. */
export function pythonRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) return x;
  const unit = 10 ** ndigits;
  // `toFixed` rounds the exact binary value too, but sends exact halves (0.125 at 2 digits) away from zero.
  const twice = Math.round(x * 2 * unit);
  if (Math.abs(twice) % 2 === 1 && twice / (2 * unit) === x) {
    const down = Math.floor(twice / 2);
    return (down % 2 === 0 ? down : down + 1) / unit;
  }
  return Number(x.toFixed(ndigits));
}
