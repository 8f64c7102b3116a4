/**
 * Turns the strings of the tokenizer files into byte strings and id-based merge rules.
 */
import { join } from 'node:path';
import { TokenizerError } from '../core/errors.js';
import { BYTE_VALUES, byteLevelToBytes } from './byte-level.js';
import type { MergeRule } from './bpe.js';
import type { TokenizerFiles } from './read-files.js';

/** The vocabulary as bytes: what every id decodes to, and how bytes merge. */
export interface ByteVocabulary {
  /** Number of ids (one past the highest id in the files). */
  readonly size: number;
  /** Bytes of all tokens back to back; token `id` is `pool[offsets[id] .. offsets[id + 1])`. */
  readonly pool: Uint8Array;
  /** `[size + 1]` start of each token's bytes in `pool`. */
  readonly offsets: Int32Array;
  /** `[size]` 1 for ids that exist in the files. */
  readonly defined: Uint8Array;
  /** Added token text -> id. */
  readonly addedIds: ReadonlyMap<string, number>;
  /** Ids of added tokens (specials and timestamps). */
  readonly addedSet: ReadonlySet<number>;
  /** `[256]` id of the single-byte token of each byte. */
  readonly byteToId: Int32Array;
  readonly merges: readonly MergeRule[];
}

/** Bytes of token `id` (a view into the pool). */
export function tokenBytesOf(vocab: ByteVocabulary, id: number): Uint8Array {
  return vocab.pool.subarray(vocab.offsets[id], vocab.offsets[id + 1]);
}

export function buildByteVocabulary(files: TokenizerFiles): ByteVocabulary {
  const where = join(files.dir, files.source === 'tokenizer.json' ? 'tokenizer.json' : 'vocab.json');
  let size = 0;
  for (const id of files.vocab.values()) size = Math.max(size, id + 1);
  for (const t of files.addedTokens) size = Math.max(size, t.id + 1);
  const utf8 = new TextEncoder();
  const bytesById: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(size);
  for (const [token, id] of files.vocab) {
    const bytes = byteLevelToBytes(token);
    if (bytes === undefined) {
      throw new TokenizerError('TOKENIZER_FILE_MALFORMED', `${where}: token ${JSON.stringify(token)} (id ${id}) is not in the byte-level alphabet`, {
        hint: 'this does not look like a GPT-2/Whisper byte-level BPE vocabulary',
        details: { file: where, id },
      });
    }
    bytesById[id] = bytes;
  }
  const addedIds = new Map<string, number>();
  for (const t of files.addedTokens) {
    bytesById[t.id] = utf8.encode(t.content);
    addedIds.set(t.content, t.id);
  }
  const addedSet = new Set(addedIds.values());
  const { pool, offsets, defined } = packBytes(bytesById);
  const byteToId = new Int32Array(BYTE_VALUES).fill(-1);
  for (let id = size - 1; id >= 0; id--) {
    const bytes = bytesById[id];
    if (bytes !== undefined && bytes.length === 1 && !addedSet.has(id)) byteToId[bytes[0] as number] = id;
  }
  const missing = byteToId.indexOf(-1);
  if (missing >= 0) {
    throw new TokenizerError('TOKENIZER_FILE_MALFORMED', `${where}: no token for byte ${missing}; a byte-level vocabulary needs all 256`, {
      hint: 'restore the file from the model repository',
      details: { file: where, byte: missing },
    });
  }
  return { size, pool, offsets, defined, addedIds, addedSet, byteToId, merges: resolveMerges(files, where) };
}

function packBytes(bytesById: readonly (Uint8Array | undefined)[]): { pool: Uint8Array; offsets: Int32Array; defined: Uint8Array } {
  const size = bytesById.length;
  const offsets = new Int32Array(size + 1);
  const defined = new Uint8Array(size);
  for (let id = 0; id < size; id++) {
    const bytes = bytesById[id];
    offsets[id + 1] = (offsets[id] as number) + (bytes?.length ?? 0);
    if (bytes !== undefined) defined[id] = 1;
  }
  const pool = new Uint8Array(offsets[size] as number);
  bytesById.forEach((bytes, id) => {
    if (bytes !== undefined) pool.set(bytes, offsets[id]);
  });
  return { pool, offsets, defined };
}

function resolveMerges(files: TokenizerFiles, where: string): MergeRule[] {
  return files.merges.map(([l, r], rank) => {
    const left = files.vocab.get(l);
    const right = files.vocab.get(r);
    const merged = files.vocab.get(l + r);
    if (left === undefined || right === undefined || merged === undefined) {
      const absent = [left === undefined ? l : '', right === undefined ? r : '', merged === undefined ? l + r : ''].filter((x) => x !== '');
      throw new TokenizerError('TOKENIZER_INCONSISTENT', `${where}: merge ${rank} (${l} ${r}) uses tokens missing from the vocabulary: ${absent.join(', ')}`, {
        hint: 'the merges and the vocabulary do not belong together; restore both from the same model',
        details: { file: where, rank },
      });
    }
    return { left, right, merged };
  });
}
