/**
 * Fake repositories for the Hub tests and a temp cache per test.
 * - `cephalon-test/whisper-dev-random`: the shared random-weight model's config/tokenizer files and its fp32 encoder
 *   and merged decoder (about 36 MB), served exactly as the Hub serves them.
 * - `cephalon-test/tiny-variants`: the same config files with small synthetic ONNX files in several dtypes and both
 *   decoder layouts, to test file selection, resume and corruption quickly.
 * - `cephalon-test/gated`: like tiny-variants, but requires a token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeOnnx, sharedFile } from './fake-hub.js';
import type { FakeFile, FakeRepo } from './fake-hub.js';

export const DEV_REPO = 'cephalon-test/whisper-dev-random';
export const VARIANTS_REPO = 'cephalon-test/tiny-variants';
export const GATED_REPO = 'cephalon-test/gated';
/** A fake repository under the name the `tiny.en` alias points to. */
export const TINY_EN_REPO = 'onnx-community/whisper-tiny.en';
export const GATED_TOKEN = 'hf_test_token_123';
/** Size of each synthetic ONNX file. */
export const FAKE_ONNX_BYTES = 200_000;

const CONFIGS = ['config.json', 'generation_config.json', 'preprocessor_config.json'];
const DEV_SUPPORT = [...CONFIGS, 'tokenizer.json', 'tokenizer_config.json', 'vocab.json', 'merges.txt', 'added_tokens.json', 'special_tokens_map.json', 'normalizer.json'];

function small(path: string): FakeFile {
  return { path, bytes: sharedFile(path), lfs: false };
}

function devRepo(): FakeRepo {
  const onnx = ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx'].map((path) => ({ path, bytes: sharedFile(path), lfs: true }));
  return { id: DEV_REPO, files: [...DEV_SUPPORT.map(small), small('README.md'), ...onnx] };
}

const VARIANT_GRAPHS = [
  'onnx/encoder_model.onnx',
  'onnx/encoder_model_quantized.onnx',
  'onnx/encoder_model_fp16.onnx',
  'onnx/decoder_model_merged.onnx',
  'onnx/decoder_model_merged_quantized.onnx',
  'onnx/decoder_model_merged_q4.onnx',
  'onnx/decoder_model_merged_fp16.onnx',
  'onnx/decoder_model.onnx',
  'onnx/decoder_with_past_model.onnx',
];

function variantFiles(): FakeFile[] {
  const graphs = VARIANT_GRAPHS.map((path, i) => ({ path, bytes: fakeOnnx(FAKE_ONNX_BYTES, i + 1), lfs: true }));
  const extra: FakeFile[] = [
    { path: 'onnx/decoder_model_merged_fp16.onnx_data', bytes: Buffer.alloc(50_000, 7), lfs: true },
    { path: 'model.safetensors', bytes: Buffer.alloc(10_000, 1), lfs: true },
    { path: 'README.md', bytes: Buffer.from('# tiny variants\n'), lfs: false },
  ];
  return [...CONFIGS.map(small), ...graphs, ...extra];
}

/** The fake repositories; the dev model (36 MB to read and hash) only when `withDevModel`. */
export function testRepos(withDevModel: boolean): FakeRepo[] {
  const small = [
    { id: VARIANTS_REPO, files: variantFiles() },
    { id: GATED_REPO, files: variantFiles(), token: GATED_TOKEN },
    { id: TINY_EN_REPO, files: variantFiles() },
  ];
  return withDevModel ? [devRepo(), ...small] : small;
}

/** A fresh empty cache folder; call `cleanup` when done. */
export async function tempCache(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-hub-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
