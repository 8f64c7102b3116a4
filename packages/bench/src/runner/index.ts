/** The bench runner: spec files, configurations, the resumable results file. */
export type { BenchSpec, BenchConfig, DatasetSpec, EngineSpec, ResultRecord } from './types.js';
export { loadSpec, validateSpec, expandConfigs, iterateConfigs, gridSize, MAX_BENCH_CONFIGS, canonicalJson } from './spec.js';
export { runBench, codeVersion, type BenchEvent, type RunBenchOptions, type RunBenchResult } from './run-bench.js';
export { openResultsWriter, readResults, parseResults, resultKey, type ResultsWriter, type ResultsContent, type ResultsLine, type RunRecord, type EngineLoadRecord } from './results-file.js';
export { listWork, loadDataset, specConfigs, type WorkItem } from './work-items.js';
