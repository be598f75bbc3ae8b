// Baseline for scripts/bench.mjs, no exrunbook code: the physical limit of this machine for printing the
// same HTML files — puppeteer-core, one browser, `concurrency` reused pages, `setContent` + `page.pdf` with
// the same paper and margins as exrunbook's printer (perf-lab: best strategy found). The header and footer
// are in the documents themselves (CSS margin boxes, render/page-margins.ts), as exrunbook prints them on
// a Chromium that draws margin boxes (131 and later).
//
//   node scripts/bench/raw-puppeteer.mjs --browser PATH --headless shell|new --concurrency C --out DIR HTML...
//
// Prints one JSON line: documents, pages, wall ms (launch to close, what a user waits for), browser version.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { countPdfPages } from './pdf-pages.mjs';
import { sandboxArgs } from './sandbox-args.mjs';

const { values, positionals: files } = parseArgs({
  options: { browser: { type: 'string' }, headless: { type: 'string' }, concurrency: { type: 'string' }, out: { type: 'string' } },
  allowPositionals: true,
});
if (values.browser === undefined || values.out === undefined || files.length === 0) {
  process.stderr.write('usage: node scripts/bench/raw-puppeteer.mjs --browser PATH --headless shell|new --concurrency C --out DIR HTML...\n');
  process.exit(2);
}
const concurrency = Number(values.concurrency ?? 2);
const outDir = values.out;

const started = performance.now();
const profile = mkdtempSync(join(tmpdir(), 'bench-raw-'));
const browser = await puppeteer.launch({
  executablePath: values.browser,
  headless: values.headless === 'shell' ? 'shell' : true,
  args: [`--user-data-dir=${profile}`, ...sandboxArgs(), '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const version = await browser.version();
let next = 0;
let pages = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    for (let file; (file = files[next++]) !== undefined; ) {
      await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        margin: { top: '18mm', right: '14mm', bottom: '16mm', left: '14mm' },
        preferCSSPageSize: true,
        printBackground: true,
        tagged: true,
      });
      pages += countPdfPages(pdf);
      writeFileSync(join(outDir, `${basename(file, '.html')}.pdf`), pdf);
    }
    await page.close();
  }),
);
await browser.close();
const ms = performance.now() - started;
rmSync(profile, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ documents: files.length, pages, ms, version })}\n`);
