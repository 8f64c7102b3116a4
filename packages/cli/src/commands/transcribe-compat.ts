/**
 * `cephalon transcribe` spellings of OpenAI's `whisper` CLI, whisper.cpp and faster-whisper front ends
 * (whisper-ctranslate2). Only spellings with an identical meaning are accepted; the others are refused with what
 * differs and what to use. Every OpenAI option written with underscores (`--output_dir`, `--beam_size` ...) is
 * accepted by the generic rule in `compat.ts`. Documented in docs/cli.md ("Coming from other tools").
 */
import { boolRule, refused, renamedTo, sameAs } from '../compat.js';
import type { CompatTable } from '../compat.js';

export const TRANSCRIBE_COMPAT: CompatTable = {
  // OpenAI whisper CLI
  '--fp16': boolRule(
    { args: [], warning: '--fp16 True ignored: Cephalon computes in FP32 (as OpenAI does on CPU); for half-precision weights use --dtype fp16' },
    { args: [] },
  ),
  '--model_dir': refused(true, 'Cephalon keeps models in the Hugging Face cache, not in a model_dir', 'set HF_HUB_CACHE, or pass a model folder with -m DIR'),
  // whisper.cpp
  '-otxt': sameAs('--output-format=txt'),
  '--output-txt': sameAs('--output-format=txt'),
  '-osrt': sameAs('--output-format=srt'),
  '--output-srt': sameAs('--output-format=srt'),
  '-ovtt': sameAs('--output-format=vtt'),
  '--output-vtt': sameAs('--output-format=vtt'),
  '-oj': sameAs('--output-format=json'),
  '--output-json': sameAs('--output-format=json'),
  '-ocsv': refused(false, 'CSV output is not written', 'use -f tsv (tab-separated start, end, text)'),
  '-olrc': refused(false, 'LRC output is not written', 'use -f srt or -f vtt'),
  '-ml': refused(true, "whisper.cpp's maximum segment length splits segments; Cephalon does not split segments", 'for subtitle line breaks use --max-line-width N (needs word timings)'),
  '--max-len': refused(true, "whisper.cpp's maximum segment length splits segments; Cephalon does not split segments", 'for subtitle line breaks use --max-line-width N (needs word timings)'),
  '-bs': renamedTo('--beam-size'),
  '-bo': renamedTo('--best-of'),
  '-tr': sameAs('--task=translate'),
  '--translate': sameAs('--task=translate'),
  '-ng': sameAs('--device=cpu'),
  '--no-gpu': sameAs('--device=cpu'),
  '-of': refused(true, 'output files are named after the input', 'use -o DIR for the folder, or -o - to write one format to stdout'),
  // faster-whisper front ends (whisper-ctranslate2)
  '--compute_type': refused(true, 'CTranslate2 compute types do not apply to ONNX models', 'use --dtype (fp32, fp16, q8, int8, q4 ...)'),
};
