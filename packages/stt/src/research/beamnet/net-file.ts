/**
 * The trained network as a small JSON file: layer sizes, the feature list it was trained on, float32 parameters as
 * base64 (little-endian), and how it was trained (seed, options, data digest) so the training script can reproduce it.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { BEAMNET_K, N_FEATURES, featureNames } from './features.js';
import { Mlp } from './mlp.js';
import type { DenseLayer } from './mlp.js';

export const BEAMNET_FORMAT = 'cephalon-beamnet';
export const BEAMNET_VERSION = 1;

/** What the file says about training (free-form numbers and strings, for reproduction). */
export type TrainingNote = Readonly<Record<string, string | number | readonly string[] | readonly number[]>>;

interface NetFile {
  readonly format: string;
  readonly version: number;
  readonly k: number;
  readonly features: readonly string[];
  readonly sizes: readonly number[];
  readonly mean: string;
  readonly invStd: string;
  readonly layers: readonly { readonly weight: string; readonly bias: string }[];
  readonly training: TrainingNote;
}

function toBase64(values: Float64Array): string {
  const f = Float32Array.from(values);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('base64');
}

function fromBase64(text: unknown, length: number, field: string, file: string): Float64Array {
  if (typeof text !== 'string') throw bad(file, field, 'is missing');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== length * 4) throw bad(file, field, `holds ${bytes.length / 4} values, expected ${length}`);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

function bad(file: string, field: string, what: string): InvalidOptionError {
  return new InvalidOptionError('INVALID_BEAMNET_FILE', `${file}: field '${field}' ${what}`, {
    hint: 'Write the file with `cephalon research beamnet train` (or `writeBeamnetJson`).',
    details: { file, field },
  });
}

/** Serialises `net` (its parameters are written as float32). */
export function writeBeamnetJson(net: Mlp, training: TrainingNote): string {
  const file: NetFile = {
    format: BEAMNET_FORMAT,
    version: BEAMNET_VERSION,
    k: BEAMNET_K,
    features: featureNames(),
    sizes: [net.inputs, ...net.layers.map((l) => l.outputs)],
    mean: toBase64(net.scaling.mean),
    invStd: toBase64(net.scaling.invStd),
    layers: net.layers.map((l) => ({ weight: toBase64(l.weight), bias: toBase64(l.bias) })),
    training,
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/**
 * Reads a network file; `name` is used in errors. Throws `InvalidOptionError` naming the field when the file is not
 * a beamnet file of this version and feature list.
 */
export function readBeamnetJson(text: string, name: string): { net: Mlp; training: TrainingNote } {
  let raw: Partial<NetFile>;
  try {
    raw = JSON.parse(text) as Partial<NetFile>;
  } catch (cause) {
    throw new InvalidOptionError('INVALID_BEAMNET_FILE', `${name}: not JSON (${(cause as Error).message})`, { hint: 'Pass a file written by `cephalon research beamnet train`.', details: { file: name } });
  }
  if (raw.format !== BEAMNET_FORMAT) throw bad(name, 'format', `is not '${BEAMNET_FORMAT}'`);
  if (raw.version !== BEAMNET_VERSION) throw bad(name, 'version', `is ${String(raw.version)}, this build reads ${BEAMNET_VERSION}`);
  if (raw.k !== BEAMNET_K || JSON.stringify(raw.features) !== JSON.stringify(featureNames())) throw bad(name, 'features', 'differ from this build\'s feature list (retrain)');
  const sizes = raw.sizes;
  if (!Array.isArray(sizes) || sizes.length < 2 || sizes[0] !== N_FEATURES || sizes[sizes.length - 1] !== BEAMNET_K || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw bad(name, 'sizes', `must run from ${N_FEATURES} to ${BEAMNET_K}`);
  if (!Array.isArray(raw.layers) || raw.layers.length !== sizes.length - 1) throw bad(name, 'layers', `must hold ${sizes.length - 1} layers`);
  const layers: DenseLayer[] = raw.layers.map((l, i) => {
    const inputs = sizes[i] as number;
    const outputs = sizes[i + 1] as number;
    return { inputs, outputs, weight: fromBase64(l.weight, inputs * outputs, `layers[${i}].weight`, name), bias: fromBase64(l.bias, outputs, `layers[${i}].bias`, name) };
  });
  const scaling = { mean: fromBase64(raw.mean, N_FEATURES, 'mean', name), invStd: fromBase64(raw.invStd, N_FEATURES, 'invStd', name) };
  return { net: new Mlp(layers, scaling), training: raw.training ?? {} };
}
