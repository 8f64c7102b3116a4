/**
 * @cephalon/eidolon: the mental-state field simulation (physics core).
 * See docs/eidolon.md for the equations, parameters and acceptance numbers.
 */
export { EidolonError, InvalidParameterError, UnknownAgentError, UnstableStepError, SnapshotError } from './errors.js';
export type { EidolonErrorDetails, EidolonErrorOptions } from './errors.js';
export { createWorld, restoreWorld, World } from './sim/index.js';
export type { AgentInit, AgentView, DriveSpec, WorldEvent, WorldListener, WorldSnapshot, JsonValue } from './sim/index.js';
export { defaultParams, defaultMasses, defaultMassGrowth, blobField, gridField, DEFAULT_DIMS, MUTABLE_CIRCUITS, resolveParams } from './state/index.js';
export type {
  WorldParams, WorldParamsInput, WellSpec, FieldSpec, BlobFieldSpec, GridFieldSpec, ThermostatSpec, BoundarySpec, IntegratorKind,
} from './state/index.js';
export { BlobField, GridField } from './fields/index.js';
export type { ScalarField, FieldSource, FieldLedger, FieldState } from './fields/index.js';
export { WORK_CHANNELS } from './energy/index.js';
export type { LedgerReport, PotentialParts, WorkChannel } from './energy/index.js';
export { RandomStream, deriveStream } from './random/index.js';
export * from './circuits/index.js';
export { defaultSpaceParams, trailSpec, particleSpec } from './space/index.js';
export type { SpaceParams, TrailSpec, ParticleSpec, ObstacleSpec, ExclusionSpec, SpaceLedger, TrailLedger, ParticleLedger } from './space/index.js';
// Input interface, theory of mind, agent loop and tools (see docs/eidolon-loop.md).
export * from './input/index.js';
export * from './mind/index.js';
export * from './loop/index.js';
export * from './tools/index.js';
