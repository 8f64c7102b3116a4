/**
 * Simulated window outputs of a chunked Whisper run over a known reference: boundary words cut or half-heard,
 * substitutions near cut edges, warm-up stutter, echoes of the previous window's tail, loops, timestamps jittered
 * by up to +-0.1 s. Every emitted word records which reference word it stands for (its provenance), so duplicated
 * and dropped words can be counted exactly.
 */
import type { StitchWord, WindowTranscript } from '@cephalon/stt';
import type { Rng } from './rng.js';
import { substitute, type RefWord } from './timeline.js';

export type WordKind = 'word' | 'sub' | 'fragment' | 'echo' | 'stutter' | 'loop';

export interface Provenance {
  readonly kind: WordKind;
  readonly refIndex: number;
}

export interface SimWindow {
  readonly transcript: WindowTranscript;
  readonly provenance: readonly Provenance[];
}

/** Artifact rates; the defaults are the benchmark's suite. */
export interface ArtifactRates {
  readonly globalSub: number;
  readonly edgeSub: number;
  readonly edgeZoneSec: number;
  readonly stutter: number;
  readonly echo: number;
  /** Probability per window of a loop (0 outside loop cases). */
  readonly loop: number;
  readonly jitterSec: number;
  /**
   * Text-only cases: each window after the first starts with 1..leadInMax mis-heard copies of the words just before
   * its audio (junk the previous window already transcribed), so the overlap passage begins at word 2-5 (0 = off).
   */
  readonly leadInMax: number;
}

export const DEFAULT_RATES: ArtifactRates = { globalSub: 0.03, edgeSub: 0.35, edgeZoneSec: 1.5, stutter: 0.35, echo: 0.3, loop: 0, jitterSec: 0.1, leadInMax: 0 };

interface Emitted {
  readonly word: StitchWord;
  readonly prov: Provenance;
}

/** The single-pass output: the reference with global substitutions only (same for every window). */
export function unchunkedHypothesis(ref: readonly RefWord[], rates: ArtifactRates, rng: Rng): Emitted[] {
  return ref.map((r) => {
    const sub = rng.chance(rates.globalSub);
    const text = sub ? substitute(r.text, rng) : r.text;
    const confidence = sub ? rng.uniform(0.3, 0.7) : rng.uniform(0.75, 0.99);
    return { word: { text, startSec: r.startSec, endSec: r.endSec, confidence }, prov: { kind: sub ? 'sub' : 'word', refIndex: r.index } };
  });
}

function jittered(w: StitchWord, rng: Rng, jitter: number, lo: number, hi: number): StitchWord {
  const s = Math.min(hi, Math.max(lo, (w.startSec ?? 0) + rng.uniform(-jitter, jitter)));
  const e = Math.min(hi, Math.max(s + 0.02, (w.endSec ?? 0) + rng.uniform(-jitter, jitter)));
  return { ...w, startSec: s, endSec: e };
}

