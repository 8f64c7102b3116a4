/**
 * Reader of ARPA back-off n-gram files (SRILM/KenLM text format): `\data\` counts, then `\N-grams:` sections
 * of `log10prob w1 .. wN [log10backoff]`, then `\end\`.
 */
import { readFileSync } from 'node:fs';
import { ModelCorruptError, ModelNotFoundError } from '@cephalon/stt';

/** One n-gram entry: log10 probability and log10 back-off weight (0 when absent). */
export interface ArpaEntry {
  readonly logProb: number;
  readonly backoff: number;
}

/** A parsed ARPA model. Keys of `ngrams` are the words joined by {@link NGRAM_SEPARATOR}. */
export interface ArpaModel {
  readonly order: number;
  /** Unigram words (the vocabulary), including `<s>`, `</s>` and `<unk>` when listed. */
  readonly vocabulary: ReadonlySet<string>;
  readonly ngrams: ReadonlyMap<string, ArpaEntry>;
  /** Declared count per order, index 0 = unigrams. */
  readonly counts: readonly number[];
}

/** Joins the words of an n-gram key (a character that cannot occur inside a whitespace-separated word). */
export const NGRAM_SEPARATOR = ' ';

function corrupt(source: string, line: number, message: string): ModelCorruptError {
  return new ModelCorruptError('arpa_invalid', `${source}:${line}: ${message}`, {
    hint: 'Check that the file is an ARPA n-gram model (as written by KenLM lmplz or SRILM ngram-count).',
    details: { path: source, line },
  });
}

function parseEntry(fields: readonly string[], n: number, source: string, lineNo: number): [string, ArpaEntry] {
  if (fields.length !== n + 1 && fields.length !== n + 2) throw corrupt(source, lineNo, `expected ${n} words and a log10 probability`);
  const logProb = Number(fields[0]);
  const backoff = fields.length === n + 2 ? Number(fields[n + 1]) : 0;
  if (!Number.isFinite(logProb) && logProb !== Number.NEGATIVE_INFINITY) throw corrupt(source, lineNo, `bad probability "${fields[0]}"`);
  if (!Number.isFinite(backoff)) throw corrupt(source, lineNo, `bad back-off "${fields[n + 1]}"`);
  return [fields.slice(1, n + 1).join(NGRAM_SEPARATOR), { logProb, backoff }];
}

/**
 * Parses ARPA text.
 * @throws ModelCorruptError naming the line when the text is not valid ARPA or counts disagree.
 */
export function parseArpa(text: string, source = '<inline>'): ArpaModel {
  const lines = text.split(/\r?\n/);
  const counts: number[] = [];
  const ngrams = new Map<string, ArpaEntry>();
  const vocabulary = new Set<string>();
  const seen: number[] = [];
  let section: 'start' | 'data' | number | 'end' = 'start';
  lines.forEach((raw, k) => {
    const line = raw.trim();
    const lineNo = k + 1;
    if (line === '' || section === 'end') return;
    if (line === '\\data\\') section = 'data';
    else if (line === '\\end\\') section = 'end';
    else if (/^\\\d+-grams:$/.test(line)) {
      section = Number.parseInt(line.slice(1), 10);
      if (section < 1 || section > counts.length) throw corrupt(source, lineNo, `section ${line} not declared in \\data\\`);
      seen[section - 1] = 0;
    } else if (section === 'data') {
      const m = /^ngram (\d+)\s*=\s*(\d+)$/.exec(line);
      if (m === null) throw corrupt(source, lineNo, `expected "ngram N=count", got "${line}"`);
      counts[Number(m[1]) - 1] = Number(m[2]);
    } else if (typeof section === 'number') {
      const [key, entry] = parseEntry(line.split(/\s+/), section, source, lineNo);
      ngrams.set(key, entry);
      if (section === 1) vocabulary.add(key);
      seen[section - 1] = (seen[section - 1] ?? 0) + 1;
    } // lines before \data\ are comments
  });
  if (counts.length === 0) throw corrupt(source, lines.length, 'no \\data\\ section');
  counts.forEach((c, i) => {
    if (seen[i] !== c) throw corrupt(source, lines.length, `\\data\\ declares ${c} ${i + 1}-grams, found ${seen[i] ?? 0}`);
  });
  return { order: counts.length, vocabulary, ngrams, counts };
}

/**
 * Reads an ARPA file (plain text; decompress `.arpa.gz` first).
 * @throws ModelNotFoundError when unreadable, ModelCorruptError when invalid.
 */
export function loadArpa(path: string): ArpaModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ModelNotFoundError('arpa_not_found', `Cannot read ARPA model ${path}`, {
      hint: 'Give the path of a plain-text .arpa file (KenLM: lmplz -o 3 < corpus.txt > model.arpa).',
      cause,
      details: { path },
    });
  }
  return parseArpa(text, path);
}
