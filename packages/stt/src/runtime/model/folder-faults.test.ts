/** Model folders as people lay them out: a symlinked `onnx/` folder works; a folder where an ONNX file should be is a typed error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelCorruptError } from '../../core/errors.js';
import { resolveManifest } from './manifest.js';

const DEV = fileURLToPath(new URL('../../../../../../shared/models/whisper-dev-random', import.meta.url));
const ROOT_FILES = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json', 'merges.txt', 'added_tokens.json', 'special_tokens_map.json', 'normalizer.json'];

async function folderWithout(onnx: 'symlink' | 'encoder-is-folder'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'cephalon-folder-'));
  const dir = join(root, 'model');
  await mkdir(dir);
  for (const f of ROOT_FILES) await cp(join(DEV, f), join(dir, f));
  if (onnx === 'symlink') {
    await symlink(join(DEV, 'onnx'), join(dir, 'onnx'));
  } else {
    await mkdir(join(dir, 'onnx', 'encoder_model.onnx'), { recursive: true });
    await cp(join(DEV, 'onnx', 'decoder_model_merged.onnx'), join(dir, 'onnx', 'decoder_model_merged.onnx'));
  }
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

test('a symlinked onnx/ folder is followed', async () => {
  const { dir, cleanup } = await folderWithout('symlink');
  try {
    const m = await resolveManifest(dir);
    assert.equal(m.encoderPath, join(dir, 'onnx', 'encoder_model.onnx'));
  } finally {
    await cleanup();
  }
});

test('onnx/encoder_model.onnx that is a folder is ModelCorruptError naming it', async () => {
  const { dir, cleanup } = await folderWithout('encoder-is-folder');
  try {
    await assert.rejects(resolveManifest(dir), (e: unknown) => e instanceof ModelCorruptError && e.message.includes(join(dir, 'onnx', 'encoder_model.onnx')) && /is a directory/.test(e.message));
  } finally {
    await cleanup();
  }
});
