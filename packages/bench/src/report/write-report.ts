/**
 * Writes a report folder: `utterances.csv`, `summary.csv`, `report.json`, `report.html`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultRecord } from '../runner/types.js';
import { resolveNormalizer } from '../metrics/compare.js';
import type { LoadedLanguageModel } from '../lm/lm-spec.js';
import { buildReport, type ReportOptions } from './aggregate.js';
import { addPerplexity, type PerplexityProgress } from './perplexity.js';
import { reportJson, summaryCsv, utterancesCsv } from './csv.js';
import { renderHtmlReport } from './html.js';
import type { BenchReport } from './types.js';

/** Paths written by {@link writeReport}. */
export interface ReportFiles {
  readonly utterancesCsv: string;
  readonly summaryCsv: string;
  readonly json: string;
  readonly html: string;
  readonly report: BenchReport;
}

/** Options of {@link writeReport}. */
export interface WriteReportOptions extends ReportOptions {
  readonly title?: string;
  readonly notes?: readonly string[];
  /** Loaded LMs: perplexity columns per LM (the caller disposes them afterwards). */
  readonly languageModels?: readonly LoadedLanguageModel[];
  readonly onPerplexityProgress?: (event: PerplexityProgress) => void;
}

/**
 * Scores `results` (and, with `languageModels`, their perplexities) and writes every report file into `outDir`.
 * @example await writeReport(readResults('r.jsonl').results, 'out', { languageModels: await loadLanguageModels([parseLmArg('arpa:3gram.arpa')]) })
 */
export async function writeReport(results: readonly ResultRecord[], outDir: string, options: WriteReportOptions = {}): Promise<ReportFiles> {
  const report = await addPerplexity(buildReport(results, options), options.languageModels ?? [], {
    normalizer: resolveNormalizer(options),
    ...(options.onPerplexityProgress === undefined ? {} : { onProgress: options.onPerplexityProgress }),
  });
  const lms = report.languageModels ?? [];
  await mkdir(outDir, { recursive: true });
  const files = { utterancesCsv: join(outDir, 'utterances.csv'), summaryCsv: join(outDir, 'summary.csv'), json: join(outDir, 'report.json'), html: join(outDir, 'report.html') };
  await writeFile(files.utterancesCsv, utterancesCsv(report.utterances, lms));
  await writeFile(files.summaryCsv, summaryCsv(report.summaries, lms));
  await writeFile(files.json, reportJson(report));
  await writeFile(files.html, renderHtmlReport(report, { ...(options.title === undefined ? {} : { title: options.title }), ...(options.notes === undefined ? {} : { notes: options.notes }) }));
  return { ...files, report };
}
