/**
 * Writes a report folder: `utterances.csv`, `summary.csv`, `report.json`, `report.html`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultRecord } from '../runner/types.js';
import { buildReport, type ReportOptions } from './aggregate.js';
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

/** Scores `results` and writes every report file into `outDir`. */
export async function writeReport(results: readonly ResultRecord[], outDir: string, options: ReportOptions & { readonly title?: string; readonly notes?: readonly string[] } = {}): Promise<ReportFiles> {
  const report = buildReport(results, options);
  await mkdir(outDir, { recursive: true });
  const files = { utterancesCsv: join(outDir, 'utterances.csv'), summaryCsv: join(outDir, 'summary.csv'), json: join(outDir, 'report.json'), html: join(outDir, 'report.html') };
  await writeFile(files.utterancesCsv, utterancesCsv(report.utterances));
  await writeFile(files.summaryCsv, summaryCsv(report.summaries));
  await writeFile(files.json, reportJson(report));
  await writeFile(files.html, renderHtmlReport(report, { ...(options.title === undefined ? {} : { title: options.title }), ...(options.notes === undefined ? {} : { notes: options.notes }) }));
  return { ...files, report };
}
