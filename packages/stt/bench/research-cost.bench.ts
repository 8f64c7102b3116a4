/**
 * `npm run bench:research-cost [-- --beam 5 --sample-len 96 --quick]`: cost decoding (research section 3) on synthetic
 * speech with KNOWN text. espeak-ng speaks each sentence at several rates (sox resamples to 16 kHz mono; cached in
 * .cache/research-cost/), the dev model (whisper-dev-random, random weights) beam-decodes the window plainly and under
 * each cost setting, and the table shows, per setting: how many windows' decisions the cost changed (tokens differ from
 * plain beam), the share of beam steps whose best candidate changed, whether the hypothesis' espeak-ng phoneme count
 * and token count moved toward the known text's, and the cost term's time per step next to the decode's.
 * The weights are random: the text is gibberish, so only the mechanism and the direction of the change are measured,
 * never transcription quality. `--quick`: one rate only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadAudio } from '../src/audio/index.js';
import { DEV_MODEL_DIR } from '../src/transcription/reference/load-reference.js';
import { DEFAULT_COST_OPTIONS, encodeFirstWindow, EspeakPhonemizer, estimateAudioBudget, loadResearchModel, runCostArms, textPhonemes } from '../src/research/index.js';
import type { CostArm, CostArmResult } from '../src/research/index.js';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const beamSize = arg('--beam', 5);
const sampleLen = arg('--sample-len', 96);

const SENTENCES = [
  'The quick brown fox jumps over the lazy dog.',
  'She sells sea shells by the sea shore, and the shells she sells are surely sea shells.',
  'Please call Stella. Ask her to bring these things with her from the store.',
  'A large language model is not a speech recognizer, but it can correct one.',
];
const RATES = quick ? [175] : [130, 230];
const dir = '.cache/research-cost/';
mkdirSync(dir, { recursive: true });

function synth(i: number, rate: number): string {
  const out = `${dir}s${i}-r${rate}.wav`;
  if (existsSync(out)) return out;
  const raw = `${dir}s${i}-r${rate}-raw.wav`;
  const speak = spawnSync('espeak-ng', ['-v', 'en-us', '-s', String(rate), '-w', raw, SENTENCES[i] as string]);
  if (speak.status !== 0) throw new Error(`espeak-ng failed: ${speak.stderr.toString()}`);
  const conv = spawnSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out]);
  if (conv.status !== 0) throw new Error(`sox failed: ${conv.stderr.toString()}`);
  return out;
}

// Phonemes by BPE piece (each vocabulary piece phonemised once) in the sweep; one arm with exact whole-word lookups.
const base = { ...DEFAULT_COST_OPTIONS, phonemeLookup: 'piece' as const };
const ARMS: CostArm[] = [
  { name: 'beam (no hooks)', options: null },
  { name: 'all terms off', options: base },
  { name: 'phon pool l=0.01', options: { ...base, lambda: 0.01, pausePool: false } },
  { name: 'phon pool l=0.1', options: { ...base, lambda: 0.1, pausePool: false } },
  { name: 'phon l=0.1 by word', options: { ...base, lambda: 0.1, pausePool: false, phonemeLookup: 'word' } },
  { name: 'phon pool l=1', options: { ...base, lambda: 1, pausePool: false } },
  { name: 'pause pool l=0.1', options: { ...base, lambda: 0.1, phonemePool: false } },
  { name: 'both pools l=0.1', options: { ...base, lambda: 0.1 } },
  { name: 'both, pause credit', options: { ...base, lambda: 0.1, pauseRule: 'credit' } },
  { name: 'unit tokens l=0.1', options: { ...base, lambda: 0.1, tokenCost: 'unit' } },
  { name: 'both l=0.1 mu=0.5', options: { ...base, lambda: 0.1, mu: 0.5 } },
  { name: 'entropy w=1', options: { ...base, entropyWeight: 1 } },
  { name: 'repetition w=1', options: { ...base, repetitionWeight: 1 } },
];

const phonemizer = new EspeakPhonemizer();
const dev = await loadResearchModel(DEV_MODEL_DIR, { intraOpNumThreads: 2 });
console.log(`cost decoding on whisper-dev-random (RANDOM weights: gibberish text; mechanism and direction only), beam ${beamSize}, sampleLen ${sampleLen}`);
console.log(`synthetic speech: ${SENTENCES.length} sentences x rates ${RATES.join('/')} wpm (espeak-ng en-us), no timestamps`);
interface Agg { windows: number; changed: number; steps: number; changedSteps: number; costMs: number; decodeMs: number; decoderSteps: number; phonCloser: number; phonFarther: number; tokCloser: number; tokFarther: number; phonGap: number; tokGap: number; identical: number }
const agg = new Map<string, Agg>(ARMS.map((a) => [a.name, { windows: 0, changed: 0, steps: 0, changedSteps: 0, costMs: 0, decodeMs: 0, decoderSteps: 0, phonCloser: 0, phonFarther: 0, tokCloser: 0, tokFarther: 0, phonGap: 0, tokGap: 0, identical: 0 }]));
const sign = (x: number): number => (x < 0 ? -1 : x > 0 ? 1 : 0);
try {
  for (let i = 0; i < SENTENCES.length; i++) {
    for (const rate of RATES) {
      const audio = await loadAudio(synth(i, rate));
      const budget = await estimateAudioBudget(audio.samples);
      const known = SENTENCES[i] as string;
      const knownPhon = textPhonemes(known, phonemizer);
      const knownTok = dev.tokenizer.encode(` ${known}`).length;
      const encoded = await encodeFirstWindow(dev.model, audio.samples);
      const rows: CostArmResult[] = await runCostArms({ decoder: dev.model.decoder, tokenizer: dev.tokenizer }, encoded, budget, ARMS, { beamSize, sampleLen }, phonemizer);
      const plain = rows[0] as CostArmResult;
      console.log(`s${i} @${rate} wpm: audio ${(audio.samples.length / 16000).toFixed(2)} s, voiced runs ${budget.voicedRuns}, pauses ${budget.pauses}, voiced ${budget.voicedSec.toFixed(2)} s | known: ${knownPhon} phonemes, ${knownTok} tokens | plain beam: ${plain.phonemes} phonemes, ${plain.tokens.length} tokens`);
      for (const r of rows) {
        const a = agg.get(r.name) as Agg;
        a.windows++;
        const same = r.tokens.length === plain.tokens.length && r.tokens.every((t, k) => t === plain.tokens[k]);
        if (!same) a.changed++;
        if (r.stats !== null) {
          a.steps += r.stats.steps;
          a.changedSteps += r.stats.changedSteps;
          a.costMs += r.stats.costMs;
        }
        a.decodeMs += r.decodeMs;
        a.decoderSteps += r.decoderSteps;
        const dp = sign(Math.abs(r.phonemes - knownPhon) - Math.abs(plain.phonemes - knownPhon));
        const dt = sign(Math.abs(r.tokens.length - knownTok) - Math.abs(plain.tokens.length - knownTok));
        if (dp < 0) a.phonCloser++;
        if (dp > 0) a.phonFarther++;
        if (dt < 0) a.tokCloser++;
        if (dt > 0) a.tokFarther++;
        a.phonGap += r.phonemes - knownPhon;
        a.tokGap += r.tokens.length - knownTok;
      }
    }
  }
} finally {
  await dev.model.dispose();
}
const plainAgg = agg.get('beam (no hooks)') as Agg;
const plainMsPerStep = plainAgg.decodeMs / plainAgg.decoderSteps;
console.log('');
console.log(`${'setting'.padEnd(22)}${'changed windows'.padEnd(17)}${'changed steps'.padEnd(15)}${'phon closer/farther'.padEnd(21)}${'tok closer/farther'.padEnd(20)}${'mean phon-known'.padEnd(17)}${'mean tok-known'.padEnd(16)}${'cost ms/step'.padEnd(14)}${'decode ms/step (x plain)'}`);
for (const arm of ARMS) {
  const a = agg.get(arm.name) as Agg;
  const msPerStep = a.decodeMs / a.decoderSteps;
  console.log(
    `${arm.name.padEnd(22)}${`${a.changed}/${a.windows}`.padEnd(17)}${(a.steps > 0 ? `${((100 * a.changedSteps) / a.steps).toFixed(1)}%` : '-').padEnd(15)}${`${a.phonCloser}/${a.phonFarther}`.padEnd(21)}${`${a.tokCloser}/${a.tokFarther}`.padEnd(20)}${(a.phonGap / a.windows).toFixed(1).padEnd(17)}${(a.tokGap / a.windows).toFixed(1).padEnd(16)}${(a.steps > 0 ? (a.costMs / a.steps).toFixed(3) : '-').padEnd(14)}${msPerStep.toFixed(2)} (x${(msPerStep / plainMsPerStep).toFixed(2)})`,
  );
}
console.log(`espeak-ng: ${phonemizer.spawns} processes, ${phonemizer.spawnMs.toFixed(0)} ms in total, ${phonemizer.size} distinct words cached`);
console.log('"all terms off" must show 0 changed windows (the hooks with nothing switched on decode exactly like plain beam).');
