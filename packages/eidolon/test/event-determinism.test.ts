import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RUN_CONFIG, createLexiconScorer, parseEventLog, parseTrajectory, recordTrajectory, replayTrajectory, runScoredLog, scoreEvents } from '../src/index.js';
import type { ScoredEvent } from '../src/index.js';

const STEPS = 100_000;
const DT = 0.01;

/** A log spread over the 1000 s run: three speakers, all four modalities. */
function eventLog(): string {
  const lines = [
    { timestamp: 1, modality: 'text', content: "I'm here to help you", speaker: 'ada' },
    { timestamp: 50, modality: 'text', content: 'You are useless!', speaker: 'bob' },
    { timestamp: 120, modality: 'audio', content: { amplitude: 0.6, frequencyHz: 2.3 } },
    { timestamp: 200, modality: 'text', content: 'Because the field settles, therefore we believe in this', speaker: 'ada' },
    { timestamp: 333, modality: 'image', content: { entropy: 0.8 } },
    { timestamp: 480, modality: 'world', content: { kind: 'damage', intensity: -0.7 } },
    { timestamp: 600, modality: 'text', content: "That's not right, you're hurting people", speaker: 'cy' },
    { timestamp: 900, modality: 'text', content: "You're brilliant at this", speaker: 'bob' },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

async function scored(): Promise<ScoredEvent[]> {
  return scoreEvents(parseEventLog(eventLog()), createLexiconScorer());
}

test('acceptance 5: same seed + same event log -> identical state hash after 1e5 steps; another seed differs', async () => {
  const events = await scored();
  const config = { ...DEFAULT_RUN_CONFIG, steps: STEPS, dtSec: DT, recordEvery: 0 };
  const a = runScoredLog(events, { ...config, seed: 11 });
  const b = runScoredLog(events, { ...config, seed: 11 });
  const c = runScoredLog(events, { ...config, seed: 12 });
  assert.equal(a.world.stepCount, STEPS);
  assert.equal(a.world.agentCount, 4, 'self + ada, bob, cy placed from their language');
  assert.equal(a.world.stateHash(), b.world.stateHash());
  assert.notEqual(a.world.stateHash(), c.world.stateHash());
  assert.ok(a.inputFieldEnergy > 0, 'packets injected field energy');
  const ledger = a.world.ledger();
  assert.ok(ledger.violations === 0, `ledger closes through the event path (${JSON.stringify(ledger.violations)})`);
  console.log(`# hash seed 11: ${a.world.stateHash()} (twice), seed 12: ${c.world.stateHash()}, input field energy ${a.inputFieldEnergy.toExponential(3)}`);
});

test('a recorded trajectory replays to the same hash; a tampered one does not', async () => {
  const events = await scored();
  const config = { ...DEFAULT_RUN_CONFIG, seed: 5, steps: 3000, dtSec: 0.05, recordEvery: 100 };
  const { lines, stateHash } = recordTrajectory(events.slice(0, 3), config);
  const report = replayTrajectory(parseTrajectory(lines.join('\n')));
  assert.equal(report.actualHash, stateHash);
  assert.ok(report.matches);
  assert.equal(report.samplesCompared, 31);
  const header = JSON.parse(lines[0] as string) as { seed: number };
  header.seed = 6;
  const tampered = replayTrajectory(parseTrajectory([JSON.stringify(header), ...lines.slice(1)].join('\n')));
  assert.equal(tampered.matches, false);
  assert.ok(tampered.sampleMismatches > 0);
});
