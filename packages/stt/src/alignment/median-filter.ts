/**
 * OpenAI's `median_filter` (whisper/timing.py): a median of width `width` along the last axis, with reflect padding
 * (the edge value is not repeated). Hand-written because the result must equal PyTorch's sort-based median exactly,
 * NaN ordered last as `torch.sort` does.
 */

/** a > b in `torch.sort` order (NaN is the largest value). */
function after(a: number, b: number): boolean {
  return a > b || (Number.isNaN(a) && !Number.isNaN(b));
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
  const window = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      for (let k = 0; k < width; k++) {
        let idx = c + k - pad;
        if (idx < 0) idx = -idx;
        else if (idx >= cols) idx = 2 * (cols - 1) - idx;
        // Insertion sort into the small window (width 7 by default).
        const v = data[base + idx] as number;
        let p = k;
        while (p > 0 && after(window[p - 1] as number, v)) {
          window[p] = window[p - 1] as number;
          p--;
        }
        window[p] = v;
      }
      out[base + c] = window[pad] as number;
    }
  }
  return out;
}
