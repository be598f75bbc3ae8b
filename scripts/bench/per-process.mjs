// Baseline for scripts/bench.mjs, the naive way: one headless Chromium process per document
// (`--print-to-pdf`), `concurrency` processes at a time, each with a fresh profile (perf-lab: faster than
// the default one). Chromium's own date/URL header and footer are turned off; no page numbers.
//
//   node scripts/bench/per-process.mjs --browser PATH --concurrency C --out DIR HTML...
//
// Prints one JSON line: documents, pages, wall ms, and each document's pages and latency (for extrapolation).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { countPdfPages } from './pdf-pages.mjs';
import { sandboxArgs } from './sandbox-args.mjs';

const { values, positionals: files } = parseArgs({
  options: { browser: { type: 'string' }, concurrency: { type: 'string' }, out: { type: 'string' } },
  allowPositionals: true,
});
if (values.browser === undefined || values.out === undefined || files.length === 0) {
  process.stderr.write('usage: node scripts/bench/per-process.mjs --browser PATH --concurrency C --out DIR HTML...\n');
  process.exit(2);
}
const browserPath = values.browser;
const outDir = values.out;

function printOne(file) {
  const pdfPath = join(outDir, `${basename(file, '.html')}.pdf`);
  const profile = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const args = ['--headless', ...sandboxArgs(), '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${pdfPath}`, pathToFileURL(resolve(file)).href];
  return new Promise((done, fail) => {
    const child = spawn(browserPath, args, { stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', (code) => {
      rmSync(profile, { recursive: true, force: true });
      if (code === 0) done(countPdfPages(readFileSync(pdfPath)));
      else fail(new Error(`${browserPath} exited with ${code} on ${file}`));
    });
  });
}

const started = performance.now();
let next = 0;
let pages = 0;
const perDocument = [];
await Promise.all(
  Array.from({ length: Math.min(Number(values.concurrency ?? 2), files.length) }, async () => {
    for (let file; (file = files[next++]) !== undefined; ) {
      const documentStarted = performance.now();
      const printed = await printOne(file);
      perDocument.push({ file: basename(file), pages: printed, ms: performance.now() - documentStarted });
      pages += printed;
    }
  }),
);
process.stdout.write(`${JSON.stringify({ documents: files.length, pages, ms: performance.now() - started, perDocument })}\n`);
