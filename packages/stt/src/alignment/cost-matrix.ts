/**
 * The token × frame cost of OpenAI's `find_alignment` (whisper/timing.py) from the alignment heads' cross-attention
 * weights: softmax over the window's real frames only, standardisation of each frame over the tokens, a median
 * filter along time, the mean over heads, the rows of the text tokens, negated. Values are kept in float32 between
 * steps, as PyTorch computes them, so that DTW sees the same numbers up to float rounding.
 */
import { medianFilterRows } from './median-filter.js';

/** OpenAI's default median filter width (`medfilt_width`). */
export const MEDIAN_FILTER_WIDTH = 7;

/** The DTW input: `rows` (text tokens + 1) × `cols` (audio frames / 2), row-major float64. */
export interface AlignmentCost {
  readonly cost: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export interface CostOptions {
  /** Heads in `weights`. */
  readonly heads: number;
  /** Tokens fed (`sot sequence + <|notimestamps|> + text + <|endoftext|>`). */
  readonly seqLen: number;
  /** Encoder positions per row of `weights` (1500). */
  readonly frames: number;
  /** Mel frames of audio in the window (OpenAI `num_frames`); frames past `numFrames / 2` are padding and dropped. */
  readonly numFrames: number;
  /** Length of the start-of-transcript sequence (OpenAI `len(tokenizer.sot_sequence)`). */
  readonly sotLength: number;
  /** Median filter width (odd); default 7. */
  readonly medianFilterWidth?: number;
  /** OpenAI `qk_scale` (1.0). Applied to log-weights: softmax(scale · qk) ∝ weights^scale. */
  readonly qkScale?: number;
}

/**
 * @param weights `[heads, seqLen, frames]` softmax cross-attention weights (as `WhisperDecoder.crossAttentions` returns)
 * @returns `null` when the window has no audio frame to align to
 */
export function alignmentCost(weights: Float32Array, options: CostOptions): AlignmentCost | null {
  const { heads, seqLen, frames, sotLength } = options;
  const cols = Math.min(frames, Math.floor(options.numFrames / 2));
  const rows = seqLen - 1 - sotLength;
  if (cols < 1 || rows < 1) return null;
  const scale = options.qkScale ?? 1;
  const w = new Float32Array(heads * seqLen * cols);
  // Softmax over the first `cols` frames = the full softmax renormalised over them.
  for (let r = 0; r < heads * seqLen; r++) {
    const src = r * frames;
    const dst = r * cols;
    let sum = 0;
    for (let c = 0; c < cols; c++) {
      const v = scale === 1 ? (weights[src + c] as number) : Math.pow(weights[src + c] as number, scale);
      w[dst + c] = v;
      sum += v;
    }
    for (let c = 0; c < cols; c++) w[dst + c] = (w[dst + c] as number) / sum;
  }
  // Standardise each frame over the tokens (torch.std_mean(dim=-2, unbiased=False)); row-major passes, the sums per
  // frame still run over the tokens in order.
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  for (let h = 0; h < heads; h++) {
    const base = h * seqLen * cols;
    mean.fill(0);
    variance.fill(0);
    for (let t = 0; t < seqLen; t++) {
      const row = base + t * cols;
      for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) + (w[row + c] as number);
    }
    for (let c = 0; c < cols; c++) mean[c] = Math.fround((mean[c] as number) / seqLen);
    for (let t = 0; t < seqLen; t++) {
      const row = base + t * cols;
      for (let c = 0; c < cols; c++) {
        const d = (w[row + c] as number) - (mean[c] as number);
        variance[c] = (variance[c] as number) + d * d;
      }
    }
    for (let c = 0; c < cols; c++) variance[c] = Math.fround(Math.sqrt((variance[c] as number) / seqLen));
    for (let t = 0; t < seqLen; t++) {
      const row = base + t * cols;
      for (let c = 0; c < cols; c++) w[row + c] = Math.fround((w[row + c] as number) - (mean[c] as number)) / (variance[c] as number);
    }
  }
  const filtered = medianFilterRows(w, heads * seqLen, cols, options.medianFilterWidth ?? MEDIAN_FILTER_WIDTH);
  // Mean over heads of the text rows, negated.
  const cost = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const t = sotLength + r;
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let h = 0; h < heads; h++) sum = Math.fround(sum + (filtered[(h * seqLen + t) * cols + c] as number));
      cost[r * cols + c] = -Math.fround(sum / heads);
    }
  }
  return { cost, rows, cols };
}
