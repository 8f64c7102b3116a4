/** Fills defaults into partial parameters and validates them once (typed errors on bad input). */
import { InvalidParameterError } from '../errors.js';
import { checkCircuits } from '../circuits/spec.js';
import { defaultParams } from './params.js';
import { checkSpaceParams } from '../space/space-params.js';
import type { FieldSpec, WellSpec, WorldParams, WorldParamsInput } from './params.js';

/** Largest dimension accepted (the hot loops are generic in n; this is a sanity bound). */
export const MAX_DIMS = 64;

export function resolveParams(input: WorldParamsInput = {}): WorldParams {
  const dims = input.dims ?? defaultParams().dims;
  if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMS) {
    throw new InvalidParameterError(`dims must be an integer in [1, ${MAX_DIMS}], got ${dims}`, 'pass e.g. dims: 8');
  }
  const p: WorldParams = { ...defaultParams(dims), ...input };
  checkInteger('agentCount', p.agentCount, 0);
  checkAxes('masses', p.masses, dims, (x) => x > 0);
  checkAxes('massGrowth', p.massGrowth, dims, (x) => x >= 0);
  checkAxes('damping', p.damping, dims, (x) => x >= 0);
  checkFinite('charge', p.charge);
  checkNonNegative('initialSpread', p.initialSpread);
  checkNonNegative('initialSpeed', p.initialSpeed);
  if (p.integrator !== 'velocity-verlet' && p.integrator !== 'symplectic-euler') {
    throw new InvalidParameterError(`unknown integrator '${String(p.integrator)}'`, "use 'velocity-verlet' or 'symplectic-euler'");
  }
  if (p.thermostat.kind === 'langevin') checkNonNegative('thermostat.temperature', p.thermostat.temperature);
  p.wells.forEach((w, i) => checkWell(w, i, dims));
  checkFinite('pairwise.gravity', p.pairwise.gravity);
  checkPositive('pairwise.softening', p.pairwise.softening);
  checkNonNegative('wind.amplitude', p.wind.amplitude);
  checkNonNegative('wind.spatialFrequency', p.wind.spatialFrequency);
  checkNonNegative('wind.timeFrequency', p.wind.timeFrequency);
  p.fields.forEach((f, i) => checkField(f, i, dims));
  if (p.boundary.kind === 'soft') {
    checkPositive('boundary.halfWidth', p.boundary.halfWidth);
    checkNonNegative('boundary.stiffness', p.boundary.stiffness);
  }
  if (!(p.maxAcceleration > 0)) throw new InvalidParameterError('maxAcceleration must be > 0', 'use Infinity to disable the clamp');
  if (p.energyLimit.kind === 'limited') {
    if (!(p.energyLimit.maxPerStep >= 0)) throw new InvalidParameterError(`energyLimit.maxPerStep must be >= 0, got ${p.energyLimit.maxPerStep}`, 'use Infinity for no fixed bound');
    checkNonNegative('energyLimit.internalFraction', p.energyLimit.internalFraction);
  } else if (p.energyLimit.kind !== 'none') {
    throw new InvalidParameterError(`energyLimit.kind must be 'none' or 'limited'`, "e.g. { kind: 'limited', maxPerStep: Infinity, internalFraction: 0.01 }");
  }
  checkPositive('maxImpulse', p.maxImpulse);
  checkPositive('maxLanguageForce', p.maxLanguageForce);
  checkNonNegative('internalEnergy.initial', p.internalEnergy.initial);
  checkNonNegative('internalEnergy.leakRate', p.internalEnergy.leakRate);
  checkInteger('ledger.checkEvery', p.ledger.checkEvery, 1);
  checkPositive('ledger.tolerance', p.ledger.tolerance);
  checkCircuits(p.circuits, dims);
  checkSpaceParams(p.space, dims);
  return p;
}

function checkWell(w: WellSpec, i: number, dims: number): void {
  checkAxes(`wells[${i}].centre`, w.centre, dims, Number.isFinite);
  if (w.kind === 'plummer') {
    checkFinite(`wells[${i}].strength`, w.strength);
    checkPositive(`wells[${i}].softening`, w.softening);
  } else if (typeof w.stiffness === 'number') {
    checkNonNegative(`wells[${i}].stiffness`, w.stiffness);
  } else {
    checkAxes(`wells[${i}].stiffness`, w.stiffness, dims, (x) => x >= 0);
  }
}

function checkField(f: FieldSpec, i: number, dims: number): void {
  checkNonNegative(`fields[${i}].diffusion`, f.diffusion);
  checkNonNegative(`fields[${i}].decay`, f.decay);
  checkFinite(`fields[${i}].coupling`, f.coupling);
  if (f.kind === 'grid') {
    if (f.shape.length !== dims) {
      throw new InvalidParameterError(`fields[${i}] is a ${f.shape.length}-D grid in a ${dims}-D world`, 'a grid field needs shape.length === dims (1 to 3)');
    }
    return;
  }
  if (f.kind !== 'blobs') throw new InvalidParameterError(`fields[${i}].kind must be 'blobs' or 'grid'`, 'use blobField() or gridField()');
  checkInteger(`fields[${i}].maxBlobs`, f.maxBlobs, 1);
  checkNonNegative(`fields[${i}].pruneBelow`, f.pruneBelow);
  checkInteger(`fields[${i}].initial.blobs`, f.initial.blobs, 0);
  checkNonNegative(`fields[${i}].initial.massStd`, f.initial.massStd);
  checkPositive(`fields[${i}].initial.width`, f.initial.width);
  checkNonNegative(`fields[${i}].initial.spread`, f.initial.spread);
}

/** Validates a per-axis array: length dims and every entry passing `ok`. */
export function checkAxes(name: string, xs: readonly number[], dims: number, ok: (x: number) => boolean): void {
  if (!Array.isArray(xs) || xs.length !== dims) {
    throw new InvalidParameterError(`${name} must have one entry per axis (${dims})`, `pass an array of length ${dims}`, {
      length: Array.isArray(xs) ? xs.length : -1,
    });
  }
  xs.forEach((x, k) => {
    if (typeof x !== 'number' || !Number.isFinite(x) || !ok(x)) {
      throw new InvalidParameterError(`${name}[${k}] = ${String(x)} is out of range`, `check ${name}`);
    }
  });
}

function checkFinite(name: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidParameterError(`${name} must be a finite number`, `check ${name}`);
}
function checkPositive(name: string, x: number): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new InvalidParameterError(`${name} must be > 0, got ${x}`, `check ${name}`);
}
function checkNonNegative(name: string, x: number): void {
  if (!(x >= 0) || !Number.isFinite(x)) throw new InvalidParameterError(`${name} must be >= 0, got ${x}`, `check ${name}`);
}
function checkInteger(name: string, x: number, min: number): void {
  if (!Number.isInteger(x) || x < min) throw new InvalidParameterError(`${name} must be an integer >= ${min}, got ${x}`, `check ${name}`);
}
