/** Reports: scoring at report time, CSV/JSON, the self-contained HTML report, paired comparisons. */
export type { BenchReport, ConfigSummary, LatencyPercentiles, PairedComparison, UtteranceScore, SummaryPerplexity, UtterancePerplexity } from './types.js';
export { buildReport, latencyPercentiles, type ReportOptions } from './aggregate.js';
export { csvCell, toCsv, utterancesCsv, summaryCsv, reportJson } from './csv.js';
export { renderHtmlReport, alignmentHtml, escapeHtml, WORST_UTTERANCES } from './html.js';
export { writeReport, type ReportFiles, type WriteReportOptions } from './write-report.js';
export { addPerplexity, type AddPerplexityOptions, type PerplexityProgress } from './perplexity.js';
export { summaryPerplexityHeader, utterancePerplexityHeader } from './perplexity-columns.js';
