/**
 * Reference/hypothesis pairs from files, for scoring transcripts made by any tool (`cephalon bench score`):
 * - two text files: one sentence per line (as jiwer's CLI), the same number of lines; `global` makes each whole
 *   file one text;
 * - two folders: every `*.txt` of the reference folder (recursively) with the hypothesis file of the same relative
 *   name, each file one text;
 * - one manifest (`.jsonl`): one JSON object per line with `text` and `pred_text` (NeMo's evaluation manifest) or
 *   `reference` and `hypothesis`; an `id` or `audio_filepath` names the pair.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BenchDataError } from '@cephalon/stt';
import type { CorpusPair } from '../metrics/corpus.js';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new BenchDataError('transcript_missing', `Cannot read ${path}`, { hint: 'Check the path.', cause: e, details: { path } });
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    throw new BenchDataError('transcript_missing', `Cannot read ${path}`, { hint: 'Check the path.', cause: e, details: { path } });
  }
}

function textFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function manifestPairs(path: string): CorpusPair[] {
  return linesOf(readText(path)).flatMap((line, i) => {
    if (line.trim() === '') return [];
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw new BenchDataError('manifest_invalid', `${path}:${i + 1}: not JSON`, { hint: 'One JSON object per line.', cause: e });
    }
    const r = (row ?? {}) as Record<string, unknown>;
    const reference = r['text'] ?? r['reference'];
    const hypothesis = r['pred_text'] ?? r['hypothesis'];
    if (typeof reference !== 'string' || typeof hypothesis !== 'string') {
      throw new BenchDataError('manifest_invalid', `${path}:${i + 1}: needs string fields text and pred_text (or reference and hypothesis)`, {
        hint: 'NeMo evaluation manifests have "text" (reference) and "pred_text" (hypothesis).',
      });
    }
    const id = typeof r['id'] === 'string' ? r['id'] : typeof r['audio_filepath'] === 'string' ? r['audio_filepath'] : String(i + 1);
    return [{ id, reference, hypothesis }];
  });
}

/**
 * The pairs to score. `hypothesis` undefined = `reference` is a manifest.
 * @throws BenchDataError for missing files, unmatched names, different line counts or a bad manifest line.
 */
export function readTranscriptPairs(reference: string, hypothesis?: string, options: { readonly global?: boolean } = {}): CorpusPair[] {
  if (hypothesis === undefined) return manifestPairs(reference);
  const refDir = isDir(reference);
  if (refDir !== isDir(hypothesis)) {
    throw new BenchDataError('transcript_kinds_differ', `${reference} and ${hypothesis} must both be files or both be folders`, { hint: 'Give two text files or two folders.' });
  }
  if (refDir) {
    const refs = textFiles(reference);
    const hyps = new Set(textFiles(hypothesis));
    const missing = refs.filter((f) => !hyps.has(f));
    const extra = [...hyps].filter((f) => !refs.includes(f));
    if (missing.length > 0 || extra.length > 0 || refs.length === 0) {
      throw new BenchDataError('transcript_names_differ', `The folders do not hold the same .txt names (${missing.length} only in ${reference}, ${extra.length} only in ${hypothesis})`, {
        hint: `Every reference needs a hypothesis of the same relative name${missing[0] === undefined ? '' : `, e.g. ${join(hypothesis, missing[0])}`}${extra[0] === undefined ? '' : `; ${join(hypothesis, extra[0])} has no reference`}.`,
        details: { onlyReference: missing.length, onlyHypothesis: extra.length },
      });
    }
    return refs.map((f) => ({ id: f.replace(/\.txt$/, ''), reference: oneLine(readText(join(reference, f))), hypothesis: oneLine(readText(join(hypothesis, f))) }));
  }
  const r = readText(reference);
  const h = readText(hypothesis);
  if (options.global === true) return [{ id: '1', reference: oneLine(r), hypothesis: oneLine(h) }];
  const rl = linesOf(r);
  const hl = linesOf(h);
  if (rl.length !== hl.length) {
    throw new BenchDataError('transcript_lines_differ', `${reference} has ${rl.length} line(s) but ${hypothesis} has ${hl.length}`, {
      hint: 'One sentence per line on both sides, or --global to score each file as one text.',
      details: { referenceLines: rl.length, hypothesisLines: hl.length },
    });
  }
  return rl.map((line, i) => ({ id: String(i + 1), reference: line, hypothesis: hl[i] as string }));
}
