/**
 * Reproduces the figures of docs/eidolon-loop.md, "Learning from reactions": a 900-tick scripted
 * conversation (seed 5; ada asks duck something every 60 s and, when `answers`, replies 3 s after each
 * utterance), with learning on (rate 0.3) and off. Run: npx tsx packages/eidolon/scripts/reactions-demo.ts
 */
import { CephalonLoop, scoreLexicon } from '../src/index.js';
const say = (text: string, t: number) => { const s = scoreLexicon(text); return { event: { timestampSec: t, modality: 'text' as const, content: text, speaker: 'ada' }, score: { affect: Array.from(s.affect), confidence: s.confidence, source: s.source } }; };
for (const [answers, rate] of [[true, 0.3], [false, 0.3], [true, 0], [false, 0]] as const) {
  let now = 1_000_000; const { loop } = CephalonLoop.open({ seed: 5, clock: () => now, params: { reactions: { rate, maxBias: 0.3, replyWindowSec: 30 } } });
  const replyAt = new Set<number>(); let speaks = 0; const learned: number[] = [];
  for (let i = 1; i <= 900; i++) { now += 1000; const inp = []; if (i % 60 === 5) inp.push(say('duck, what do you think about this?', i)); if (replyAt.has(i)) inp.push(say('thanks duck, good point', i));
    for (const e of loop.tick(inp)) { if (e.kind === 'speak') { speaks++; learned.push(+e.terms.learned.toFixed(3)); if (answers) replyAt.add(i + 3); } } }
  console.log(`answers=${answers} rate=${rate} utterances=${speaks} learned at each: ${learned.join(' ')}`);
}
