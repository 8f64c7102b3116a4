/**
 * A scripted conversation for the agent tests and `npm run acceptance:agent`: each turn is spoken by espeak-ng in
 * its own voice, the turns are laid out with the given pauses in one 16 kHz WAV, and a sidecar script
 * (`--script`) records each turn's speaker and the time span of its voiced audio (first to last sample above
 * 1 % of full scale). Generated, never downloaded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { encodeWav16 } from '@cephalon/bench';
import { loadAudio } from '@cephalon/stt';
import type { ScriptTurn } from '../src/agent/index.js';

export interface TurnSpec {
  readonly speaker: string;
  /** espeak-ng voice, e.g. en+m3, en+f2. */
  readonly voice: string;
  readonly text: string;
  /** Silence before this turn [s]. */
  readonly pauseBeforeSec: number;
}

export interface Conversation {
  readonly wavPath: string;
  readonly scriptPath: string;
  readonly turns: readonly ScriptTurn[];
  readonly durationSec: number;
}

export const hasEspeak = (): boolean => spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;

const RATE = 16_000;
const VOICED = 0.01;

/** Writes `<dir>/conversation.wav` and `<dir>/conversation.script.jsonl`; `tailSec` of silence at the end. */
export async function buildConversation(specs: readonly TurnSpec[], dir: string, tailSec: number): Promise<Conversation> {
  const work = mkdtempSync(join(tmpdir(), 'cephalon-conv-'));
  try {
    const pieces: { spec: TurnSpec; samples: Float32Array }[] = [];
    for (const [i, spec] of specs.entries()) {
      const wav = join(work, `turn-${i}.wav`);
      const r = spawnSync('espeak-ng', ['-v', spec.voice, '-s', '165', '-w', wav, '--', spec.text], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`espeak-ng failed for turn ${i}: ${r.stderr}`);
      const audio = await loadAudio(new Uint8Array(readFileSync(wav)));
      let a = 0;
      let b = audio.samples.length;
      while (a < b && Math.abs(audio.samples[a] as number) < VOICED) a++;
      while (b > a && Math.abs(audio.samples[b - 1] as number) < VOICED) b--;
      pieces.push({ spec, samples: audio.samples.subarray(a, b) });
    }
    const total = pieces.reduce((s, p) => s + Math.round(p.spec.pauseBeforeSec * RATE) + p.samples.length, 0) + Math.round(tailSec * RATE);
    const out = new Float32Array(total);
    const turns: ScriptTurn[] = [];
    let at = 0;
    for (const p of pieces) {
      at += Math.round(p.spec.pauseBeforeSec * RATE);
      out.set(p.samples, at);
      turns.push({ speaker: p.spec.speaker, voice: p.spec.voice, text: p.spec.text, startSec: at / RATE, endSec: (at + p.samples.length) / RATE });
      at += p.samples.length;
    }
    const wavPath = join(dir, 'conversation.wav');
    const scriptPath = join(dir, 'conversation.script.jsonl');
    writeFileSync(wavPath, encodeWav16(out, RATE));
    writeFileSync(scriptPath, turns.map((t) => JSON.stringify(t)).join('\n') + '\n');
    return { wavPath, scriptPath, turns, durationSec: total / RATE };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Loop parameters of the scripted runs: a talkative agent (curious early, no social or doubt inhibition, 4 s
 * cooldown), so that a short conversation has speak decisions and attempts to check. The guardrails are unchanged.
 */
export const TALKATIVE_LOOP_PARAMS = { states: { seekAbove: 0.35 }, policy: { threshold: 0.05, socialInhibition: 0, doubt: 0, cooldownSec: 4 } };

/** Three short turns (two voices) with pauses: the fast test. */
export const SHORT_CONVERSATION: readonly TurnSpec[] = [
  { speaker: 'ada', voice: 'en+f2', text: 'Hello everyone, how are you today?', pauseBeforeSec: 1 },
  { speaker: 'bob', voice: 'en+m3', text: 'I am fine, thank you. I walked by the river.', pauseBeforeSec: 2.5 },
  { speaker: 'ada', voice: 'en+f2', text: 'That sounds lovely.', pauseBeforeSec: 2.5 },
];
