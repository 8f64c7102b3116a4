/** Python's `round(x, ndigits)` on floats: the decimal nearest to the exact binary value, exact halves to even. */
export function pythonRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) return x;
  // `toFixed` rounds the exact binary value too, but sends exact halves (0.125 at 2 digits) away from zero; find
  // those from the exact decimal expansion (`toFixed(100)` is exact for |x| < 1e21).
  const exact = Math.abs(x).toFixed(100);
  const rest = exact.slice(exact.indexOf('.') + 1 + ndigits);
  if (/^50*$/.test(rest)) {
    const unit = 10 ** ndigits;
    const down = Math.floor(Math.abs(x) * unit);
    return (Math.sign(x) * (down % 2 === 0 ? down : down + 1)) / unit;
  }
  return Number(x.toFixed(ndigits));
}
