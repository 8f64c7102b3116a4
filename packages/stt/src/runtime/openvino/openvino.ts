/**
 * Optional OpenVINO backend for the fixed-shape (NPU) export: `openvino-node`, loaded by dynamic import because it is
 * not a dependency (its install script downloads the OpenVINO runtime). Only the part of its API used here is typed
 * (`OpenVinoModule`), so the adapter is tested against a fake with the same surface. UNTESTED ON HARDWARE: no NPU and
 * no openvino-node install were available where this was written.
 */
import { RuntimeError } from '../../core/errors.js';

/** The subset of `openvino-node`'s `addon` used here. */
export interface OpenVinoModule {
  readonly addon: {
    readonly Core: new () => OpenVinoCore;
    readonly Tensor: new (type: 'f32' | 'i64', shape: number[], data: Float32Array | BigInt64Array) => OpenVinoTensor;
  };
}
export interface OpenVinoCore {
  compileModel(modelPath: string, deviceName: string, config?: Record<string, string | number | boolean>): Promise<OpenVinoCompiledModel>;
  getAvailableDevices(): string[];
}
export interface OpenVinoCompiledModel {
  createInferRequest(): OpenVinoInferRequest;
}
export interface OpenVinoInferRequest {
  inferAsync(inputs: Record<string, OpenVinoTensor>): Promise<Record<string, OpenVinoTensor>>;
}
export interface OpenVinoTensor {
  readonly data: Float32Array | BigInt64Array | ArrayLike<number>;
  getShape(): number[];
}

/** One input of a fixed-shape graph. */
export type OpenVinoFeed = { readonly type: 'f32'; readonly data: Float32Array; readonly dims: readonly number[] } | { readonly type: 'i64'; readonly data: BigInt64Array; readonly dims: readonly number[] };

export const OPENVINO_INSTALL_HINT =
  'Install OpenVINO for Node: `npm install openvino-node` (its install script downloads the OpenVINO runtime; needs network access), ' +
  'and an NPU driver for device NPU. Or use the ONNX Runtime backend (the default).';

/** Loads `openvino-node`; throws RuntimeError OPENVINO_MISSING with the install hint when it is not installed. */
export async function loadOpenVino(importer: () => Promise<unknown> = () => import(/* optional */ 'openvino-node' as string)): Promise<OpenVinoModule> {
  let mod: unknown;
  try {
    mod = await importer();
  } catch (cause) {
    throw new RuntimeError('OPENVINO_MISSING', `openvino-node is not installed (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`, { hint: OPENVINO_INSTALL_HINT, cause });
  }
  const addon = (mod as { addon?: unknown; default?: { addon?: unknown } }).addon ?? (mod as { default?: { addon?: unknown } }).default?.addon;
  if (addon === undefined || typeof (addon as { Core?: unknown }).Core !== 'function') {
    throw new RuntimeError('OPENVINO_MISSING', 'openvino-node loaded but has no addon.Core', { hint: OPENVINO_INSTALL_HINT });
  }
  return { addon } as OpenVinoModule;
}

/** A compiled fixed-shape graph with one reused infer request (section 4, item 7: one request per model). */
export class OpenVinoGraph {
  private constructor(
    private readonly ov: OpenVinoModule,
    private readonly request: OpenVinoInferRequest,
    readonly file: string,
    readonly device: string,
  ) {}

  /** Compiles `file` (an ONNX file of the static export, or its IR) on `device` (NPU, GPU, CPU). */
  static async compile(ov: OpenVinoModule, file: string, device: string): Promise<OpenVinoGraph> {
    const core = new ov.addon.Core();
    const available = core.getAvailableDevices();
    if (!available.includes(device)) {
      throw new RuntimeError('OPENVINO_DEVICE_MISSING', `OpenVINO device ${device} is not available (found: ${available.join(', ') || 'none'})`, { hint: 'Pick one of the listed devices, or install the device driver.', details: { device } });
    }
    try {
      return new OpenVinoGraph(ov, (await core.compileModel(file, device)).createInferRequest(), file, device);
    } catch (cause) {
      throw new RuntimeError('OPENVINO_COMPILE_FAILED', `OpenVINO could not compile ${file} for ${device}: ${cause instanceof Error ? cause.message : String(cause)}`, {
        hint: 'Use a fixed-shape export (`cephalon export --static`); NPUs need every shape fixed.',
        cause,
        details: { file, device },
      });
    }
  }

  /** Runs the graph; returns float32 outputs by name. */
  async run(feeds: Readonly<Record<string, OpenVinoFeed>>): Promise<Record<string, { data: Float32Array; dims: number[] }>> {
    const inputs: Record<string, OpenVinoTensor> = {};
    for (const [name, f] of Object.entries(feeds)) inputs[name] = new this.ov.addon.Tensor(f.type, [...f.dims], f.data);
    const out = await this.request.inferAsync(inputs);
    const result: Record<string, { data: Float32Array; dims: number[] }> = {};
    for (const [name, t] of Object.entries(out)) {
      if (t.data instanceof Float32Array) result[name] = { data: t.data, dims: t.getShape() };
    }
    return result;
  }
}
