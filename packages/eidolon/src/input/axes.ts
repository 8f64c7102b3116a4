/**
 * The eight circuit axes the scorers write (spec A2.1), in coordinate order, and their clamp range.
 * A score is a direction of change in the mental field: +1 / -1 are the poles named below.
 */
export const AXES = [
  'safety', // circuit 1: +trust (affection, help) / -fear (threat)
  'status', // circuit 2: +assertive (praise, confidence) / -submissive (challenge, put-down)
  'coherence', // circuit 3: +reasoned, meaningful / -nonsense, confusion
  'moral', // circuit 4: +in-group, confirmation / -violation, accusation
  'body', // circuit 5: +smooth, calm / -jagged, agitated
  'plasticity', // circuit 6: +open to change (questions, novelty) / -rigid
  'identity', // circuit 7: +self-reference, persona / -self-effacing
  'coupling', // circuit 8: +"we", shared / -isolated
] as const;

export type AxisName = (typeof AXES)[number];

/** Number of circuit axes a score has. */
export const AXIS_COUNT = AXES.length;
/** Every per-axis score is clamped to [-AFFECT_LIMIT, AFFECT_LIMIT]. */
export const AFFECT_LIMIT = 1;

/** Clamps x to [-AFFECT_LIMIT, AFFECT_LIMIT]; non-finite values become 0 (a refusal maps to zero force, spec A4.6.3). */
export function clampAffect(x: number): number {
  if (!Number.isFinite(x)) return 0;
  // `+ 0` turns -0 into +0: JSON writes -0 as 0, so a -0 would not survive a snapshot bit-exactly.
  return Math.max(-AFFECT_LIMIT, Math.min(AFFECT_LIMIT, x)) + 0;
}

/** Clamps x to [0, 1]; non-finite becomes 0. */
export function clampUnit(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
}
