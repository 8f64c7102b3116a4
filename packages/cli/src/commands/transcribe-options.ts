/**
 * `cephalon transcribe` options: the option table (also the help) and its conversion into library options.
 * Options left out are not passed, so the library's defaults (OpenAI `transcribe()`'s) apply.
 */
import { DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_BEST_OF, DEFAULT_CHUNKED_OVERLAP, DEFAULT_PREPEND_PUNCTUATIONS, MERGE_ALGORITHM_NAMES, createChunkedOverlapStrategy, createVadBatchedStrategy, createVadStrategy, parseDtype, parseOutputFormat, toLanguageCode } from '@cephalon/stt';
import type { ChunkedOverlapStrategyOptions, DtypeOption, LoadAudioOptions, OutputFormat, TranscribeOptions, WriterOptions } from '@cephalon/stt';
import { boolOpt, choiceOpt, intOpt, nullableNumberOpt, numberOpt, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { VAD_SETTINGS, VAD_SWITCH, vadPlan } from '../vad-options.js';

const CMD = 'transcribe';

export const TRANSCRIBE_OPTIONS: OptionTable = {
  model: { type: 'string', short: 'm', value: 'NAME', defaultText: 'turbo', help: 'alias (tiny.en, base, small, turbo ...), Hub id (owner/name) or local model folder' },
  dtype: { type: 'string', value: 'DTYPE', defaultText: 'fp32', help: 'weight precision: fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4, quantized' },
  device: { type: 'string', value: 'DEVICE', defaultText: 'cpu', help: 'execution device: cpu or cuda (needs the CUDA build of onnxruntime-node)' },
  threads: { type: 'string', short: 't', value: 'N', defaultText: '0 = runtime default', help: 'threads inside one operator' },
  language: { type: 'string', short: 'l', value: 'LANG', defaultText: 'auto', help: "spoken language: a code (en) or name (English); 'auto' detects it" },
  task: { type: 'string', value: 'TASK', defaultText: 'transcribe', help: 'transcribe, or translate (into English)' },
  temperature: { type: 'string', value: 'T', defaultText: '0', help: 'sampling temperature of the first attempt' },
  'temperature-increment-on-fallback': { type: 'string', value: 'T', defaultText: '0.2', help: "temperature step on fallback up to 1.0; 'none' or 0 = no fallback" },
  'best-of': { type: 'string', value: 'N', defaultText: String(DEFAULT_BEST_OF), help: 'candidates when sampling at temperature > 0' },
  'beam-size': { type: 'string', value: 'N', defaultText: 'greedy', help: 'beams at temperature 0' },
  patience: { type: 'string', value: 'P', defaultText: '1.0', help: 'beam patience (needs --beam-size)' },
  'length-penalty': { type: 'string', value: 'A', defaultText: 'none', help: "GNMT length penalty alpha in [0, 1]; 'none' = divide by length" },
  'compression-ratio-threshold': { type: 'string', value: 'X', defaultText: '2.4', help: "fall back when gzip ratio exceeds this; 'none' disables" },
  'logprob-threshold': { type: 'string', value: 'X', defaultText: '-1.0', help: "fall back when average log-probability is below this; 'none' disables" },
  'no-speech-threshold': { type: 'string', value: 'X', defaultText: '0.6', help: "skip a silent window when no-speech probability exceeds this (and logprob is low); 'none' disables" },
  'initial-prompt': { type: 'string', value: 'TEXT', help: 'text conditioning the first window (vocabulary, spelling, style)' },
  'carry-initial-prompt': { type: 'boolean', help: 'keep --initial-prompt in front of every window' },
  'condition-on-previous-text': { type: 'string', value: 'BOOL', defaultText: 'true', help: 'feed the previous window text as prompt: true or false' },
  'suppress-tokens': { type: 'string', value: 'IDS', defaultText: '-1', help: "comma-separated token ids to suppress; -1 = non-speech symbols; '' = none" },
  'clip-timestamps': { type: 'string', value: 'LIST', help: "'start,end,start,end,...' seconds to transcribe; default the whole file" },
  'sample-len': { type: 'string', value: 'N', defaultText: '224', help: 'maximum tokens decoded per 30 s window' },
  'without-timestamps': { type: 'boolean', help: 'decode without timestamp tokens (one segment per window)' },
  'repetition-penalty': { type: 'string', value: 'X', defaultText: '1 = off', help: 'penalise tokens already emitted in the window (> 1 discourages repeats)' },
  'no-repeat-ngram-size': { type: 'string', value: 'N', defaultText: '0 = off', help: 'forbid repeating any n-gram of this size inside a window' },
  'word-timestamps': { type: 'boolean', help: 'word times from cross-attention DTW, as OpenAI (needs a timestamped export, e.g. onnx-community/whisper-tiny_timestamped)' },
  'prepend-punctuations': { type: 'string', value: 'CHARS', defaultText: `'${DEFAULT_PREPEND_PUNCTUATIONS}'`, help: 'word timestamps: marks merged into the next word' },
  'append-punctuations': { type: 'string', value: 'CHARS', defaultText: `'${DEFAULT_APPEND_PUNCTUATIONS}'`, help: 'word timestamps: marks merged into the previous word' },
  'hallucination-silence-threshold': { type: 'string', value: 'SEC', defaultText: 'off', help: 'word timestamps: skip silences longer than this before a likely hallucination' },
  strategy: { type: 'string', value: 'NAME', defaultText: 'sequential', help: "long-form strategy: 'sequential' (OpenAI's seek), 'chunked' (overlapping windows, merged) or 'vad-batched' (speech packed into 30 s windows, batched)" },
  'chunk-length': { type: 'string', value: 'SEC', defaultText: String(DEFAULT_CHUNKED_OVERLAP.windowSec), help: 'chunked: window length in seconds (<= 30)' },
  overlap: { type: 'string', value: 'SEC', defaultText: String(DEFAULT_CHUNKED_OVERLAP.overlapSec), help: 'chunked: overlap between windows in seconds (0 allowed)' },
  merge: { type: 'string', value: 'ALG', defaultText: DEFAULT_CHUNKED_OVERLAP.merge, help: `chunked: merge algorithm (${MERGE_ALGORITHM_NAMES.join(', ')})` },
  'no-cleanup': { type: 'boolean', help: 'chunked: keep decoder loops (skip the repetition cleanup)' },
  ...VAD_SWITCH,
  ...VAD_SETTINGS,
  'high-pass': { type: 'string', value: 'HZ', defaultText: 'off', help: 'high-pass filter the audio at this cutoff (the reference tool used 100)' },
  'normalize-dbfs': { type: 'string', value: 'DB', defaultText: 'off', help: 'peak-normalise the audio to this level in dBFS (< 0, e.g. -1)' },
  'output-format': { type: 'string', short: 'f', value: 'FMT', defaultText: 'all', help: 'txt, vtt, srt, tsv, json, or all' },
  'output-dir': { type: 'string', short: 'o', value: 'DIR', defaultText: '.', help: 'folder for the output files' },
  'max-line-width': { type: 'string', value: 'N', help: 'srt/vtt: characters per line before a break (needs --word-timestamps)' },
  'max-line-count': { type: 'string', value: 'N', help: 'srt/vtt: lines per cue (needs --max-line-width and --word-timestamps)' },
  'max-words-per-line': { type: 'string', value: 'N', help: 'srt/vtt: words per line (needs --word-timestamps; no effect with --max-line-width)' },
  'highlight-words': { type: 'boolean', help: 'srt/vtt: underline each word as it is spoken (needs --word-timestamps)' },
  verbose: { type: 'boolean', short: 'v', help: 'print each segment with its times to stdout' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

/** Everything `cephalon transcribe` needs besides the files. */
export interface TranscribePlan {
  readonly model: string;
  readonly dtype: DtypeOption | undefined;
  readonly device: 'cpu' | 'cuda' | undefined;
  readonly threads: number | undefined;
  readonly options: TranscribeOptions;
  /** Audio conditioning (high-pass, normalisation); empty by default. */
  readonly audio: LoadAudioOptions;
  readonly formats: readonly OutputFormat[];
  readonly outputDir: string;
  readonly writer: WriterOptions;
  readonly verbose: boolean;
  /** Warnings about options with no effect, printed before the work starts. */
  readonly warnings: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

function put<T, K extends keyof T>(target: Mutable<T>, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Digits kept when building the ladder, so 0.2 * 3 prints as 0.6 (numpy's arange gives 0.6000000000000001). */
const LADDER_DIGITS = 1e9;

/** OpenAI's CLI ladder: `arange(temperature, 1.0 + 1e-6, increment)`, or the single temperature without an increment. */
export function temperatureLadder(start: number, increment: number | null): number[] {
  if (increment === null || increment === 0) return [start];
  if (increment < 0) usageError(CMD, `option --temperature-increment-on-fallback: ${increment} is negative`);
  const steps = Math.ceil((1 + 1e-6 - start) / increment);
  const ladder = Array.from({ length: Math.max(0, steps) }, (_, i) => Math.round((start + i * increment) * LADDER_DIGITS) / LADDER_DIGITS);
  return ladder.length > 0 ? ladder : [start];
}

function temperatureOption(o: ParsedOptions): number[] | undefined {
  const start = numberOpt(CMD, o, 'temperature');
  const increment = nullableNumberOpt(CMD, o, 'temperature-increment-on-fallback');
  if (start === undefined && increment === undefined) return undefined;
  return temperatureLadder(start ?? 0, increment === undefined ? 0.2 : increment);
}

function decodingOption(o: ParsedOptions): TranscribeOptions['decoding'] {
  const beamSize = intOpt(CMD, o, 'beam-size', 1);
  const patience = numberOpt(CMD, o, 'patience');
  if (beamSize === undefined) {
    if (patience !== undefined) usageError(CMD, '--patience needs --beam-size', 'add --beam-size N, or drop --patience');
    return undefined;
  }
  return patience === undefined ? { kind: 'beam', beamSize } : { kind: 'beam', beamSize, patience };
}

function languageOption(o: ParsedOptions): string | undefined {
  const v = stringOpt(o, 'language');
  if (v === undefined || v.trim().toLowerCase() === 'auto') return undefined;
  return toLanguageCode(v) ?? v;
}

/** Library options from the parsed arguments; only the given ones. */
export function transcribeOptionsFrom(o: ParsedOptions): TranscribeOptions {
  const t: Mutable<TranscribeOptions> = {};
  put(t, 'language', languageOption(o));
  put(t, 'task', choiceOpt(CMD, o, 'task', ['transcribe', 'translate'] as const));
  put(t, 'temperature', temperatureOption(o));
  put(t, 'decoding', decodingOption(o));
  put(t, 'bestOf', intOpt(CMD, o, 'best-of', 1));
  put(t, 'lengthPenalty', nullableNumberOpt(CMD, o, 'length-penalty'));
  put(t, 'compressionRatioThreshold', nullableNumberOpt(CMD, o, 'compression-ratio-threshold'));
  put(t, 'logprobThreshold', nullableNumberOpt(CMD, o, 'logprob-threshold'));
  put(t, 'noSpeechThreshold', nullableNumberOpt(CMD, o, 'no-speech-threshold'));
  put(t, 'initialPrompt', stringOpt(o, 'initial-prompt'));
  put(t, 'carryInitialPrompt', o['carry-initial-prompt'] === true ? true : undefined);
  put(t, 'conditionOnPreviousText', boolOpt(CMD, o, 'condition-on-previous-text'));
  put(t, 'suppressTokens', stringOpt(o, 'suppress-tokens'));
  put(t, 'clipTimestamps', stringOpt(o, 'clip-timestamps'));
  put(t, 'sampleLen', intOpt(CMD, o, 'sample-len', 1));
  put(t, 'withoutTimestamps', o['without-timestamps'] === true ? true : undefined);
  put(t, 'repetitionPenalty', numberOpt(CMD, o, 'repetition-penalty'));
  put(t, 'noRepeatNgramSize', intOpt(CMD, o, 'no-repeat-ngram-size', 0));
  put(t, 'strategy', strategyOption(o));
  wordOptions(o, t);
  return t;
}

/** `--word-timestamps` and the options that only act with it. */
function wordOptions(o: ParsedOptions, t: Mutable<TranscribeOptions>): void {
  const words = o['word-timestamps'] === true;
  put(t, 'wordTimestamps', words ? true : undefined);
  put(t, 'prependPunctuations', stringOpt(o, 'prepend-punctuations'));
  put(t, 'appendPunctuations', stringOpt(o, 'append-punctuations'));
  put(t, 'hallucinationSilenceThreshold', numberOpt(CMD, o, 'hallucination-silence-threshold'));
  if (!words && t.hallucinationSilenceThreshold !== undefined) {
    usageError(CMD, '--hallucination-silence-threshold needs --word-timestamps', 'add --word-timestamps, or drop --hallucination-silence-threshold');
  }
}

/** `--strategy chunked` and its settings; `undefined` keeps the library's sequential default. */
function baseStrategy(o: ParsedOptions, name: 'sequential' | 'chunked' | undefined): TranscribeOptions['strategy'] {
  const windowSec = numberOpt(CMD, o, 'chunk-length');
  const overlapSec = numberOpt(CMD, o, 'overlap');
  const merge = choiceOpt(CMD, o, 'merge', MERGE_ALGORITHM_NAMES);
  const noCleanup = o['no-cleanup'] === true;
  const chunkedOnly = windowSec !== undefined || overlapSec !== undefined || merge !== undefined || noCleanup;
  if (name !== 'chunked') {
    if (chunkedOnly) usageError(CMD, '--chunk-length, --overlap, --merge and --no-cleanup need --strategy chunked', 'add --strategy chunked');
    return undefined;
  }
  const config: Mutable<ChunkedOverlapStrategyOptions> = {};
  put(config, 'windowSec', windowSec);
  put(config, 'overlapSec', overlapSec);
  put(config, 'merge', merge);
  if (noCleanup) config.cleanup = { enabled: false };
  return createChunkedOverlapStrategy(config);
}

/** `--strategy` and `--vad`: VAD in front of the sequential or chunked strategy, or the VAD-batched strategy. */
function strategyOption(o: ParsedOptions): TranscribeOptions['strategy'] {
  const name = choiceOpt(CMD, o, 'strategy', ['sequential', 'chunked', 'vad-batched'] as const);
  const vad = vadPlan(CMD, o);
  if (name === 'vad-batched') {
    baseStrategy(o, undefined);
    return createVadBatchedStrategy({ model: vad.model, options: vad.options });
  }
  if (!vad.enabled && vad.anySetting) usageError(CMD, 'the --vad-* settings need --vad (or --strategy vad-batched)', 'add --vad');
  const base = baseStrategy(o, name);
  return vad.enabled ? createVadStrategy({ model: vad.model, options: vad.options }, ...(base === undefined ? [] : [base])) : base;
}

function writerOptionsFrom(o: ParsedOptions, task: TranscribeOptions['task']): { writer: WriterOptions; warnings: string[] } {
  const w: Mutable<WriterOptions> = {};
  put(w, 'maxLineWidth', intOpt(CMD, o, 'max-line-width', 1));
  put(w, 'maxLineCount', intOpt(CMD, o, 'max-line-count', 1));
  put(w, 'maxWordsPerLine', intOpt(CMD, o, 'max-words-per-line', 1));
  put(w, 'highlightWords', o['highlight-words'] === true ? true : undefined);
  put(w, 'task', task);
  const warnings: string[] = [];
  if (w.maxLineCount !== undefined && w.maxLineWidth === undefined) warnings.push('--max-line-count has no effect without --max-line-width');
  if (w.maxWordsPerLine !== undefined && w.maxLineWidth !== undefined) warnings.push('--max-words-per-line has no effect with --max-line-width');
  return { writer: w, warnings };
}

function audioOptionsFrom(o: ParsedOptions): LoadAudioOptions {
  const a: Mutable<LoadAudioOptions> = {};
  const cutoffHz = numberOpt(CMD, o, 'high-pass');
  const targetDbfs = numberOpt(CMD, o, 'normalize-dbfs');
  if (cutoffHz !== undefined) a.highPass = { cutoffHz };
  if (targetDbfs !== undefined) a.normalize = { kind: 'peak', targetDbfs };
  return a;
}

/** Checks and converts every option except the files. Throws usage errors naming the option. */
export function transcribePlan(o: ParsedOptions): TranscribePlan {
  const options = transcribeOptionsFrom(o);
  const { writer, warnings } = writerOptionsFrom(o, options.task);
  if (options.wordTimestamps !== true && (options.prependPunctuations !== undefined || options.appendPunctuations !== undefined)) {
    warnings.push('--prepend-punctuations and --append-punctuations have no effect without --word-timestamps');
  }
  const dtypeText = stringOpt(o, 'dtype');
  const threads = intOpt(CMD, o, 'threads', 0);
  return {
    model: stringOpt(o, 'model') ?? 'turbo',
    dtype: dtypeText === undefined ? undefined : dtypeText.trim().toLowerCase() === 'quantized' ? 'quantized' : parseDtype(dtypeText),
    device: choiceOpt(CMD, o, 'device', ['cpu', 'cuda'] as const),
    threads: threads === 0 ? undefined : threads,
    options,
    audio: audioOptionsFrom(o),
    formats: parseOutputFormat(stringOpt(o, 'output-format') ?? 'all'),
    outputDir: stringOpt(o, 'output-dir') ?? '.',
    writer,
    verbose: o['verbose'] === true,
    warnings,
  };
}
