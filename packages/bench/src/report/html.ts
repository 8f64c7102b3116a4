/**
 * The self-contained HTML report: summary and comparison tables, inline-SVG charts drawn by inline JS
 * (WER vs RTFx, WER bars with bootstrap CIs, sweep curves, confidence calibration), and the word alignment of the
 * worst utterances. No external resources.
 */
import type { AlignmentChunk } from '../metrics/levenshtein.js';
import { distributionCharts } from './chart-data.js';
import { CHART_SCRIPT } from './chart-script.js';
import { DIST_CHART_SCRIPT } from './dist-chart-script.js';
import { escapeHtml } from './html-escape.js';
import { perplexitySection } from './perplexity-html.js';
import { scatterChart } from './scatter-data.js';
import { summaryAxes } from './summary-axes.js';
import type { BenchReport, ConfigSummary, UtteranceScore } from './types.js';

export { escapeHtml };

/** Number of worst utterances shown with their alignment (one per configuration). */
export const WORST_UTTERANCES = 8;
const MIB = 1024 * 1024;


function num(v: number | null, digits = 3): string {
  return v === null || !Number.isFinite(v) ? '' : v.toFixed(digits);
}

function summaryRow(s: ConfigSummary): string {
  const cells = [
    escapeHtml(s.label), escapeHtml(s.dataset), String(s.utterances), String(s.errors), num(s.wer), `${num(s.werCi.lower)}–${num(s.werCi.upper)}`,
    num(s.cer), num(s.rawWer), `${s.substitutions}/${s.deletions}/${s.insertions}`, num(s.rtfx, 2), num(s.latencySec.p50), num(s.latencySec.p90),
    num(s.latencySec.p99), num(s.tokensPerSec, 1), s.peakMemoryBytes === null ? '' : (s.peakMemoryBytes / MIB).toFixed(0), num(s.meanConfidence),
    escapeHtml(`${s.device ?? ''}${s.threads === null ? '' : ` ×${s.threads}`}`), num(s.engineLoadSec, 2),
    escapeHtml(s.modelId ?? ''), escapeHtml(s.modelDtype ?? ''), num(s.timeToFirstTokenP50), num(s.decoderStepsMean, 1),
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

const SUMMARY_HEAD = ['configuration', 'dataset', 'utts', 'errors', 'WER', '95% CI', 'CER', 'raw WER', 'S/D/I', 'RTFx', 'p50 s', 'p90 s', 'p99 s', 'tok/s', 'peak MiB', 'conf', 'device', 'load s', 'model', 'dtype', 'TTFT p50 s', 'decoder steps'];

/** Utterances offered in the token-confidence view (those with per-token confidences), worst WER first. */
export const TOKEN_VIEW_LIMIT = 200;

function tokenViews(report: BenchReport): { label: string; tokens: readonly string[]; confidences: readonly number[] }[] {
  return report.utterances
    .filter((u) => u.tokenTexts !== null && u.confidences !== null && u.tokenTexts.length === u.confidences.length && u.tokenTexts.length > 0)
    .sort((a, b) => Number(b.metrics.wer ?? 0) - Number(a.metrics.wer ?? 0))
    .slice(0, TOKEN_VIEW_LIMIT)
    .map((u) => ({ label: `${u.configLabel} · ${u.dataset}/${u.utteranceId} · WER ${num(Number(u.metrics.wer))}`, tokens: u.tokenTexts ?? [], confidences: u.confidences ?? [] }));
}

function table(head: readonly string[], rows: readonly string[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function comparisonRows(report: BenchReport): string[] {
  return report.comparisons.map((c) => {
    const better = c.difference.upper < 0 ? 'A' : c.difference.lower > 0 ? 'B' : 'neither (CI spans 0)';
    return `<tr><td>${escapeHtml(c.dataset)}</td><td>${escapeHtml(c.a)}</td><td>${escapeHtml(c.b)}</td><td>${c.utterances}</td><td>${num(c.werA)}</td><td>${num(c.werB)}</td>` +
      `<td>${num(c.difference.estimate)} [${num(c.difference.lower)}, ${num(c.difference.upper)}]</td><td>${num(c.probabilityABetter, 3)}</td><td>${better}</td></tr>`;
  });
}

/** Colour-coded word alignment: hits plain, substitutions `ref→hyp`, deletions struck, insertions underlined. */
export function alignmentHtml(refWords: readonly string[], hypWords: readonly string[], chunks: readonly AlignmentChunk[]): string {
  const e = (a: readonly string[], s: number, t: number): string => escapeHtml(a.slice(s, t).join(' '));
  return chunks.map((c) => {
    if (c.type === 'equal') return `<span class="hit">${e(refWords, c.refStart, c.refEnd)}</span>`;
    if (c.type === 'delete') return `<del>${e(refWords, c.refStart, c.refEnd)}</del>`;
    if (c.type === 'insert') return `<ins>${e(hypWords, c.hypStart, c.hypEnd)}</ins>`;
    return `<span class="sub">${e(refWords, c.refStart, c.refEnd)} → ${e(hypWords, c.hypStart, c.hypEnd)}</span>`;
  }).join(' ');
}

/** The worst utterance of each configuration (highest WER, then most errors), worst first. */
function worstPerConfig(utterances: readonly UtteranceScore[]): UtteranceScore[] {
  const errors = (u: UtteranceScore): number => Number(u.metrics.word_edit_distance ?? 0);
  const order = (a: UtteranceScore, b: UtteranceScore): number => Number(b.metrics.wer ?? 0) - Number(a.metrics.wer ?? 0) || errors(b) - errors(a);
  const best = new Map<string, UtteranceScore>();
  for (const u of utterances) {
    const key = `${u.configId}|${u.dataset}`;
    const seen = best.get(key);
    if (u.error === null && (seen === undefined || order(u, seen) < 0)) best.set(key, u);
  }
  return [...best.values()].sort(order).slice(0, WORST_UTTERANCES);
}

function worst(utterances: readonly UtteranceScore[]): string {
  const sorted = worstPerConfig(utterances);
  return sorted.map((u) => `<div class="utt"><div class="meta">${escapeHtml(u.configLabel)} · ${escapeHtml(u.dataset)}/${escapeHtml(u.utteranceId)} · WER ${num(Number(u.metrics.wer))}</div>` +
    `<div class="ref"><b>REF</b> ${escapeHtml(u.reference)}</div><div class="hyp"><b>HYP</b> ${escapeHtml(u.hypothesis)}</div>` +
    `<div class="align">${alignmentHtml(u.refWords, u.hypWords, u.chunks)}</div></div>`).join('\n');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}h1{font-size:22px}h2{margin-top:32px;font-size:18px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:first-child,th:first-child{text-align:left}
.chart{margin:8px 0;min-height:40px}.row{display:flex;flex-wrap:wrap;gap:12px}.legend span{margin-right:14px;font-size:12px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}.utt{border:1px solid #ddd;padding:8px;margin:8px 0;font-size:13px}
.meta{color:#666;font-size:12px}.logswitch{font-size:12px;display:block;margin:4px 0}.tok{white-space:pre;border-radius:2px;padding:1px 0;line-height:1.9}
#conf-view{font-size:15px;border:1px solid #ddd;padding:8px;margin-top:6px}.scale{display:inline-block;width:160px;height:10px;background:linear-gradient(90deg,hsl(0,75%,78%),hsl(60,75%,78%),hsl(120,75%,78%))}.hit{color:#222}.sub{background:#fde2a6}del{background:#f8c4c4}ins{background:#c7f0c7}.note{color:#555;font-size:13px}`;

/** Keeps `</script>` and HTML comments from ending the JSON block early. */
function safeJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)).replace(/</g, '\\u003c');
}

/**
 * Renders the report as one HTML file.
 * @example writeFileSync('report.html', renderHtmlReport(buildReport(results), { title: 'demo' }))
 */
export function renderHtmlReport(report: BenchReport, options: { readonly title?: string; readonly notes?: readonly string[] } = {}): string {
  const title = options.title ?? 'Cephalon bench report';
  const data = { ...report, multiDataset: new Set(report.summaries.map((s) => s.dataset)).size > 1, scatter: scatterChart(report), axes: summaryAxes(report) };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="note">Generated ${escapeHtml(report.generatedAt)} · normaliser ${escapeHtml(report.normalizer.name)} v${escapeHtml(String(report.normalizer.version))} · WER pooled over utterances; RTFx = Σaudio / Σwall time.</p>
${(options.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
<h2>Configurations</h2>
${table(SUMMARY_HEAD, report.summaries.map(summaryRow))}
<h2>Accuracy vs speed</h2><div class="chart" id="chart-scatter" data-chart="scatter"></div>
<h2>WER per configuration</h2><div class="chart" id="chart-bars" data-chart="bars"></div>
<h2>Parameter sweeps</h2><div class="chart" id="chart-sweeps" data-chart="sweeps"></div>
<h2>Confidence calibration</h2><div class="chart" id="chart-calibration" data-chart="calibration"></div>
<h2>WER by condition</h2><p class="note">Pooled WER per condition: the synthetic set's augmentation tags (noise, speed, reverb, pitch); utterances without one are "clean".</p><div class="chart" id="dist-wer-condition" data-dist="wer-condition"></div>
<h2>Per-utterance WER</h2><p class="note">One dot per utterance (hover for its id and counts); box = quartiles, bar = median.</p><div class="chart" id="dist-wer-distribution" data-dist="wer-distribution"></div>
<h2>Substitutions, deletions, insertions</h2><div class="chart" id="dist-sdi" data-dist="sdi"></div>
<h2>Most frequent confusion pairs</h2><p class="note">Reference word → hypothesis word, counted word by word over substitution spans of all configurations (hover for the configurations).</p><div class="chart" id="dist-confusions" data-dist="confusions"></div>
<h2>Latency</h2><p class="note">Every timing trial of every utterance (a spec's <code>timingTrials</code> repeats each one); time to first token where the engine reports it.</p><div class="chart" id="dist-latency" data-dist="latency"></div><div class="chart" id="dist-ttft" data-dist="ttft"></div>
<h2>Token confidence</h2><p class="note">Each token coloured by the engine's confidence (<span class="scale"></span> 0 → 1; hover for the value).</p>
<select id="conf-utt"></select><div id="conf-view"></div>
${perplexitySection(report)}
<h2>Paired bootstrap comparisons</h2>
${table(['dataset', 'A', 'B', 'utts', 'WER A', 'WER B', 'A − B [95% CI]', 'P(A better)', 'better'], comparisonRows(report))}
<h2>Worst utterances</h2>
<div id="worst">${worst(report.utterances)}</div>
<script type="application/json" id="bench-data">${safeJson(data)}</script>
<script type="application/json" id="bench-dist">${safeJson(distributionCharts(report))}</script>
<script type="application/json" id="bench-tokens">${safeJson(tokenViews(report))}</script>
<script>${CHART_SCRIPT}</script>
<script>${DIST_CHART_SCRIPT}</script>
</body></html>
`;
}
