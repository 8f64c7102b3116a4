export { World, createWorld, restoreWorld } from './world.js';
export type { AgentInit, AgentView, DriveSpec } from './world.js';
export type { WorldEvent, WorldListener } from './world-core.js';
export type { WorldSnapshot, JsonValue } from './snapshot.js';
