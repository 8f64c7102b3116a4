import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const DEV = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random/', import.meta.url));

test('cephalon export: writes the model folder with progress; usage and missing sources are typed exits', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cli-export-'));
  try {
    const ok = captureIo();
    assert.equal(await main(['export', DEV, '--out', join(out, 'dev'), '--static', '--cache-length', '64'], ok.io), EXIT.ok);
    for (const f of ['encoder_model.onnx', 'cross_kv_model.onnx', 'decoder_step_model.onnx']) assert.ok(existsSync(join(out, 'dev', 'onnx', f)), f);
    assert.ok(existsSync(join(out, 'dev', 'tokenizer.json')));
    assert.match(ok.stderr(), /wrote .*decoder_step_model\.onnx/);
    const noOut = captureIo();
    assert.equal(await main(['export', DEV], noOut.io), EXIT.usage);
    assert.match(noOut.stderr(), /--out/);
    const both = captureIo();
    assert.equal(await main(['export', DEV, '--random', 'tiny', '--out', out], both.io), EXIT.usage);
    const badSize = captureIo();
    assert.equal(await main(['export', '--random', 'huge', '--out', out], badSize.io), EXIT.usage);
    assert.match(badSize.stderr(), /tiny/);
    const badDtype = captureIo();
    assert.equal(await main(['export', DEV, '--out', out, '--dtype', 'int4'], badDtype.io), EXIT.usage);
    const missing = captureIo();
    assert.equal(await main(['export', join(out, 'nothing-here'), '--out', join(out, 'x')], missing.io), EXIT.modelError);
    assert.match(missing.stderr(), /does not exist/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
