/**
 * Loads a spec's datasets and lists its work: every (configuration, dataset, utterance), in a stable order.
 */
import { readAudioFolder } from '../datasets/folder.js';
import { readManifest } from '../datasets/manifest.js';
import type { Dataset, Utterance } from '../datasets/types.js';
import type { EngineSpec } from './types.js';
import { resultKey } from './results-file.js';
import { expandConfigs } from './spec.js';
import type { BenchConfig, BenchSpec, DatasetSpec } from './types.js';

/** One unit of work. */
export interface WorkItem {
  readonly key: string;
  readonly config: BenchConfig;
  readonly engine: EngineSpec;
  readonly dataset: string;
  readonly utterance: Utterance;
}

/** Loads one dataset of a spec (applying `limit`). */
export async function loadDataset(d: DatasetSpec): Promise<Dataset> {
  const ds = 'manifest' in d ? await readManifest(d.manifest, d.name) : await readAudioFolder(d.folder, d.name);
  return d.limit === undefined ? ds : { ...ds, utterances: ds.utterances.slice(0, d.limit) };
}

/** Every configuration of a spec. */
export function specConfigs(spec: BenchSpec): { config: BenchConfig; engine: EngineSpec }[] {
  return spec.engines.flatMap((engine) => expandConfigs(engine).map((config) => ({ config, engine })));
}

/** Lists the work of a spec over loaded datasets: engine by engine, configuration by configuration. */
export function listWork(spec: BenchSpec, datasets: readonly Dataset[]): WorkItem[] {
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
