/**
 * A small ONNX graph builder over the ONNX protobuf schema of the `onnx-proto` package (protobufjs): nodes, initializers,
 * typed inputs/outputs with symbolic dimensions, `If` subgraphs. No protobuf is encoded by hand.
 */
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
type NodeProto = InstanceType<typeof onnx.NodeProto>;
type TensorProto = InstanceType<typeof onnx.TensorProto>;
type ValueInfoProto = InstanceType<typeof onnx.ValueInfoProto>;
export type ValueInfo = ValueInfoProto;
type GraphProto = InstanceType<typeof onnx.GraphProto>;
export type ModelProto = InstanceType<typeof onnx.ModelProto>;

/** ONNX element types used here. */
export const DT = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9, float16: 10 } as const;
export type ElemType = (typeof DT)[keyof typeof DT];

/** A dimension: fixed size or symbolic name. */
export type Dim = number | string;

/** Attribute values: integer, integers, float, tensor or subgraph. */
export type AttrValue = number | readonly number[] | { readonly float: number } | { readonly tensor: TensorProto } | { readonly graph: GraphProto };

const AT = onnx.AttributeProto.AttributeType;

function isInts(v: AttrValue): v is readonly number[] {
  return Array.isArray(v);
}

function attribute(name: string, v: AttrValue): InstanceType<typeof onnx.AttributeProto> {
  if (typeof v === 'number') return onnx.AttributeProto.create({ name, type: AT.INT, i: v });
  if (isInts(v)) return onnx.AttributeProto.create({ name, type: AT.INTS, ints: [...v] });
  if ('float' in v) return onnx.AttributeProto.create({ name, type: AT.FLOAT, f: v.float });
  if ('tensor' in v) return onnx.AttributeProto.create({ name, type: AT.TENSOR, t: v.tensor });
  return onnx.AttributeProto.create({ name, type: AT.GRAPH, g: v.graph });
}

/** A tensor proto holding `bytes` (little-endian raw data). */
export function tensorProto(name: string, dataType: ElemType, dims: readonly number[], bytes: Uint8Array): TensorProto {
  return onnx.TensorProto.create({ name, dataType, dims: [...dims], rawData: bytes });
}

export function bytesOf(a: Float32Array | Int32Array | Int8Array | Uint8Array | BigInt64Array | Uint16Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** A typed graph input/output. */
export function valueInfo(name: string, elemType: ElemType, dims: readonly Dim[]): ValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d })));
  return onnx.ValueInfoProto.create({ name, type: onnx.TypeProto.create({ tensorType: onnx.TypeProto.Tensor.create({ elemType, shape: onnx.TensorShapeProto.create({ dim }) }) }) });
}

/**
 * Initializers of one model file, stored once and referenced by name from the main graph and every subgraph.
 * Small constants are deduplicated by value.
 */
export class Initializers {
  readonly list: TensorProto[] = [];
  private readonly names = new Set<string>();
  private readonly constants = new Map<string, string>();
  bytes = 0;

  add(name: string, dataType: ElemType, dims: readonly number[], bytes: Uint8Array): string {
    if (this.names.has(name)) throw new Error(`initializer ${name} added twice`);
    this.names.add(name);
    this.list.push(tensorProto(name, dataType, dims, bytes));
    this.bytes += bytes.byteLength;
    return name;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** A float32 constant (scalar when `dims` is empty), shared by value. */
  f32(values: readonly number[], dims: readonly number[] = []): string {
    return this.constant('f', DT.float, dims, bytesOf(Float32Array.from(values)), values);
  }

  /** An int64 constant, shared by value. */
  i64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('i', DT.int64, dims, bytesOf(BigInt64Array.from(values.map(BigInt))), values);
  }

  private constant(kind: string, dt: ElemType, dims: readonly number[], bytes: Uint8Array, values: readonly number[]): string {
    const key = `${kind}[${dims.join(',')}]${values.join(',')}`;
    const known = this.constants.get(key);
    if (known !== undefined) return known;
    const name = `const_${kind}_${this.constants.size}`;
    this.add(name, dt, dims, bytes);
    this.constants.set(key, name);
    return name;
  }
}

/** Nodes of one graph (the main graph or an `If` branch); names are prefixed so branches never collide. */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  private count = 0;

  constructor(
    readonly prefix: string,
    readonly init: Initializers,
  ) {}

  /** Adds a node with `nOut` fresh outputs (or the names in `outputs`); returns the output names. */
  node(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, AttrValue>> = {}, outputs: number | readonly string[] = 1): string[] {
    const id = this.count++;
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, (_, i) => `${this.prefix}${opType}_${id}${outputs > 1 ? `_${i}` : ''}`) : [...outputs];
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        name: `${this.prefix}${opType}_${id}`,
        input: [...inputs],
        output: outs,
        attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      }),
    );
    return outs;
  }

  /** A node with one output. */
  op(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, AttrValue>> = {}, output?: string): string {
    return this.node(opType, inputs, attrs, output === undefined ? 1 : [output])[0] as string;
  }

  /** This builder's nodes as a graph (a subgraph has no inputs and no initializers of its own). */
  graph(name: string, inputs: readonly ValueInfoProto[], outputs: readonly ValueInfoProto[], withInitializers: boolean): GraphProto {
    return onnx.GraphProto.create({
      name,
      node: this.nodes,
      input: [...inputs],
      output: [...outputs],
      initializer: withInitializers ? this.init.list : [],
    });
  }
}

/** Opset written (the one of the published exports this engine and transformers.js load). */
export const OPSET = 14;

/** Wraps a graph into a model and encodes it. */
export function encodeModel(graph: GraphProto, docString: string, opset = OPSET, extraDomains: readonly { domain: string; version: number }[] = []): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'cephalon-export',
    producerVersion: '0.1.0',
    docString,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: opset }), ...extraDomains.map((d) => onnx.OperatorSetIdProto.create(d))],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
