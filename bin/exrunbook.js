#!/usr/bin/env node
// Entry point: compiled code lives in dist/ (built by `npm ci` through the `prepare` script).
import { main, watchClosedPipes } from '../dist/cli/main.js';

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
