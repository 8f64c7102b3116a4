/**
 * The synthetic dataset pipeline: scripts -> speech through a TTS command template (espeak-ng by default) ->
 * 16 kHz mono WAV -> seeded augmentation -> NeMo manifest. The script is the reference by construction, and every
 * utterance is tagged `synthetic: true`.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidOptionError } from '@cephalon/stt';
import { runCommand } from '../../engines/run-command.js';
import { fillTemplate } from '../../engines/template.js';
import { writeManifest } from '../manifest.js';
import type { Dataset, Utterance } from '../types.js';
import { audioDurationSec } from '../wav-info.js';
import { planAugmentations, soxEffects, type AugmentOptions, type AugmentPlan } from './augment.js';
import { addNoise } from './noise.js';

/** espeak-ng writing a WAV: the default TTS command. `--` ends its options, so a script line such as `-f/etc/hostname` is spoken, not obeyed. */
export const DEFAULT_TTS_COMMAND: readonly string[] = ['espeak-ng', '-w', '{out}', '--', '{text}'];

/**
 * Refuses a text the TTS would read as an option: a `{text}` argument of its own, not after a `--`, with a text
 * starting with `-` (`-f/etc/hostname` would make espeak-ng speak that file).
 */
function checkOptionInjection(tts: readonly string[], text: string, line: number): void {
  if (!text.startsWith('-')) return;
  const at = tts.indexOf('{text}');
  if (at < 0 || tts.slice(0, at).includes('--')) return;
  throw new InvalidOptionError('tts_option_injection', `script line ${line} starts with '-' (${JSON.stringify(text.slice(0, 40))}) and the TTS command would read it as an option`, {
    hint: `put '--' before {text} in the TTS template (the default does: ${DEFAULT_TTS_COMMAND.join(' ')})`,
    details: { line },
  });
}

/** Options of {@link synthesizeDataset}. */
export interface SynthesizeOptions {
  readonly scripts: readonly string[];
  /** Output folder: `audio/*.wav` and `manifest.jsonl`. */
  readonly outDir: string;
  /** TTS argument template with `{text}` and `{out}` (and optionally `{voice}`). */
  readonly ttsCommand?: readonly string[];
  /** Voices cycled over utterances (filled into `{voice}`), e.g. espeak-ng `en-us`, `en-gb`. */
  readonly voices?: readonly string[];
  readonly augment?: AugmentOptions;
  /** Seed of the augmentation plan. Default 0. */
  readonly seed?: number;
  /** Called after each utterance. */
  readonly onProgress?: (done: number, total: number, utterance: Utterance) => void;
}

function tagsOf(plan: AugmentPlan, voice: string | undefined, tts: string): Record<string, string | number | boolean> {
  return {
    synthetic: true, tts,
    ...(voice === undefined ? {} : { voice }),
    ...(plan.speed === undefined ? {} : { aug_speed: plan.speed }),
    ...(plan.pitchCents === undefined ? {} : { aug_pitch_cents: plan.pitchCents }),
    ...(plan.reverb === undefined ? {} : { aug_reverb: plan.reverb }),
    ...(plan.noiseSnrDb === undefined ? {} : { aug_noise_snr_db: plan.noiseSnrDb, aug_noise_seed: plan.noiseSeed ?? 0 }),
  };
}

async function renderOne(text: string, raw: string, wav: string, plan: AugmentPlan, tts: readonly string[], voice: string | undefined): Promise<void> {
  await runCommand(fillTemplate(tts, { text, out: raw, ...(voice === undefined ? {} : { voice }) }));
  await runCommand(['sox', '-D', raw, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', wav, ...soxEffects(plan), ...(soxEffects(plan).length > 0 ? ['rate', '16000'] : [])]);
  await rm(raw, { force: true });
  if (plan.noiseSnrDb !== undefined) await addNoise(wav, plan.noiseSnrDb, plan.noiseSeed ?? 0);
}

/**
 * Renders every script and writes `manifest.jsonl`.
 * @example await synthesizeDataset({ scripts: ['hello there'], outDir: '/tmp/synth', augment: { noiseSnrDb: [20] }, seed: 1 })
 */
export async function synthesizeDataset(options: SynthesizeOptions): Promise<Dataset> {
  const tts = options.ttsCommand ?? DEFAULT_TTS_COMMAND;
  if (!tts.some((a) => a.includes('{text}')) || !tts.some((a) => a.includes('{out}'))) {
    throw new InvalidOptionError('tts_template', `TTS command must contain {text} and {out}: ${tts.join(' ')}`, { hint: "Default: ['espeak-ng', '-w', '{out}', '--', '{text}']" });
  }
  options.scripts.forEach((text, k) => checkOptionInjection(tts, text, k + 1));
  const outDir = resolve(options.outDir);
  const audioDir = join(outDir, 'audio');
  await mkdir(audioDir, { recursive: true });
  const plans = planAugmentations(options.scripts.length, options.augment ?? {}, options.seed ?? 0);
  const width = String(options.scripts.length).length;
  const utterances: Utterance[] = [];
  for (const [k, text] of options.scripts.entries()) {
    const id = `synth-${String(k + 1).padStart(Math.max(width, 4), '0')}`;
    const wav = join(audioDir, `${id}.wav`);
    const voice = options.voices === undefined || options.voices.length === 0 ? undefined : options.voices[k % options.voices.length];
    const plan = plans[k] ?? {};
    await renderOne(text, join(audioDir, `${id}.tts.wav`), wav, plan, tts, voice);
    const u: Utterance = { id, audioPath: wav, reference: text, durationSec: await audioDurationSec(wav), tags: tagsOf(plan, voice, tts[0] ?? '') };
    utterances.push(u);
    options.onProgress?.(k + 1, options.scripts.length, u);
  }
  await writeManifest(join(outDir, 'manifest.jsonl'), utterances);
  return { name: 'synthetic', source: join(outDir, 'manifest.jsonl'), utterances };
}
