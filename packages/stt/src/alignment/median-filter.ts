/**
 * OpenAI's `median_filter` (whisper/timing.py): a median of width `width` along the last axis, with reflect padding
 * (the edge value is not repeated). Hand-written because the result must equal PyTorch's sort-based median exactly,
 * NaN ordered last as `torch.sort` does.
 */

/** a > b in `torch.sort` order (NaN is the largest value). */
function after(a: number, b: number): boolean {
  return a > b || (a !== a && b === b); // a !== a: NaN, without a call in the hot loop
}

/**
 * Filters `rows` rows of `cols` values each (`data` row-major) into a new array. Rows of at most `width >> 1`
 * values are returned unchanged, as OpenAI does. `width` must be odd.
 */
export function medianFilterRows(data: Float32Array, rows: number, cols: number, width: number): Float32Array {
  if (width < 1 || width % 2 !== 1) throw new RangeError(`median filter width must be odd and positive, got ${width}`);
  const pad = width >> 1;
  const out = new Float32Array(data.length);
  if (cols <= pad) {
    out.set(data);
    return out;
  }
  // Per row: the reflect-padded values, and a sorted window updated by one removal and one insertion per step.
  const padded = new Float64Array(cols + 2 * pad);
  const sorted = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let k = 0; k < padded.length; k++) {
      let idx = k - pad;
      if (idx < 0) idx = -idx;
      else if (idx >= cols) idx = 2 * (cols - 1) - idx;
      padded[k] = data[base + idx] as number;
    }
    for (let k = 0; k < width; k++) insert(sorted, k, padded[k] as number);
    for (let c = 0; c < cols; c++) {
      out[base + c] = sorted[pad] as number;
      if (c + width < padded.length) {
        remove(sorted, width, padded[c] as number);
        insert(sorted, width - 1, padded[c + width] as number);
      }
    }
  }
  return out;
}

/** Inserts `v` into the sorted first `n` values of `a`. */
function insert(a: Float64Array, n: number, v: number): void {
  let p = n;
  while (p > 0 && after(a[p - 1] as number, v)) {
    a[p] = a[p - 1] as number;
    p--;
  }
  a[p] = v;
}

/** Removes one copy of `v` from the sorted first `n` values of `a`. */
function remove(a: Float64Array, n: number, v: number): void {
  let p = 0;
  const nan = Number.isNaN(v);
  while (p < n - 1 && !(nan ? Number.isNaN(a[p] as number) : a[p] === v)) p++;
  for (; p < n - 1; p++) a[p] = a[p + 1] as number;
}
