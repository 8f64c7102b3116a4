/**
 * The trained network as an ONNX graph, written with the exporter's graph builder (`export/onnx-builder.ts`, the
 * `onnx-proto` schema): `features [batch, inputs]` -> Sub(mean) -> Mul(1/std) -> (MatMul, Add, Relu)... -> MatMul,
 * Add -> `scores [batch, classes]`, float32 initializers holding exactly the network's (float32-rounded) parameters.
 */
import { DT, GraphBuilder, Initializers, bytesOf, encodeModel, valueInfo } from '../../export/onnx-builder.js';
import type { Mlp } from './mlp.js';

/** Input and output names of the exported graph. */
export const BEAMNET_INPUT = 'features';
export const BEAMNET_OUTPUT = 'scores';

/**
 * Encodes `net` as an ONNX model (opset 14).
 * @example const session = await openDenseNet(mlpToOnnx(net));
 */
export function mlpToOnnx(net: Mlp): Uint8Array {
  const init = new Initializers();
  const g = new GraphBuilder('', init);
  const f32 = (name: string, values: Float64Array, dims: readonly number[]): string => init.add(name, DT.float, dims, bytesOf(Float32Array.from(values)));
  const mean = f32('input_mean', net.scaling.mean, [net.inputs]);
  const invStd = f32('input_inv_std', net.scaling.invStd, [net.inputs]);
  let x = g.op('Mul', [g.op('Sub', [BEAMNET_INPUT, mean]), invStd]);
  net.layers.forEach((layer, i) => {
    const last = i === net.layers.length - 1;
    const w = f32(`dense${i}.weight`, layer.weight, [layer.inputs, layer.outputs]);
    const b = f32(`dense${i}.bias`, layer.bias, [layer.outputs]);
    const y = g.op('Add', [g.op('MatMul', [x, w]), b], {}, last ? BEAMNET_OUTPUT : undefined);
    x = last ? y : g.op('Relu', [y]);
  });
  const graph = g.graph('beamnet', [valueInfo(BEAMNET_INPUT, DT.float, ['batch', net.inputs])], [valueInfo(BEAMNET_OUTPUT, DT.float, ['batch', net.classes])], true);
  return encodeModel(graph, 'cephalon research beamnet: greedy-step features -> scores of the top-k candidates');
}
