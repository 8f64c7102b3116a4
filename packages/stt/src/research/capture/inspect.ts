/** Summary and low-confidence listing of a logit capture (what `cephalon research logits inspect` prints). */
import type { CapturedDecode } from './collector.js';
import type { LogitCaptureFile } from './format.js';
import type { MeasureName } from './measures.js';
import { MEASURE_NAMES } from './measures.js';
import { lowConfidenceReasons } from './rules.js';
import type { LowConfidenceRule, StepEvidence } from './rules.js';

/** The measures of step `i` of a decode, by name. */
export function measuresAt(decode: CapturedDecode, i: number): Record<MeasureName, number> {
  const m = MEASURE_NAMES.length;
  return Object.fromEntries(MEASURE_NAMES.map((name, j) => [name, decode.measures[i * m + j] as number])) as Record<MeasureName, number>;
}

/** What the rules see at step `i` (`topK` = the capture's k). */
export function evidenceAt(decode: CapturedDecode, i: number, topK: number): StepEvidence {
  const s = measuresAt(decode, i);
  const third = topK >= 3 ? (decode.topLogits[i * topK + 2] as number) : Number.NaN;
  return {
    tokenProb: s.tokenProb,
    maxProb: s.maxProb,
    entropyConfidence: s.entropyConfidence,
    margin: s.margin,
    ...(Number.isFinite(third) ? { top3Spread: s.maxLogit - third } : {}),
  };
}

export interface LowConfidenceStep {
  readonly decode: number;
  readonly window: number;
  readonly step: number;
  readonly token: number;
  readonly place: number;
  readonly measures: Record<MeasureName, number>;
  readonly reasons: readonly string[];
  /** The top-k alternatives `(id, logit)`, best first. */
  readonly alternatives: readonly { readonly id: number; readonly logit: number }[];
}

export interface CaptureSummary {
  readonly decodes: number;
  readonly acceptedDecodes: number;
  readonly steps: number;
  /** Mean of each measure over the accepted decodes' steps (NaN measures skipped). */
  readonly means: Record<MeasureName, number>;
  readonly lowConfidence: readonly LowConfidenceStep[];
}

/** Summarises the accepted decodes of a capture and lists the steps `rule` marks. */
export function summarizeCapture(file: LogitCaptureFile, rule: LowConfidenceRule): CaptureSummary {
  const sums = new Map<MeasureName, [number, number]>(MEASURE_NAMES.map((n) => [n, [0, 0]]));
  const low: LowConfidenceStep[] = [];
  let steps = 0;
  const accepted = file.decodes.filter((d) => d.placement.accepted);
  for (const d of accepted) {
    for (let i = 0; i < d.steps; i++) {
      steps++;
      const measures = measuresAt(d, i);
      for (const name of MEASURE_NAMES) {
        const v = measures[name];
        const acc = sums.get(name) as [number, number];
        if (Number.isFinite(v)) {
          acc[0] += v;
          acc[1]++;
        }
      }
      const reasons = lowConfidenceReasons(rule, evidenceAt(d, i, file.topK));
      if (reasons.length === 0) continue;
      const alternatives = [];
      for (let j = 0; j < file.topK; j++) {
        const id = d.topIds[i * file.topK + j] as number;
        if (id >= 0) alternatives.push({ id, logit: d.topLogits[i * file.topK + j] as number });
      }
      low.push({ decode: d.index, window: d.placement.window, step: i, token: d.tokens[i] as number, place: d.places[i] as number, measures, reasons, alternatives });
    }
  }
  const means = Object.fromEntries(MEASURE_NAMES.map((n) => {
    const [s, c] = sums.get(n) as [number, number];
    return [n, c === 0 ? Number.NaN : s / c];
  })) as Record<MeasureName, number>;
  return { decodes: file.decodes.length, acceptedDecodes: accepted.length, steps, means, lowConfidence: low };
}
