#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`; the published package ships it).
let main;
try {
  ({ main } = await import('../dist/main.js'));
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(new URL('../dist/main.js', import.meta.url).pathname)) {
    process.stderr.write('cephalon: the CLI is not built (no dist/main.js); run `npm run build` in the Cephalon workspace.\n');
    process.exit(1);
  }
  throw e;
}
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
