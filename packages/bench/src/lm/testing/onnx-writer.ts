/**
 * Test support: a minimal protobuf writer for ONNX `ModelProto`, enough to build small graphs with float32 /
 * int64 initializers (no Python `onnx` package needed). Field numbers from onnx/onnx.proto.
 */

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;

/** Protobuf base-128 varint of a non-negative integer (< 2^53) or a negative int64 (10 bytes). */
function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

type Bytes = Uint8Array;
const concat = (parts: readonly Bytes[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const key = (field: number, wire: number): number[] => varint((field << 3) | wire);
export const int = (field: number, value: number | bigint): Bytes => Uint8Array.from([...key(field, WIRE_VARINT), ...varint(value)]);
export const bytes = (field: number, payload: Bytes): Bytes => concat([Uint8Array.from([...key(field, WIRE_BYTES), ...varint(payload.length)]), payload]);
export const str = (field: number, s: string): Bytes => bytes(field, new TextEncoder().encode(s));
export const msg = (field: number, parts: readonly Bytes[]): Bytes => bytes(field, concat(parts));

/** ONNX TensorProto.DataType values. */
export const FLOAT = 1;
export const INT64 = 7;

/** TensorProto (dims = 1, data_type = 2, name = 8, raw_data = 9) as field `field` of the parent. */
export function tensor(field: number, name: string, dims: readonly number[], data: Float32Array | BigInt64Array): Bytes {
  const type = data instanceof Float32Array ? FLOAT : INT64;
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return msg(field, [...dims.map((d) => int(1, d)), int(2, type), str(8, name), bytes(9, raw)]);
}

/** ValueInfoProto (name = 1, type = 2 -> TypeProto.tensor_type = 1 -> elem_type = 1, shape = 2 -> dim = 1). */
export function valueInfo(field: number, name: string, elemType: number, dims: readonly (number | string)[]): Bytes {
  const dimMsgs = dims.map((d) => msg(1, [typeof d === 'number' ? int(1, d) : str(2, d)]));
  return msg(field, [str(1, name), msg(2, [msg(1, [int(1, elemType), msg(2, dimMsgs)])])]);
}

/** AttributeProto with an int value (name = 1, i = 3, type = 20 INT = 2). */
export function intAttribute(name: string, value: number): Bytes {
  return msg(5, [str(1, name), int(3, value), int(20, 2)]);
}

/** NodeProto (input = 1, output = 2, name = 3, op_type = 4, attribute = 5). */
export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly Bytes[] = []): Bytes {
  return msg(1, [...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, `${opType}_${outputs[0] ?? ''}`), str(4, opType), ...attributes]);
}

/** ModelProto (ir_version = 1, producer_name = 2, graph = 7, opset_import = 8) around a GraphProto body. */
export function model(graphParts: readonly Bytes[], opset = 17): Bytes {
  return concat([int(1, 8), str(2, 'cephalon-test'), msg(7, [...graphParts, str(2, 'graph')]), msg(8, [str(1, ''), int(2, opset)])]);
}
