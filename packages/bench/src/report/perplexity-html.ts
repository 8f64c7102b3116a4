/**
 * The HTML report's perplexity section: which LMs (name, kind, tokenizer, window, boundary policy, text scored),
 * a table of hypothesis and reference perplexity per configuration × dataset, and a bar chart per LM.
 */
import type { LanguageModelInfo } from '../lm/lm-spec.js';
import { escapeHtml } from './html-escape.js';
import type { BenchReport, ConfigSummary } from './types.js';

function fixed(v: number | null, digits: number): string {
  return v === null || !Number.isFinite(v) ? '' : v.toFixed(digits);
}

function lmRow(lm: LanguageModelInfo, i: number): string {
  const cells = [
    `lm${i + 1}`, lm.name, lm.kind, lm.tokenizer, lm.window === null ? 'whole text' : `${lm.window.length} / ${lm.window.stride}`,
    lm.boundaryPolicy, lm.text, lm.source,
  ];
  return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
}

function summaryRow(s: ConfigSummary, lms: readonly LanguageModelInfo[]): string {
  const cells = [escapeHtml(s.label), escapeHtml(s.dataset)];
  lms.forEach((_lm, i) => {
    const p = s.perplexity?.[i];
    cells.push(
      fixed(p?.hypothesis.perTokenPerplexity ?? null, 2), fixed(p?.reference.perTokenPerplexity ?? null, 2), fixed(p?.hypothesisToReference ?? null, 3),
      fixed(p?.hypothesis.perWordPerplexity ?? null, 2), fixed(p?.hypothesis.oovRate ?? null, 3), fixed(p?.reference.oovRate ?? null, 3),
    );
  });
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

const PER_LM_HEAD = ['hyp PPL/token', 'ref PPL/token', 'hyp/ref', 'hyp PPL/word', 'hyp OOV', 'ref OOV'];

/** The section, or an empty string when the report has no LM. */
export function perplexitySection(report: BenchReport): string {
  const lms = report.languageModels ?? [];
  if (lms.length === 0) return '';
  const lmHead = ['', 'name', 'kind', 'tokenizer', 'window / stride', 'boundaries', 'text scored', 'source'];
  const top = `<tr><th colspan="2"></th>${lms.map((lm, i) => `<th colspan="${PER_LM_HEAD.length}">lm${i + 1}: ${escapeHtml(lm.name)}</th>`).join('')}</tr>`;
  const head = `<tr><th>configuration</th><th>dataset</th>${lms.map(() => PER_LM_HEAD.map((h) => `<th>${h}</th>`).join('')).join('')}</tr>`;
  return `<h2>Perplexity</h2>
<p class="note">Perplexity of each configuration's hypotheses and of the same utterances' references under each language model, pooled over the utterances without engine errors. Perplexities of different tokenizers do not compare: read a model's hypothesis perplexity against the same model's reference perplexity (hyp/ref).</p>
<table><thead><tr>${lmHead.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${lms.map(lmRow).join('')}</tbody></table>
<table><thead>${top}${head}</thead><tbody>${report.summaries.map((s) => summaryRow(s, lms)).join('')}</tbody></table>
<div class="chart" id="chart-perplexity" data-chart="perplexity"></div>`;
}
