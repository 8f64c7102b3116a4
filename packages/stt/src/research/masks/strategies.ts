/**
 * The mask experiments of research section 5.2 as named strategies, and the pure function that fills one step's inputs.
 *
 * What the exported mask really does (`export/static-graphs.ts`): the int64 `attention_mask [1, N]` becomes
 * `blocked = (mask == 0)` and the self-attention scores of blocked slots are replaced by -inf before the softmax. So
 * any non-zero value means "attend fully" (2 is the same as 1; it is NOT turned into a large positive bias), and a
 * graded value cannot be expressed in that input at all. Graded strategies therefore use the research export's float
 * input `attention_bias [1, N]` (`exportWhisper(..., { static: true, attentionBias: true })`), added to the scores after
 * the blocking: a weight `m` in (0, 1] becomes the log-weight `ln m`, which multiplies that slot's softmax numerator by m.
 */
import { InvalidOptionError } from '../../core/errors.js';

export type MaskStrategy =
  /** Ones for slots 0..position: the dynamic decoder's causal mask. */
  | { readonly kind: 'exact' }
  /** The prototype's floor: at least `floor` slots marked valid (unwritten slots hold zeros). */
  | { readonly kind: 'floor'; readonly floor: number }
  /** Feasibility probe: the int64 value `value` (instead of 1) on every attended slot. */
  | { readonly kind: 'int-value'; readonly value: number }
  /** Local attention: only the last `width` slots (the current one included). */
  | { readonly kind: 'window'; readonly width: number }
  /** Graded: slot j gets weight `gamma^(position - j)` (recency decay), bias `ln` of it. */
  | { readonly kind: 'decay'; readonly gamma: number }
  /** Incrementing counter (section 5.2.2): slot j has counter j + 1, bias `alpha * ln(j + 1)` (later slots favoured). */
  | { readonly kind: 'counter'; readonly alpha: number }
  /** Confidence-driven, hard: within the last `frame` slots, block those whose token probability is below `threshold`. */
  | { readonly kind: 'confidence'; readonly frame: number; readonly threshold: number }
  /** Confidence-driven, graded: within the last `frame` slots, bias `beta * ln(p)` from each slot's token probability. */
  | { readonly kind: 'confidence-soft'; readonly frame: number; readonly beta: number };

/** Whether a strategy needs the graph's `attention_bias` input. */
export function needsBias(s: MaskStrategy): boolean {
  return s.kind === 'decay' || s.kind === 'counter' || s.kind === 'confidence-soft';
}

/** Whether a strategy reads per-slot token confidences. */
export function needsConfidence(s: MaskStrategy): boolean {
  return s.kind === 'confidence' || s.kind === 'confidence-soft';
}

/** A short name for tables, e.g. `window w=4`. */
export function strategyName(s: MaskStrategy): string {
  switch (s.kind) {
    case 'exact':
      return 'exact';
    case 'floor':
      return `floor ${s.floor}`;
    case 'int-value':
      return `int value ${s.value}`;
    case 'window':
      return `window w=${s.width}`;
    case 'decay':
      return `decay g=${s.gamma}`;
    case 'counter':
      return `counter a=${s.alpha}`;
    case 'confidence':
      return `conf hard f=${s.frame} t=${s.threshold}`;
    case 'confidence-soft':
      return `conf soft f=${s.frame} b=${s.beta}`;
  }
}

function bad(field: string, value: number, hint: string): never {
  throw new InvalidOptionError('INVALID_MASK_OPTION', `mask strategy option ${field}: ${value} is not valid`, { hint, details: { option: field } });
}

/** Checks a strategy's parameters (typed error naming the field). */
export function checkStrategy(s: MaskStrategy, cacheLength: number): void {
  switch (s.kind) {
    case 'floor':
      if (!Number.isInteger(s.floor) || s.floor < 0) bad('floor', s.floor, 'give a whole number of slots, e.g. 128');
      break;
    case 'int-value':
      if (!Number.isInteger(s.value) || s.value < 1) bad('value', s.value, 'give a whole number >= 1 (0 blocks the slot)');
      break;
    case 'window':
      if (!Number.isInteger(s.width) || s.width < 1) bad('width', s.width, 'give a whole number of slots >= 1, e.g. 4');
      break;
    case 'decay':
      if (!(s.gamma > 0 && s.gamma <= 1)) bad('gamma', s.gamma, 'give a weight in (0, 1], e.g. 0.9');
      break;
    case 'counter':
      if (!Number.isFinite(s.alpha)) bad('alpha', s.alpha, 'give a finite number, e.g. 1');
      break;
    case 'confidence':
    case 'confidence-soft':
      if (!Number.isInteger(s.frame) || s.frame < 1 || s.frame > Math.min(224, cacheLength)) bad('frame', s.frame, `give a whole number in 1..${Math.min(224, cacheLength)}`);
      if (s.kind === 'confidence' && !(s.threshold >= 0 && s.threshold <= 1)) bad('threshold', s.threshold, 'give a probability in [0, 1], e.g. 0.1');
      if (s.kind === 'confidence-soft' && !(Number.isFinite(s.beta) && s.beta >= 0)) bad('beta', s.beta, 'give a finite number >= 0, e.g. 1');
      break;
    default:
      break;
  }
}

