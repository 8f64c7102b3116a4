export { SpaceModel } from './space-model.js';
export type { SpaceLedger } from './space-model.js';
export { defaultSpaceParams, spaceEnabled, trailSpec, particleSpec, checkSpaceParams } from './space-params.js';
export type { SpaceParams, TrailSpec, ParticleSpec, ObstacleSpec, ExclusionSpec } from './space-params.js';
export type { TrailLedger } from './trails.js';
export type { ParticleLedger } from './particles.js';
