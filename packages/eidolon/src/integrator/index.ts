export { StepTally } from './tally.js';
export { refreshDampFactors, dampStep, kick, drift, growMasses, kineticEnergy } from './kernels.js';
