/**
 * The capture file (`.cphlogits`), little-endian, documented in docs/research.md ("Capture file format"):
 *
 *   0   8 bytes  magic "CPHLOGIT"
 *   8   u32      version (1)
 *   12  u32      H = header length in bytes (UTF-8 JSON, space-padded to a multiple of 4)
 *   16  H bytes  header (`CaptureHeader`)
 *   then, for each decode of `header.decodes` in order, `steps` records of
 *        i32 token, i32 position, u32 place, f32 × 8 measures (`MEASURE_NAMES` order),
 *        then i32 × topK ids, f32 × topK logits, then (full mode only) f32 × vocab logits.
 *
 * Fixed-size records: a step's offset is computable, and a reader needs nothing but this file.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { BenchDataError } from '../../core/errors.js';
import type { CapturedDecode, DecodePlacement } from './collector.js';
import { MEASURE_NAMES } from './measures.js';

export const CAPTURE_MAGIC = 'CPHLOGIT';
export const CAPTURE_VERSION = 1;

/** One decode as listed in the header. */
export interface CaptureHeaderDecode {
  readonly index: number;
  readonly window: number;
  readonly attempt: number;
  readonly accepted: boolean;
  /** Window start / end in seconds; null when not placed. */
  readonly startSec: number | null;
  readonly endSec: number | null;
  readonly sampleBegin: number;
  readonly promptTokens: readonly number[];
  readonly temperature: number;
  readonly strategy: 'greedy' | 'sampling' | 'beam';
  readonly steps: number;
}

/** The JSON header. */
export interface CaptureHeader {
  readonly format: 'cephalon-logits';
  readonly version: number;
  readonly vocab: number;
  readonly topK: number;
  readonly full: boolean;
  readonly measures: readonly string[];
  /** Free-form facts about the run (audio, model, options); the format does not interpret them. */
  readonly source: Readonly<Record<string, string | number | boolean | null>>;
  readonly decodes: readonly CaptureHeaderDecode[];
}

/** A capture as read back (or about to be written). */
export interface LogitCaptureFile {
  readonly vocab: number;
  readonly topK: number;
  readonly full: boolean;
  readonly source: Readonly<Record<string, string | number | boolean | null>>;
  readonly decodes: readonly CapturedDecode[];
}

const FIXED_FIELDS = 3;

/** Bytes of one step record. */
export function recordBytes(topK: number, full: boolean, vocab: number): number {
  return 4 * (FIXED_FIELDS + MEASURE_NAMES.length + 2 * topK + (full ? vocab : 0));
}

function header(file: LogitCaptureFile): CaptureHeader {
  return {
    format: 'cephalon-logits',
    version: CAPTURE_VERSION,
    vocab: file.vocab,
    topK: file.topK,
    full: file.full,
    measures: MEASURE_NAMES,
    source: file.source,
    decodes: file.decodes.map((d) => ({
      index: d.index,
      window: d.placement.window,
      attempt: d.placement.attempt,
      accepted: d.placement.accepted,
      startSec: Number.isNaN(d.placement.startSec) ? null : d.placement.startSec,
      endSec: Number.isNaN(d.placement.endSec) ? null : d.placement.endSec,
      sampleBegin: d.sampleBegin,
      promptTokens: d.promptTokens,
      temperature: d.temperature,
      strategy: d.strategy,
      steps: d.steps,
    })),
  };
}

/** Serialises a capture. */
export function encodeLogitCapture(file: LogitCaptureFile): Uint8Array {
  let json = JSON.stringify(header(file));
  let jsonBytes = Buffer.from(json, 'utf8');
  if (jsonBytes.length % 4 !== 0) {
    json += ' '.repeat(4 - (jsonBytes.length % 4));
    jsonBytes = Buffer.from(json, 'utf8');
  }
  const m = MEASURE_NAMES.length;
  const { topK: k, full, vocab } = file;
  const per = recordBytes(k, full, vocab);
  const steps = file.decodes.reduce((n, d) => n + d.steps, 0);
  const out = new Uint8Array(16 + jsonBytes.length + steps * per);
  out.set(Buffer.from(CAPTURE_MAGIC, 'ascii'), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, CAPTURE_VERSION, true);
  view.setUint32(12, jsonBytes.length, true);
  out.set(jsonBytes, 16);
  let o = 16 + jsonBytes.length;
  for (const d of file.decodes) {
    if (d.topIds.length !== d.steps * k || (full && d.full?.length !== d.steps * vocab)) {
      throw new RangeError(`encodeLogitCapture: decode ${d.index} does not match topK ${k}${full ? ` / vocab ${vocab}` : ''}`);
    }
    for (let i = 0; i < d.steps; i++) {
      view.setInt32(o, d.tokens[i] as number, true);
      view.setInt32(o + 4, d.positions[i] as number, true);
      view.setUint32(o + 8, d.places[i] as number, true);
      o += 12;
      for (let j = 0; j < m; j++, o += 4) view.setFloat32(o, d.measures[i * m + j] as number, true);
      for (let j = 0; j < k; j++, o += 4) view.setInt32(o, d.topIds[i * k + j] as number, true);
      for (let j = 0; j < k; j++, o += 4) view.setFloat32(o, d.topLogits[i * k + j] as number, true);
      if (full && d.full !== null) for (let j = 0; j < vocab; j++, o += 4) view.setFloat32(o, d.full[i * vocab + j] as number, true);
    }
  }
  return out;
}

