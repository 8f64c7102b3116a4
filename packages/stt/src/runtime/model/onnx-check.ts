/**
 * Cheap integrity check of an ONNX file without loading it: walks the top-level fields of the `ModelProto`
 * protobuf (a few small reads; the graph itself is skipped by its length prefix). A file cut short, an HTML
 * error page, a Git LFS pointer or a JSON file fails with ModelCorruptError naming the file and the reason.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { ModelCorruptError, ModelNotFoundError } from '../../core/errors.js';

/** Protobuf wire types (3 and 4, groups, never appear in ONNX files). */
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;
/** Bytes of a fixed-size field body. */
const FIXED_BYTES: ReadonlyMap<number, number> = new Map([
  [WIRE_FIXED64, 8],
  [WIRE_FIXED32, 4],
]);

/** ModelProto field number -> wire type (onnx.proto: ir_version, producer_name ... configuration). */
const MODEL_PROTO_FIELDS: ReadonlyMap<number, number> = new Map([
  [1, WIRE_VARINT], // ir_version
  [2, WIRE_LEN], // producer_name
  [3, WIRE_LEN], // producer_version
  [4, WIRE_LEN], // domain
  [5, WIRE_VARINT], // model_version
  [6, WIRE_LEN], // doc_string
  [7, WIRE_LEN], // graph
  [8, WIRE_LEN], // opset_import
  [14, WIRE_LEN], // metadata_props
  [20, WIRE_LEN], // training_info
  [25, WIRE_LEN], // functions
  [26, WIRE_LEN], // configuration
]);
const GRAPH_FIELD = 7;
/** A varint never needs more than 10 bytes. */
const MAX_VARINT_BYTES = 10;
/** Top-level fields are few (opset imports, metadata); a higher count means garbage. */
const MAX_TOP_LEVEL_FIELDS = 100_000;

/** What the walk found. */
export interface OnnxCheckResult {
  readonly sizeBytes: number;
  /** Top-level fields read. */
  readonly fields: number;
}

function corrupt(file: string, reason: string, details: Record<string, number> = {}): ModelCorruptError {
  return new ModelCorruptError('MODEL_FILE_CORRUPT', `${file} is not a complete ONNX model: ${reason}`, {
    hint: 'The file is truncated or damaged; delete it (cephalon models rm <model>) and pull the model again.',
    details: { file, ...details },
  });
}

/** Decodes a varint at `buf[at]`; returns [value, bytesUsed] or undefined when incomplete. */
function readVarint(buf: Uint8Array, at: number, end: number): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < MAX_VARINT_BYTES && at + i < end; i++) {
    const byte = buf[at + i] ?? 0;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, i + 1];
    scale *= 128;
  }
  return undefined;
}

/** Known ModelProto fields must have their wire type; fields of later ONNX versions are accepted if well-formed. */
function plausibleTag(field: number, wire: number): boolean {
  const known = MODEL_PROTO_FIELDS.get(field);
  if (known !== undefined) return known === wire;
  return field > 0 && (wire === WIRE_VARINT || wire === WIRE_LEN || FIXED_BYTES.has(wire));
}

/** Bytes taken by a field's body (after its tag), which starts at `head[at]`. */
function fieldBodyBytes(head: Uint8Array, at: number, end: number, wire: number, file: string, pos: number): number {
  const fixed = FIXED_BYTES.get(wire);
  if (fixed !== undefined) return fixed;
  const body = readVarint(head, at, end);
  if (body === undefined) throw corrupt(file, `unreadable field value at byte ${pos}`, { offset: pos });
  return body[1] + (wire === WIRE_LEN ? body[0] : 0);
}

/**
 * Checks that `file` is a plausible, complete ONNX model. When `expectedBytes` is given the size must match too.
 * Throws ModelCorruptError; resolves with the size and field count on success.
 */
export async function checkOnnxFile(file: string, expectedBytes?: number): Promise<OnnxCheckResult> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (cause) {
    throw new ModelNotFoundError('MODEL_FILE_MISSING', `Cannot open model file ${file}`, {
      hint: 'The file is missing or unreadable (a broken cache link?); pull the model again.',
      cause,
      details: { file },
    });
  }
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw corrupt(file, info.isDirectory() ? 'is a directory, not an ONNX file' : 'is not a regular file');
    const sizeBytes = info.size;
    if (expectedBytes !== undefined && sizeBytes !== expectedBytes) {
      throw corrupt(file, `size is ${sizeBytes} bytes, expected ${expectedBytes}`, { sizeBytes, expectedBytes });
    }
    if (sizeBytes === 0) throw corrupt(file, 'the file is empty');
    const head = new Uint8Array(MAX_VARINT_BYTES * 2);
    let pos = 0;
    let fields = 0;
    let sawGraph = false;
    while (pos < sizeBytes) {
      if (++fields > MAX_TOP_LEVEL_FIELDS) throw corrupt(file, 'too many top-level fields');
      const { bytesRead } = await fh.read(head, 0, head.length, pos);
      const tag = readVarint(head, 0, bytesRead);
      if (tag === undefined) throw corrupt(file, `unreadable field tag at byte ${pos}`, { offset: pos });
      const field = Math.floor(tag[0] / 8);
      const wire = tag[0] % 8;
      if (!plausibleTag(field, wire)) {
        throw corrupt(file, `unexpected field ${field} (wire type ${wire}) at byte ${pos}`, { offset: pos });
      }
      pos += tag[1] + fieldBodyBytes(head, tag[1], bytesRead, wire, file, pos);
      if (pos > sizeBytes) throw corrupt(file, `field ${field} ends at byte ${pos}, after the end of the file (${sizeBytes})`, { sizeBytes });
      if (field === GRAPH_FIELD) sawGraph = true;
    }
    if (!sawGraph) throw corrupt(file, 'no graph found');
    return { sizeBytes, fields };
  } finally {
    await fh.close();
  }
}
