/** Value types of bench datasets. */

/** One (audio, reference) pair. */
export interface Utterance {
  /** Stable id inside its dataset (the results file keys on it). */
  readonly id: string;
  /** Absolute path of the audio file. */
  readonly audioPath: string;
  /** Reference transcript, raw (normalised only at scoring time). */
  readonly reference: string;
  /** Length of the utterance in seconds (NeMo `duration`). */
  readonly durationSec: number;
  /** Start of the utterance inside `audioPath`, in seconds (NeMo `offset`); absent = whole file. */
  readonly offsetSec?: number;
  /** Free-form labels carried into results (`synthetic`, augmentations...). */
  readonly tags?: Readonly<Record<string, string | number | boolean>>;
}

/** A named list of utterances. */
export interface Dataset {
  readonly name: string;
  /** Where it came from (manifest path or folder). */
  readonly source: string;
  readonly utterances: readonly Utterance[];
}
