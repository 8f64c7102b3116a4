export { CIRCUIT_COUNT, CIRCUIT_LOWER, checkCircuits, driveLevelCircuits } from './spec.js';
export type { CircuitModulation, CircuitSite, CircuitsSpec, DriveLevelSpec } from './spec.js';
export { circuitGain, circuitStep, siteWeight } from './dynamics.js';
export { Circuits, circuitInputsFromAffect } from './circuits.js';
export type { CircuitView } from './circuits.js';