function formatError(path: string, what: string): BenchDataError {
  return new BenchDataError('LOGIT_CAPTURE_FORMAT', `${path}: not a readable logit capture: ${what}`, {
    hint: 'write captures with `cephalon research capture` (format: docs/research.md, "Capture file format")',
    details: { file: path },
  });
}

/** Parses a capture; `path` only names the file in errors. */
export function decodeLogitCapture(bytes: Uint8Array, path = '<bytes>'): LogitCaptureFile {
  if (bytes.length < 16 || Buffer.from(bytes.subarray(0, 8)).toString('ascii') !== CAPTURE_MAGIC) throw formatError(path, 'bad magic (expected "CPHLOGIT")');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== CAPTURE_VERSION) throw formatError(path, `version ${version}, this reader knows ${CAPTURE_VERSION}`);
  const h = view.getUint32(12, true);
  if (16 + h > bytes.length) throw formatError(path, `header of ${h} bytes runs past the end (${bytes.length} bytes)`);
  let head: CaptureHeader;
  try {
    head = JSON.parse(Buffer.from(bytes.subarray(16, 16 + h)).toString('utf8')) as CaptureHeader;
  } catch (cause) {
    throw formatError(path, `header is not JSON (${(cause as Error).message})`);
  }
  if (head.format !== 'cephalon-logits' || !Array.isArray(head.decodes) || head.measures.join() !== MEASURE_NAMES.join()) throw formatError(path, 'header fields do not match format version 1');
  const { topK: k, full, vocab } = head;
  const m = MEASURE_NAMES.length;
  const per = recordBytes(k, full, vocab);
  const steps = head.decodes.reduce((n, d) => n + d.steps, 0);
  if (bytes.length !== 16 + h + steps * per) throw formatError(path, `expected ${16 + h + steps * per} bytes for ${steps} steps, found ${bytes.length} (truncated or padded)`);
  let o = 16 + h;
  const decodes = head.decodes.map((d): CapturedDecode => {
    const n = d.steps;
    const placement: DecodePlacement = { window: d.window, attempt: d.attempt, accepted: d.accepted, startSec: d.startSec ?? Number.NaN, endSec: d.endSec ?? Number.NaN };
    const out: CapturedDecode = {
      index: d.index,
      placement,
      sampleBegin: d.sampleBegin,
      promptTokens: d.promptTokens,
      temperature: d.temperature,
      strategy: d.strategy,
      steps: n,
      tokens: new Int32Array(n),
      positions: new Int32Array(n),
      places: new Uint8Array(n),
      measures: new Float32Array(n * m),
      topIds: new Int32Array(n * k),
      topLogits: new Float32Array(n * k),
      full: full ? new Float32Array(n * vocab) : null,
    };
    for (let i = 0; i < n; i++) {
      out.tokens[i] = view.getInt32(o, true);
      out.positions[i] = view.getInt32(o + 4, true);
      out.places[i] = view.getUint32(o + 8, true);
      o += 12;
      for (let j = 0; j < m; j++, o += 4) out.measures[i * m + j] = view.getFloat32(o, true);
      for (let j = 0; j < k; j++, o += 4) out.topIds[i * k + j] = view.getInt32(o, true);
      for (let j = 0; j < k; j++, o += 4) out.topLogits[i * k + j] = view.getFloat32(o, true);
      if (out.full !== null) for (let j = 0; j < vocab; j++, o += 4) out.full[i * vocab + j] = view.getFloat32(o, true);
    }
    return out;
  });
  return { vocab, topK: k, full, source: head.source ?? {}, decodes };
}

/** Writes a capture file atomically (temporary file, then rename). */
export async function writeLogitCapture(path: string, file: LogitCaptureFile): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, encodeLogitCapture(file));
  await rename(tmp, path);
}

/** Reads a capture file. */
export async function readLogitCapture(path: string): Promise<LogitCaptureFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new BenchDataError('LOGIT_CAPTURE_READ', `cannot read logit capture '${path}': ${(cause as Error).message}`, { hint: 'check the path', details: { file: path } });
  }
  return decodeLogitCapture(bytes, path);
}
