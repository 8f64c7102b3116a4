import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { TRANSCRIBE_OPTIONS } from '../src/commands/transcribe-options.js';
import { captureIo } from './capture-io.js';

/** One line of the form `cephalon: <message> (<hint>)`. */
const ERROR_LINE = /^cephalon: [^\n]+ \([^\n]+\)\n$/;

test('cephalon --help lists transcribe and models; no command is a usage error', async () => {
  const c = captureIo();
  assert.equal(await main(['--help'], c.io), EXIT.ok);
  assert.match(c.stdout(), /^ {2}models$/m);
  assert.match(c.stdout(), /^ {2}transcribe$/m);
  assert.equal(await main([], captureIo().io), EXIT.usage);
});

test('transcribe --help documents every option and exits 0', async () => {
  const c = captureIo();
  assert.equal(await main(['transcribe', '--help'], c.io), EXIT.ok);
  for (const name of Object.keys(TRANSCRIBE_OPTIONS)) assert.ok(c.stdout().includes(`--${name}`), `--${name} missing from the help`);
  assert.equal(c.stderr(), '');
});

test('models --help and models <sub> --help exit 0', async () => {
  for (const argv of [['models', '--help'], ['models', 'list', '--help'], ['models', 'pull', '-h'], ['models', 'path', '--help'], ['models', 'rm', '--help']]) {
    const c = captureIo();
    assert.equal(await main(argv, c.io), EXIT.ok, argv.join(' '));
    assert.match(c.stdout(), /^Usage: cephalon models/, argv.join(' '));
  }
});

test('an unknown option is a usage error on one line', async () => {
  const c = captureIo();
  assert.equal(await main(['transcribe', 'a.wav', '--bogus'], c.io), EXIT.usage);
  assert.match(c.stderr(), ERROR_LINE);
  assert.match(c.stderr(), /unknown option '--bogus'/);
  assert.equal(c.stdout(), '');
});

test('bad option values are usage errors naming the option', async () => {
  const cases: [string[], RegExp][] = [
    [['--beam-size', 'two'], /--beam-size: 'two' is not a number/],
    [['--beam-size', '1.5'], /--beam-size: '1.5' is not a whole number >= 1/],
    [['--threads', '-2'], /--threads: '-2' is not a whole number >= 0/],
    [['--temperature', 'hot'], /--temperature: 'hot' is not a number/],
    [['--output-format', 'docx'], /unknown output format 'docx'/],
    [['--condition-on-previous-text', 'maybe'], /true or false/],
    [['--patience', '2'], /--patience needs --beam-size/],
    [['--dtype', 'fp64'], /Unknown model dtype "fp64"/],
    [['--device', 'npu'], /one of cpu, cuda/],
  ];
  for (const [args, message] of cases) {
    const c = captureIo();
    assert.equal(await main(['transcribe', 'a.wav', ...args], c.io), EXIT.usage, args.join(' '));
    assert.match(c.stderr(), ERROR_LINE, args.join(' '));
    assert.match(c.stderr(), message, args.join(' '));
  }
});

test('transcribe without files is a usage error', async () => {
  const c = captureIo();
  assert.equal(await main(['transcribe', '--model', 'tiny.en'], c.io), EXIT.usage);
  assert.match(c.stderr(), /no audio file given/);
});

test('a missing input file is an input error on one line, before any model is loaded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-cli-'));
  try {
    const c = captureIo({ HF_HUB_OFFLINE: '1', HF_HUB_CACHE: dir }, dir);
    assert.equal(await main(['transcribe', 'missing.wav', '--model', 'no-such-model-anywhere'], c.io), EXIT.inputError);
    assert.equal(c.stderr(), 'cephalon: audio file missing.wav does not exist (check the path)\n');
    const d = captureIo({}, dir);
    assert.equal(await main(['transcribe', '.'], d.io), EXIT.inputError);
    assert.match(d.stderr(), /audio file \. is a directory/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unknown command or models subcommand is a usage error', async () => {
  const c = captureIo();
  assert.equal(await main(['transcibe'], c.io), EXIT.usage);
  assert.match(c.stderr(), /unknown command 'transcibe'/);
  const d = captureIo();
  assert.equal(await main(['models', 'delete', 'x'], d.io), EXIT.usage);
  assert.match(d.stderr(), ERROR_LINE);
});
