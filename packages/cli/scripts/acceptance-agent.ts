/**
 * `npm run acceptance:agent [-- --speed X] [--keep DIR]`: a scripted conversation (espeak-ng, three voices, five
 * turns with pauses, one long turn; the agent's attempts to speak while someone talks are held back and logged) played at real-time speed through
 * `cephalon agent` with the random-weight development model (gibberish text: the checks are on utterance counts,
 * timing, decisions and the state hash, not on words). Prints the turns, the agent's timeline and the check table;
 * exits 1 when a check fails.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseAgentLog } from '../src/agent/index.js';
import type { AgentRecord } from '../src/agent/index.js';
import { main } from '../src/main.js';
import { checkAgentLog, formatTable } from '../test/agent-checks.js';
import { buildConversation, hasEspeak, TALKATIVE_LOOP_PARAMS } from '../test/agent-conversation.js';
import type { TurnSpec } from '../test/agent-conversation.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));

const TURNS: readonly TurnSpec[] = [
  { speaker: 'ada', voice: 'en+f2', text: 'Good morning everyone. Did you all sleep well?', pauseBeforeSec: 1 },
  { speaker: 'bob', voice: 'en+m3', text: 'Not really, the neighbours had a party until two in the morning.', pauseBeforeSec: 2 },
  { speaker: 'cy', voice: 'en+m1', text: 'That sounds awful. I slept like a baby.', pauseBeforeSec: 1.5 },
  {
    speaker: 'ada',
    voice: 'en+f2',
    text: 'Let me tell you about my trip. We drove to the coast on Saturday, the weather was perfect, we walked along the cliffs for hours, and in the evening we ate fish by the harbour while the sun went down.',
    pauseBeforeSec: 6,
  },
  { speaker: 'bob', voice: 'en+m3', text: 'I would love to go there some day.', pauseBeforeSec: 3 },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function run(): Promise<number> {
  if (!hasEspeak()) {
    process.stderr.write('acceptance:agent needs espeak-ng (Debian package espeak-ng)\n');
    return 1;
  }
  const speed = arg('speed') ?? '1';
  const keep = arg('keep');
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'cephalon-acceptance-agent-'));
  mkdirSync(dir, { recursive: true });
  try {
    const conv = await buildConversation(TURNS, dir, 6);
    const params = join(dir, 'loop-params.json');
    writeFileSync(params, JSON.stringify(TALKATIVE_LOOP_PARAMS));
    const log = join(dir, 'events.jsonl');
    rmSync(log, { force: true });
    process.stdout.write(`conversation: ${conv.turns.length} turns, ${conv.durationSec.toFixed(1)} s, played at speed ${speed} (model: ${MODEL_DIR}, random weights)\n`);
    for (const t of conv.turns) process.stdout.write(`  ${t.speaker.padEnd(4)} ${t.voice?.padEnd(6) ?? ''} ${t.startSec.toFixed(2).padStart(6)}-${t.endSec.toFixed(2).padStart(6)} s\n`);
    const sink = new Writable({ write: (_c, _e, done) => done() });
    const started = performance.now();
    const code = await main(['agent', '--input', conv.wavPath, '--speed', speed, '--model', MODEL_DIR, '--script', conv.scriptPath, '--log', log, '--loop-params', params, '--seed', '7'], {
      stdout: sink, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(),
    });
    const wall = (performance.now() - started) / 1000;
    if (code !== 0) {
      process.stderr.write(`cephalon agent exited ${code}\n`);
      return 1;
    }
    const records: AgentRecord[] = parseAgentLog(readFileSync(log, 'utf8'), log);
    process.stdout.write(`agent run: ${wall.toFixed(1)} s wall (model load included)\n\ntimeline (audio s):\n`);
    for (const r of records) {
      if (r.type === 'speech-end') process.stdout.write(`  VAD speech ${r.startSec.toFixed(2)}-${r.endSec.toFixed(2)}\n`);
      else if (r.type === 'utterance') process.stdout.write(`  utterance #${r.index} ${r.speaker} ${r.startSec.toFixed(2)}-${r.endSec.toFixed(2)}, ${r.words} words, asr confidence ${r.asrConfidence.toFixed(3)}, closed at ${r.heardAtSec.toFixed(2)}\n`);
      else if (r.type === 'tick' && r.inputs.length > 0) process.stdout.write(`  tick ${r.tick} (t=${r.tSec}) field input: utterance ${r.inputs.map((i) => `#${i.utterance}`).join(' ')}\n`);
      else if (r.type === 'speak') process.stdout.write(`  tick ${r.tick} (t=${r.tSec}) SPEAK ${r.thought.kind}/${r.thought.topic}: trigger ${r.terms.trigger.toFixed(3)} - (h_social ${r.terms.hSocial.toFixed(3)} + h_fatigue ${r.terms.hFatigue.toFixed(3)} + h_doubt ${r.terms.hDoubt.toFixed(3)}) = ${r.terms.score.toFixed(3)} > ${r.terms.threshold}\n`);
      else if (r.type === 'stay-silent' && r.reason === 'speech-in-progress') process.stdout.write(`  tick ${r.tick} (t=${r.tSec}) held back: speech in progress (score ${r.terms?.score.toFixed(3) ?? '-'})\n`);
    }
    const rows = checkAgentLog(records, conv.turns, { requireSuppression: true });
    process.stdout.write(`\n${formatTable(rows)}\n`);
    const ok = rows.every((r) => r.ok);
    process.stdout.write(ok ? '\nacceptance:agent passed\n' : '\nacceptance:agent FAILED\n');
    return ok ? 0 : 1;
  } finally {
    if (keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await run();
