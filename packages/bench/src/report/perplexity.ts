/**
 * Perplexity columns of a report: every configuration × dataset's hypotheses and the same utterances' references
 * under every LM, pooled with {@link scorePerplexity}. Each distinct text is scored once per LM (references repeat
 * across configurations), so adding configurations costs only their new hypotheses.
 */
import type { TextNormalizer } from '@cephalon/stt';
import type { LoadedLanguageModel } from '../lm/lm-spec.js';
import { scorePerplexity, type PerplexityResult } from '../lm/perplexity.js';
import type { LanguageModelScorer, TextScore } from '../lm/types.js';
import type { BenchReport, ConfigSummary, SummaryPerplexity, UtterancePerplexity, UtteranceScore } from './types.js';

/** Progress of {@link addPerplexity}: distinct texts scored so far by one LM. */
export interface PerplexityProgress {
  readonly lm: string;
  readonly done: number;
  readonly total: number;
}

/** Options of {@link addPerplexity}. */
export interface AddPerplexityOptions {
  /** Normaliser for LMs that score normalised text (the report's own, so both sides see the same text). */
  readonly normalizer: TextNormalizer;
  readonly onProgress?: (event: PerplexityProgress) => void;
}

/** `lm` with each distinct text scored once (the same promise is returned for a repeated text). */
function memoized(lm: LanguageModelScorer, onMiss: () => void): LanguageModelScorer {
  const cache = new Map<string, Promise<TextScore>>();
  return {
    name: lm.name, tokenizer: lm.tokenizer, window: lm.window, boundaryPolicy: lm.boundaryPolicy,
    score: (text) => {
      let p = cache.get(text);
      if (p === undefined) {
        p = lm.score(text).then((s) => {
          onMiss();
          return s;
        });
        cache.set(text, p);
      }
      return p;
    },
    dispose: () => Promise.resolve(),
  };
}

const groupKey = (configId: string, dataset: string): string => `${configId}|${dataset}`;

/** Utterances per configuration × dataset that the engine did not fail on. */
function okUtterances(report: BenchReport): Map<string, UtteranceScore[]> {
  const groups = new Map<string, UtteranceScore[]>();
  for (const u of report.utterances) {
    if (u.error !== null) continue;
    const k = groupKey(u.configId, u.dataset);
    groups.set(k, [...(groups.get(k) ?? []), u]);
  }
  return groups;
}

interface LmScores {
  readonly summaries: Map<string, SummaryPerplexity>;
  readonly utterances: Map<UtteranceScore, UtterancePerplexity>;
}

async function scoreOneLm(lm: LoadedLanguageModel, groups: Map<string, UtteranceScore[]>, options: AddPerplexityOptions): Promise<LmScores> {
  const textOf = lm.info.text === 'raw' ? (t: string): string => t : (t: string): string => options.normalizer.normalize(t);
  const all = [...groups.values()].flat();
  const total = new Set(all.flatMap((u) => [textOf(u.hypothesis), textOf(u.reference)])).size;
  let done = 0;
  const scorer = memoized(lm.scorer, () => {
    done += 1;
    options.onProgress?.({ lm: lm.info.name, done, total });
  });
  const out: LmScores = { summaries: new Map(), utterances: new Map() };
  for (const [key, utts] of groups) {
    const [hyp] = (await scorePerplexity(utts.map((u) => textOf(u.hypothesis)), [scorer])) as [PerplexityResult];
    const [ref] = (await scorePerplexity(utts.map((u) => textOf(u.reference)), [scorer])) as [PerplexityResult];
    const { perText: hypTexts, ...hypothesis } = hyp;
    const { perText: refTexts, ...reference } = ref;
    const ratio = hyp.perTokenPerplexity !== null && ref.perTokenPerplexity !== null ? hyp.perTokenPerplexity / ref.perTokenPerplexity : null;
    out.summaries.set(key, { lm: lm.info.name, hypothesis, reference, hypothesisToReference: ratio });
    utts.forEach((u, i) => {
      const h = hypTexts[i];
      const r = refTexts[i];
      out.utterances.set(u, {
        lm: lm.info.name, hypothesisPerToken: h?.perTokenPerplexity ?? null, referencePerToken: r?.perTokenPerplexity ?? null,
        hypothesisPerWord: h?.perWordPerplexity ?? null, referencePerWord: r?.perWordPerplexity ?? null,
      });
    });
  }
  return out;
}

const NO_UTTERANCE_PPL = (lm: string): UtterancePerplexity => ({ lm, hypothesisPerToken: null, referencePerToken: null, hypothesisPerWord: null, referencePerWord: null });

/**
 * Adds perplexity under each LM to a built report: per configuration × dataset (hypotheses, references, their
 * ratio) and per utterance. Utterances the engine failed on are left out of both sides.
 * @example
 * const lms = await loadLanguageModels([parseLmArg('arpa:lm/3gram.arpa')]);
 * const report = await addPerplexity(buildReport(results), lms, { normalizer: getNormalizer('lower-punct') });
 */
export async function addPerplexity(report: BenchReport, lms: readonly LoadedLanguageModel[], options: AddPerplexityOptions): Promise<BenchReport> {
  if (lms.length === 0) return report;
  const groups = okUtterances(report);
  const scores: LmScores[] = [];
  for (const lm of lms) scores.push(await scoreOneLm(lm, groups, options));
  const names = lms.map((lm) => lm.info.name);
  const summaries = report.summaries.map((s): ConfigSummary => ({
    ...s,
    perplexity: scores.map((sc, i) => sc.summaries.get(groupKey(s.configId, s.dataset)) ?? emptySummary(names[i] as string)),
  }));
  const utterances = report.utterances.map((u): UtteranceScore => ({
    ...u, perplexity: scores.map((sc, i) => sc.utterances.get(u) ?? NO_UTTERANCE_PPL(names[i] as string)),
  }));
  return { ...report, summaries, utterances, languageModels: lms.map((lm) => lm.info) };
}

/** A configuration whose every utterance failed: nothing scored, every perplexity null. */
function emptySummary(lm: string): SummaryPerplexity {
  const none = { nll: 0, tokens: 0, words: 0, oovs: 0, oovRate: null, perTokenPerplexity: null, perWordPerplexity: null, perTokenPerplexityExcludingOov: null };
  return { lm, hypothesis: none, reference: none, hypothesisToReference: null };
}
