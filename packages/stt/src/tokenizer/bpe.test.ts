/**
 * The merge-list BPE (heap over a linked list) against tiktoken's rank merge on small trained vocabularies over
 * a 3-letter alphabet: many ties, overlapping pairs and long runs, where ordering mistakes show up quickly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BytePairEncoder } from './bpe.js';
import { bytePairMerge, deriveMerges, latin1, type TiktokenRanks } from './parity/tiktoken-reference.js';
import { mulberry32 } from './parity/text-generator.js';

const ALPHABET = 'ab ';

function randomText(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET.charAt(Math.floor(rand() * ALPHABET.length));
  return s;
}

/** Trains a vocabulary the BPE way: repeatedly add the concatenation of an adjacent pair of an encoded sample. */
function trainRanks(rand: () => number, newTokens: number): TiktokenRanks {
  const rankOf = new Map<string, number>();
  const bytesOf: Uint8Array[] = [];
  for (let b = 0; b < 256; b++) {
    rankOf.set(String.fromCharCode(b), b);
    bytesOf.push(Uint8Array.of(b));
  }
  const ranks: TiktokenRanks = { rankOf, bytesOf };
  while (bytesOf.length < 256 + newTokens) {
    const parts = bytePairMerge(randomText(rand, 12), ranks);
    const i = Math.floor(rand() * (parts.length - 1));
    const merged = (parts[i] ?? '') + (parts[i + 1] ?? '');
    if (parts.length < 2 || rankOf.has(merged)) continue;
    rankOf.set(merged, bytesOf.length);
    bytesOf.push(Uint8Array.from(merged, (c) => c.charCodeAt(0)));
  }
  return ranks;
}

test('merge-list BPE equals rank-based merging on trained toy vocabularies', () => {
  const rand = mulberry32(99);
  let compared = 0;
  for (let v = 0; v < 8; v++) {
    const ranks = trainRanks(rand, 20 + v * 10);
    const merges = deriveMerges(ranks).map(([l, r]) => {
      const left = ranks.rankOf.get(latin1(l)) as number;
      const right = ranks.rankOf.get(latin1(r)) as number;
      return { left, right, merged: ranks.rankOf.get(latin1(l) + latin1(r)) as number };
    });
    const byteToId = Int32Array.from({ length: 256 }, (_, b) => b);
    const bpe = new BytePairEncoder(byteToId, merges);
    for (let n = 0; n < 200; n++) {
      const text = randomText(rand, n < 190 ? 1 + Math.floor(rand() * 30) : 2000);
      const expected = bytePairMerge(text, ranks).map((p) => ranks.rankOf.get(p));
      assert.deepEqual(bpe.encodeBytes(Uint8Array.from(text, (c) => c.charCodeAt(0))), expected, JSON.stringify(text));
      compared++;
    }
  }
  assert.equal(compared, 1600);
});

test('runs of one byte merge left to right: "aaaaa" with aa, aaaa', () => {
  const byteToId = Int32Array.from({ length: 256 }, (_, b) => b);
  const a = 'a'.charCodeAt(0);
  const bpe = new BytePairEncoder(byteToId, [
    { left: a, right: a, merged: 256 },
    { left: 256, right: 256, merged: 257 },
  ]);
  assert.deepEqual(bpe.encodeBytes(new TextEncoder().encode('aaaaa')), [257, a]);
  assert.deepEqual(bpe.encodeBytes(new TextEncoder().encode('aaa')), [256, a]);
  assert.deepEqual(bpe.encodeBytes(new TextEncoder().encode('a')), [a]);
  assert.deepEqual(bpe.encodeBytes(new Uint8Array(0)), []);
});
