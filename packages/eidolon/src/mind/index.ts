export { OtherMinds, DEFAULT_PLACEMENT } from './others.js';
export type { PlacementParams } from './others.js';
export { applyScoredEvent } from './apply-event.js';
export type { ApplyOptions, AppliedEvent } from './apply-event.js';
