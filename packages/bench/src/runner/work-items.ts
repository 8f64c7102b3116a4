/**
 * Loads a spec's datasets and lists its work: every (configuration, dataset, utterance), in a stable order.
 */
import { relative } from 'node:path';
import { InvalidOptionError } from '@cephalon/stt';
import { readAudioFolder } from '../datasets/folder.js';
import { readManifest } from '../datasets/manifest.js';
import { assertRegularFile } from '../datasets/regular-file.js';
import type { Dataset, Utterance } from '../datasets/types.js';
import type { EngineSpec } from './types.js';
import { resultKey } from './results-file.js';
import { iterateConfigs } from './spec.js';
import type { BenchConfig, BenchSpec, DatasetSpec } from './types.js';

/** One unit of work. */
export interface WorkItem {
  readonly key: string;
  readonly config: BenchConfig;
  readonly engine: EngineSpec;
  readonly dataset: string;
  readonly utterance: Utterance;
}

/**
 * The name (and so the resume key) of a dataset without an explicit `name`: its path relative to the spec folder
 * (`synth/a/manifest.jsonl`), so two manifests both called `manifest.jsonl` never share results.
 */
export function defaultDatasetName(d: DatasetSpec, baseDir: string): string {
  const path = 'manifest' in d ? d.manifest : d.folder;
  const rel = relative(baseDir, path);
  return rel === '' ? '.' : rel.split('\\').join('/');
}

/** Loads one dataset of a spec (applying `limit`); unnamed datasets are named by their path (see `defaultDatasetName`). */
export async function loadDataset(d: DatasetSpec, baseDir?: string): Promise<Dataset> {
  const name = d.name ?? (baseDir === undefined ? undefined : defaultDatasetName(d, baseDir));
  const ds = 'manifest' in d ? await readManifest(d.manifest, name) : await readAudioFolder(d.folder, name);
  for (const u of ds.utterances) await assertRegularFile(u.audioPath, `audio file of ${ds.name}/${u.id}`);
  return d.limit === undefined ? ds : { ...ds, utterances: ds.utterances.slice(0, d.limit) };
}

/** Throws when two datasets of a spec have the same name: their results would share resume keys and report rows. */
export function assertDistinctDatasetNames(datasets: readonly Dataset[]): void {
  const seen = new Map<string, Dataset>();
  datasets.forEach((ds, i) => {
    const earlier = seen.get(ds.name);
    if (earlier !== undefined) {
      throw new InvalidOptionError('bench_spec', `spec datasets[${i}]: the name '${ds.name}' is also used by ${earlier.source}`, {
        hint: 'give each dataset a distinct name (results are keyed by it)',
        details: { field: `datasets[${i}].name`, source: ds.source },
      });
    }
    seen.set(ds.name, ds);
  });
}

/** Every configuration of a spec, lazily (a grid is never expanded in memory). */
export function* specConfigs(spec: BenchSpec): Generator<{ config: BenchConfig; engine: EngineSpec }> {
  for (const engine of spec.engines) for (const config of iterateConfigs(engine)) yield { config, engine };
}

/** Lists the work of a spec over loaded datasets: engine by engine, configuration by configuration. */
export function listWork(spec: BenchSpec, datasets: readonly Dataset[]): WorkItem[] {
  assertDistinctDatasetNames(datasets);
  const items: WorkItem[] = [];
  for (const { config, engine } of specConfigs(spec)) {
    for (const ds of datasets) {
      for (const utterance of ds.utterances) {
        items.push({ key: resultKey(config.id, ds.name, utterance.id), config, engine, dataset: ds.name, utterance });
      }
    }
  }
  return items;
}
