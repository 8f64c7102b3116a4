/**
 * A readable alignment, in the layout of jiwer's `visualize_alignment`:
 * ```
 * REF: this  is a ***** test of skill
 * HYP: this was a messy test ** *****
 *             S       I       D     D
 * ```
 */
import type { AlignmentChunk } from './levenshtein.js';
import type { CharMeasures, WordMeasures } from './measures.js';
import { codePointLength } from './tokenize.js';

/** One aligned sentence: its tokens and chunks. */
export interface AlignedSentence {
  readonly reference: readonly string[];
  readonly hypothesis: readonly string[];
  readonly chunks: readonly AlignmentChunk[];
}

/** Options of {@link renderAlignment}. */
export interface AlignmentViewOptions {
  /** Character-level tokens: no separator between columns. Default false (words). */
  readonly characters?: boolean;
  /** Leave out sentences without errors. Default true (as jiwer). */
  readonly skipCorrect?: boolean;
  /** Append the `=== SUMMARY ===` block (needs `measures`). Default false. */
  readonly showMeasures?: boolean;
  /** Wrap lines longer than this many code points, at best effort. */
  readonly lineWidth?: number;
}

const OP_LETTER: Readonly<Record<AlignmentChunk['type'], string>> = { equal: ' ', substitute: 'S', delete: 'D', insert: 'I' };

function padLeft(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - codePointLength(s))) + s;
}

/** The (ref, hyp, op) column triples of one sentence. */
function columns(s: AlignedSentence): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const chunk of s.chunks) {
    const refs = s.reference.slice(chunk.refStart, chunk.refEnd);
    const hyps = s.hypothesis.slice(chunk.hypStart, chunk.hypEnd);
    const n = chunk.type === 'insert' ? hyps.length : refs.length;
    for (let k = 0; k < n; k += 1) {
      const rf = chunk.type === 'insert' ? '*' : (refs[k] ?? '');
      const hp = chunk.type === 'delete' ? '*' : (hyps[k] ?? '');
      out.push([rf, hp, OP_LETTER[chunk.type]]);
    }
  }
  return out;
}

/** jiwer `_construct_comparison_string`. */
function sentenceLines(s: AlignedSentence, separate: boolean, lineWidth: number | undefined): string {
  let ref = 'REF: ';
  let hyp = 'HYP: ';
  let ops = '     ';
  let done = '';
  const sep = separate ? ' ' : '';
  const trim = (x: string): string => (separate ? x.slice(0, -1) : x);
  for (const [rf0, hp0, op] of columns(s)) {
    const width = Math.max(codePointLength(rf0), codePointLength(hp0), 1);
    if (lineWidth !== undefined && codePointLength(ref) + width > lineWidth) {
      done += `${trim(ref)}\n${trim(hyp)}\n${trim(ops)}\n\n`;
      ref = 'REF: ';
      hyp = 'HYP: ';
      ops = '     ';
    }
    let rf = rf0;
    let hp = hp0;
    if (rf === '*') rf = '*'.repeat(width);
    else if (hp === '*') hp = '*'.repeat(width);
    ref += padLeft(rf, width) + sep;
    hyp += padLeft(hp, width) + sep;
    ops += padLeft(op, width) + sep;
  }
  return `${done}${trim(ref)}\n${trim(hyp)}\n${trim(ops)}\n`;
}

/**
 * Python's `f"{x * 100:.2f}%"`. Python rounds exact ties half-to-even, `toFixed` upwards; an exact tie at two
 * decimals is a value t/200 with t odd and representable in binary (t a multiple of 25).
 */
function percent(x: number): string {
  const p = x * 100;
  const t = Math.round(p * 200);
  if (Math.abs(t) % 2 === 1 && t % 25 === 0 && t / 200 === p) {
    const lower = (t - 1) / 2;
    const even = lower % 2 === 0 ? lower : lower + 1;
    return `${(even / 100).toFixed(2)}%`;
  }
  return `${p.toFixed(2)}%`;
}

function summary(count: number, m: WordMeasures | CharMeasures): string {
  let out = `=== SUMMARY ===\nnumber of sentences: ${count}\n`;
  out += `substitutions=${m.substitutions} deletions=${m.deletions} insertions=${m.insertions} hits=${m.hits}\n`;
  if ('cer' in m) return `${out}\ncer=${percent(m.cer)}\n`;
  return `${out}\nmer=${percent(m.mer)}\nwil=${percent(m.wil)}\nwip=${percent(m.wip)}\nwer=${percent(m.wer)}\n`;
}

/**
 * Renders aligned sentences like jiwer's `visualize_alignment` (same spacing, `*` fillers, S/D/I markers).
 * @param measures pooled measures for the summary block (when `showMeasures`).
 */
export function renderAlignment(
  sentences: readonly AlignedSentence[],
  options: AlignmentViewOptions = {},
  measures?: WordMeasures | CharMeasures,
): string {
  const skipCorrect = options.skipCorrect ?? true;
  let out = '';
  sentences.forEach((s, idx) => {
    const correct = s.chunks.length === 0 || (s.chunks.length === 1 && s.chunks[0]?.type === 'equal');
    if (skipCorrect && correct) return;
    out += `=== SENTENCE ${idx + 1} ===\n\n`;
    out += sentenceLines(s, options.characters !== true, options.lineWidth);
    out += '\n';
  });
  if (options.showMeasures === true && measures !== undefined) return out + summary(sentences.length, measures);
  return out.slice(0, -1);
}
