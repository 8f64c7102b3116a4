import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidOptionError } from '../../core/errors.js';
import { decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS } from '../../decoding/index.js';
import type { WindowDecodeOptions } from '../../decoding/index.js';
import { FAKE_ENCODER_OUTPUT, FAKE_IDS, FakeDecoder, fakeTokenizer, hashedLogits } from '../../decoding/test-support/fake-model.js';
import { createCostDecoding, DEFAULT_COST_OPTIONS } from './cost-decoding.js';
import type { CostDecodingOptions } from './cost-decoding.js';
import { balance } from './ledger.js';
import type { Phonemizer } from './phonemes.js';
import { wordKey } from './phonemes.js';

const tokenizer = fakeTokenizer();
const beam: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, withoutTimestamps: true, suppressBlank: false, strategy: { kind: 'beam', beamSize: 3, patience: 1 } };

/** A phonemiser where a word has one phoneme per letter; counts its batches. */
class LetterPhonemizer implements Phonemizer {
  batches = 0;
  prepare(): void {
    this.batches++;
  }
  count(word: string): number {
    return wordKey(word).length;
  }
}

const audio = { voicedRuns: 3, pauses: 1, voicedSec: 1, frames: 100, frameSec: 0.01 };

async function decode(seed: number, o: CostDecodingOptions | null, phonemizer = new LetterPhonemizer()) {
  const cost = o === null ? null : createCostDecoding(o, tokenizer, audio, phonemizer);
  const fn = hashedLogits(seed, 8, 0.6);
  const r = await decodeWindow({ decoder: new FakeDecoder(fn), tokenizer, ...(cost === null ? {} : { hooks: cost.hooks }) }, FAKE_ENCODER_OUTPUT, beam);
  return { r, cost };
}

test('cost decoding with every term off decodes bit-identically to plain beam search (property over fake models)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), async (seed) => {
      const plain = await decode(seed, null);
      const off = await decode(seed, DEFAULT_COST_OPTIONS);
      assert.deepEqual(off.r.tokens, plain.r.tokens);
      assert.equal(off.r.sumLogprob, plain.r.sumLogprob);
      assert.equal(off.cost?.stats.changedSteps, 0);
      assert.ok((off.cost?.stats.steps ?? 0) > 0);
    }),
    { numRuns: 10 },
  );
});

test('the ledger of a decode closes: phonemes spent = phonemes of the words of the text, pauses spent = pause tokens', async () => {
  for (const seed of [3, 17, 99]) {
    const { r, cost } = await decode(seed, { ...DEFAULT_COST_OPTIONS, lambda: 0.1 });
    assert.ok(cost !== null);
    const l = cost.ledgerOf(r.tokens);
    const text = tokenizer.decode(r.tokens);
    const letters = text.replace(/[^a-z]/g, '').length;
    // The space and (with timestampsArePauses) timestamp tokens are the fake vocabulary's pause class.
    const spaces = r.tokens.filter((t) => t === 0 || t >= FAKE_IDS.timestampBegin).length;
    assert.equal(l.phon.spent, letters, text);
    assert.equal(l.pause.spent, spaces, text);
    assert.equal(balance(l.phon), cost.budget.phon - letters);
    assert.equal(cost.budget.phon, Math.round(audio.voicedSec * DEFAULT_COST_OPTIONS.phonemesPerVoicedSec) + DEFAULT_COST_OPTIONS.slack);
  }
});

test('a tight phoneme budget moves beam toward fewer phonemes; it batches the phonemiser once per step', async () => {
  let moved = 0;
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const tight = { ...DEFAULT_COST_OPTIONS, lambda: 5, slack: 0, phonemesPerVoicedSec: 0, pausePool: false };
    const p = new LetterPhonemizer();
    const plain = await decode(seed, { ...DEFAULT_COST_OPTIONS, lambda: 0 });
    const costed = await decode(seed, tight, p);
    assert.ok(costed.cost !== null && plain.cost !== null);
    const spentPlain = costed.cost.ledgerOf(plain.r.tokens).phon.spent;
    const spentCost = costed.cost.ledgerOf(costed.r.tokens).phon.spent;
    assert.ok(spentCost <= spentPlain, `seed ${seed}: ${spentCost} > ${spentPlain}`);
    if (spentCost < spentPlain) moved++;
    assert.ok(p.batches <= costed.cost.stats.steps + 2, `${p.batches} batches for ${costed.cost.stats.steps} steps`);
  }
  assert.ok(moved > 0, 'the cost changed at least one decode');
});

test('bad cost options are typed errors naming the option', () => {
  assert.throws(() => createCostDecoding({ ...DEFAULT_COST_OPTIONS, lambda: -1 }, tokenizer, audio, new LetterPhonemizer()), (e: unknown) => e instanceof InvalidOptionError && /lambda/.test(e.message));
  assert.throws(() => createCostDecoding({ ...DEFAULT_COST_OPTIONS, repetitionN: 0 }, tokenizer, audio, new LetterPhonemizer()), (e: unknown) => e instanceof InvalidOptionError && /repetitionN/.test(e.message));
});

test('phoneme lookup by piece equals lookup by word when phonemes add up over pieces; unit costs spend one per word token', async () => {
  for (const seed of [4, 8, 15]) {
    const word = await decode(seed, { ...DEFAULT_COST_OPTIONS, lambda: 0.2, slack: 0, phonemesPerVoicedSec: 3 });
    const piece = await decode(seed, { ...DEFAULT_COST_OPTIONS, lambda: 0.2, slack: 0, phonemesPerVoicedSec: 3, phonemeLookup: 'piece' });
    assert.deepEqual(piece.r.tokens, word.r.tokens);
    assert.equal(piece.r.sumLogprob, word.r.sumLogprob);
    const unit = await decode(seed, { ...DEFAULT_COST_OPTIONS, lambda: 0.2, tokenCost: 'unit' });
    assert.ok(unit.cost !== null);
    const letters = unit.r.tokens.filter((t) => t >= 1 && t < FAKE_IDS.eot).length;
    assert.equal(unit.cost.ledgerOf(unit.r.tokens).phon.spent, letters);
    assert.equal(unit.cost.budget.phon, audio.voicedRuns + DEFAULT_COST_OPTIONS.slack);
  }
});