/** Smallest probability used in `ln p` (a slot of probability 0 would otherwise get -inf). */
export const MIN_CONFIDENCE = 1e-6;

/**
 * Fills the inputs of one step feeding `position`. `mask` (length N) must come as the exact mask (ones on
 * 0..position, zeros after) and `bias` (when not null) as zeros; `confidence[j]` is the probability of the token in slot j
 * (1 for prompt tokens). The current slot is never blocked, so a row always attends to something.
 */
export function fillMask(s: MaskStrategy, position: number, mask: BigInt64Array, bias: Float32Array | null, confidence: Float32Array | null): void {
  const n = mask.length;
  switch (s.kind) {
    case 'exact':
      return;
    case 'floor':
      mask.fill(1n, 0, Math.min(n, Math.max(position + 1, s.floor)));
      return;
    case 'int-value':
      mask.fill(BigInt(s.value), 0, position + 1);
      return;
    case 'window':
      mask.fill(0n, 0, Math.max(0, position + 1 - s.width));
      return;
    case 'decay':
      if (bias === null) return;
      for (let j = 0; j <= position; j++) bias[j] = (position - j) * Math.log(s.gamma);
      return;
    case 'counter':
      if (bias === null) return;
      for (let j = 0; j <= position; j++) bias[j] = s.alpha * Math.log(j + 1);
      return;
    case 'confidence':
    case 'confidence-soft': {
      if (confidence === null) return;
      for (let j = Math.max(0, position + 1 - s.frame); j < position; j++) {
        const p = confidence[j] as number;
        if (s.kind === 'confidence') {
          if (p < s.threshold) mask[j] = 0n;
        } else if (bias !== null) bias[j] = s.beta * Math.log(Math.max(p, MIN_CONFIDENCE));
      }
      return;
    }
  }
}

/**
 * A strategy from its short spelling: `exact`, `floor:128`, `int:2`, `window:4`, `decay:0.9`, `counter:1`,
 * `confidence:FRAME:THRESHOLD`, `confidence-soft:FRAME:BETA`.
 * @example parseMaskStrategy('window:4') // { kind: 'window', width: 4 }
 */
export function parseMaskStrategy(text: string): MaskStrategy {
  const [kind, ...args] = text.trim().split(':');
  const nums = args.map(Number);
  const want = (n: number): void => {
    if (nums.length !== n || nums.some((x) => !Number.isFinite(x))) {
      throw new InvalidOptionError('INVALID_MASK_OPTION', `mask strategy '${text}' needs ${n} number${n === 1 ? '' : 's'} after '${kind}:'`, { hint: 'e.g. exact, floor:128, int:2, window:4, decay:0.9, counter:1, confidence:224:0.05, confidence-soft:224:1', details: { option: 'strategy' } });
    }
  };
  switch (kind) {
    case 'exact':
      want(0);
      return { kind: 'exact' };
    case 'floor':
      want(1);
      return { kind: 'floor', floor: nums[0] as number };
    case 'int':
      want(1);
      return { kind: 'int-value', value: nums[0] as number };
    case 'window':
      want(1);
      return { kind: 'window', width: nums[0] as number };
    case 'decay':
      want(1);
      return { kind: 'decay', gamma: nums[0] as number };
    case 'counter':
      want(1);
      return { kind: 'counter', alpha: nums[0] as number };
    case 'confidence':
      want(2);
      return { kind: 'confidence', frame: nums[0] as number, threshold: nums[1] as number };
    case 'confidence-soft':
      want(2);
      return { kind: 'confidence-soft', frame: nums[0] as number, beta: nums[1] as number };
    default:
      throw new InvalidOptionError('INVALID_MASK_OPTION', `unknown mask strategy '${text}'`, { hint: 'use exact, floor:N, int:V, window:W, decay:G, counter:A, confidence:F:T or confidence-soft:F:B', details: { option: 'strategy' } });
  }
}
