#!/usr/bin/env node
// Entry point. The code lives in dist/: compiled by `npm run build` (and by `npm ci` in a checkout,
// through `prepare`), or bundled into one file in the release tarball.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  // A checkout installed with --ignore-scripts, or a copy without dist/: say so instead of a stack trace.
  process.stderr.write(
    'exrunbook: not built: dist/cli/main.js is missing.\n' +
      '  fix: in the exrunbook folder run `npm run build` (a git checkout), or install the release tarball exrunbook-<version>.tgz instead.\n' +
      'exrunbook: ビルドされていません (dist/cli/main.js がありません)。\n' +
      '  対処: exrunbook のフォルダーで `npm run build` を実行するか、リリースの exrunbook-<version>.tgz をインストールしてください。\n',
  );
  process.exit(1);
}
const { main, watchClosedPipes } = await import(compiled.href);

const pipes = watchClosedPipes(process.stdout, process.stderr, () => {
  process.exitCode = 0;
});
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = pipes.stdoutClosed() ? 0 : code;
