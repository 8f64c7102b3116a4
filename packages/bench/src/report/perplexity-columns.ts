/**
 * CSV columns of the perplexity figures, appended after the fixed columns, one block per LM numbered from 1
 * (`lm1_name`, `lm1_hyp_ppl_token`, ...) in the order the LMs were given. Missing values are empty cells.
 */
import type { MetricCell } from '../metrics/columns.js';
import type { LanguageModelInfo } from '../lm/lm-spec.js';
import type { PerplexityFigures } from '../lm/perplexity.js';
import type { ConfigSummary, SummaryPerplexity, UtterancePerplexity, UtteranceScore } from './types.js';

type InfoGetter = (lm: LanguageModelInfo) => MetricCell;
type FiguresGetter = (f: PerplexityFigures) => MetricCell;

/** Per-LM description columns (the same in every row: the LM is named next to its numbers). */
const INFO_COLUMNS: readonly [string, InfoGetter][] = [
  ['name', (lm) => lm.name], ['kind', (lm) => lm.kind], ['tokenizer', (lm) => lm.tokenizer],
  ['window', (lm) => lm.window?.length ?? null], ['stride', (lm) => lm.window?.stride ?? null],
  ['boundary', (lm) => lm.boundaryPolicy], ['text', (lm) => lm.text],
];

/** Pooled figures, once for the hypotheses (`hyp_`) and once for the references (`ref_`). */
const FIGURE_COLUMNS: readonly [string, FiguresGetter][] = [
  ['ppl_token', (f) => f.perTokenPerplexity], ['ppl_word', (f) => f.perWordPerplexity], ['ppl_token_excl_oov', (f) => f.perTokenPerplexityExcludingOov],
  ['oov_rate', (f) => f.oovRate], ['tokens', (f) => f.tokens], ['words', (f) => f.words], ['nll', (f) => f.nll],
];

/** Summary header cells for `lms`. */
export function summaryPerplexityHeader(lms: readonly LanguageModelInfo[]): string[] {
  return lms.flatMap((_lm, i) => [
    ...INFO_COLUMNS.map(([n]) => `lm${i + 1}_${n}`),
    ...FIGURE_COLUMNS.map(([n]) => `lm${i + 1}_hyp_${n}`),
    ...FIGURE_COLUMNS.map(([n]) => `lm${i + 1}_ref_${n}`),
    `lm${i + 1}_hyp_ref_ratio`,
  ]);
}

/** Summary cells for `lms` (empty where the summary has no perplexity). */
export function summaryPerplexityCells(s: ConfigSummary, lms: readonly LanguageModelInfo[]): MetricCell[] {
  return lms.flatMap((lm, i) => {
    const p: SummaryPerplexity | undefined = s.perplexity?.[i];
    return [
      ...INFO_COLUMNS.map(([, get]) => get(lm)),
      ...FIGURE_COLUMNS.map(([, get]) => (p === undefined ? null : get(p.hypothesis))),
      ...FIGURE_COLUMNS.map(([, get]) => (p === undefined ? null : get(p.reference))),
      p?.hypothesisToReference ?? null,
    ];
  });
}

const UTTERANCE_FIELDS: readonly [string, (p: UtterancePerplexity) => number | null][] = [
  ['hyp_ppl_token', (p) => p.hypothesisPerToken], ['ref_ppl_token', (p) => p.referencePerToken],
  ['hyp_ppl_word', (p) => p.hypothesisPerWord], ['ref_ppl_word', (p) => p.referencePerWord],
];

/** Per-utterance header cells for `lms` (`lm1_name` then the four perplexities). */
export function utterancePerplexityHeader(lms: readonly LanguageModelInfo[]): string[] {
  return lms.flatMap((_lm, i) => [`lm${i + 1}_name`, ...UTTERANCE_FIELDS.map(([n]) => `lm${i + 1}_${n}`)]);
}

/** Per-utterance cells for `lms`. */
export function utterancePerplexityCells(u: UtteranceScore, lms: readonly LanguageModelInfo[]): MetricCell[] {
  return lms.flatMap((lm, i) => {
    const p = u.perplexity?.[i];
    return [lm.name, ...UTTERANCE_FIELDS.map(([, get]) => (p === undefined ? null : get(p)))];
  });
}