function fragment(text: string, keepFraction: number, fromEnd: boolean): string | undefined {
  const bare = text.replace(/[^\p{L}\p{N}']/gu, '');
  if (bare.length <= 3) return undefined;
  const n = Math.max(2, Math.min(bare.length - 1, Math.round(bare.length * keepFraction)));
  return fromEnd ? bare.slice(bare.length - n) : bare.slice(0, n);
}

interface WindowSpec {
  readonly startSec: number;
  readonly endSec: number;
  readonly cutStart: boolean;
  readonly cutEnd: boolean;
}

function boundaryWord(h: Emitted, r: RefWord, spec: WindowSpec, atStart: boolean, rng: Rng): Emitted | undefined {
  const roll = rng.next();
  if (roll < 1 / 3) return undefined;
  const lo = atStart ? spec.startSec : r.startSec;
  const hi = atStart ? r.endSec : spec.endSec;
  const heard = (hi - lo) / (r.endSec - r.startSec);
  const frag = roll < 2 / 3 ? fragment(r.text, heard, atStart) : undefined;
  const text = frag ?? h.word.text;
  const confidence = rng.uniform(0.2, 0.6);
  return { word: { text, startSec: lo, endSec: hi, confidence }, prov: { kind: frag === undefined ? h.prov.kind : 'fragment', refIndex: r.index } };
}

function interiorWord(h: Emitted, spec: WindowSpec, rates: ArtifactRates, rng: Rng): Emitted {
  const c = ((h.word.startSec ?? 0) + (h.word.endSec ?? 0)) / 2;
  const d = Math.min(spec.cutStart ? c - spec.startSec : Infinity, spec.cutEnd ? spec.endSec - c : Infinity);
  const p = rates.edgeSub * Math.max(0, 1 - d / rates.edgeZoneSec);
  if (!rng.chance(p)) return h;
  return { word: { ...h.word, text: substitute(h.word.text, rng), confidence: rng.uniform(0.25, 0.6) }, prov: { kind: 'sub', refIndex: h.prov.refIndex } };
}

/** The words a window hears: interior words (edge substitutions), and boundary words cut, half-heard or whole. */
function heardWords(ref: readonly RefWord[], hyp: readonly Emitted[], spec: WindowSpec, rates: ArtifactRates, rng: Rng): Emitted[] {
  const out: Emitted[] = [];
  ref.forEach((r, i) => {
    const h = hyp[i] as Emitted;
    if (r.endSec <= spec.startSec || r.startSec >= spec.endSec) return;
    const cutAtStart = spec.cutStart && r.startSec < spec.startSec;
    const cutAtEnd = spec.cutEnd && r.endSec > spec.endSec;
    const e = cutAtStart || cutAtEnd ? boundaryWord(h, r, spec, cutAtStart, rng) : interiorWord(h, spec, rates, rng);
    if (e !== undefined) out.push(e);
  });
  return out;
}

function copies(src: readonly Emitted[], kind: WordKind, times: (k: number) => [number, number], conf: [number, number], rng: Rng): Emitted[] {
  return src.map((e, k) => {
    const [startSec, endSec] = times(k);
    return { word: { text: e.word.text, startSec, endSec, confidence: rng.uniform(...conf) }, prov: { kind, refIndex: e.prov.refIndex } };
  });
}

/** 1..leadInMax mis-heard copies of the reference words just before `spec.startSec` (see `leadInMax`). */
function leadIn(ref: readonly RefWord[], spec: WindowSpec, rates: ArtifactRates, rng: Rng): Emitted[] {
  if (!spec.cutStart || rates.leadInMax <= 0) return [];
  const before = ref.filter((r) => r.endSec <= spec.startSec).slice(-rng.int(1, rates.leadInMax));
  return before.map((r, k) => ({
    word: { text: substitute(r.text, rng), startSec: spec.startSec + 0.1 * k, endSec: spec.startSec + 0.1 * (k + 1), confidence: rng.uniform(0.2, 0.5) },
    prov: { kind: 'echo' as const, refIndex: r.index },
  }));
}

/** Adds warm-up stutter, an echo of `prevTail` and loops to a window's heard words. */
function addArtifacts(words: Emitted[], prevTail: readonly Emitted[], spec: WindowSpec, rates: ArtifactRates, rng: Rng): Emitted[] {
  let out = words;
  if (spec.cutStart && out.length > 3 && rng.chance(rates.stutter)) {
    const m = rng.int(1, 3);
    const head = out.slice(0, m);
    const stutter = copies(head, 'stutter', (k) => [head[k]?.word.startSec ?? 0, head[k]?.word.endSec ?? 0], [0.25, 0.55], rng);
    out = [...stutter, ...out];
  }
  if (spec.cutStart && prevTail.length >= 2 && rng.chance(rates.echo)) {
    const tail = prevTail.slice(-rng.int(2, Math.min(4, prevTail.length)));
    const step = 0.08;
    out = [...copies(tail, 'echo', (k) => [spec.startSec + k * step, spec.startSec + (k + 1) * step], [0.3, 0.6], rng), ...out];
  }
  if (out.length > 6 && rng.chance(rates.loop)) {
    const n = rng.int(1, 3);
    const reps = rng.int(3, 8);
    const atEnd = rng.chance(0.5);
    const at = atEnd ? out.length : rng.int(3, out.length - 3);
    const phrase = out.slice(at - n, at);
    const endT = phrase[n - 1]?.word.endSec ?? spec.endSec;
    const loop = Array.from({ length: reps }, () =>
      copies(phrase, 'loop', (k) => (atEnd ? [endT + 0.01 * k, endT + 0.01 * (k + 1)] : [phrase[k]?.word.startSec ?? 0, phrase[k]?.word.endSec ?? 0]), [0.15, 0.45], rng),
    ).flat();
    out = [...out.slice(0, at), ...loop, ...out.slice(at)];
  }
  return out;
}

/** Simulates every window of a chunked run with `windowSec` windows overlapping by `overlapSec`. */
export function simulateWindows(ref: readonly RefWord[], hyp: readonly Emitted[], windowSec: number, overlapSec: number, rates: ArtifactRates, rng: Rng): SimWindow[] {
  const total = (ref[ref.length - 1]?.endSec ?? 0) + 0.5;
  const stride = windowSec - overlapSec;
  const out: SimWindow[] = [];
  let prevTail: Emitted[] = [];
  for (let s = 0; ; s += stride) {
    const e = Math.min(total, s + windowSec);
    const spec: WindowSpec = { startSec: s, endSec: e, cutStart: s > 0, cutEnd: e < total };
    const heard = heardWords(ref, hyp, spec, rates, rng);
    const emitted = [...leadIn(ref, spec, rates, rng), ...addArtifacts(heard, prevTail, spec, rates, rng)].map((x) => ({ ...x, word: jittered(x.word, rng, rates.jitterSec, s, e) }));
    out.push({ transcript: { startSec: s, endSec: e, words: emitted.map((x) => x.word) }, provenance: emitted.map((x) => x.prov) });
    prevTail = heard.slice(-4);
    if (e >= total) break;
  }
  return out;
}
