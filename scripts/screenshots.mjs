// Regenerates docs/screenshots/: the sample fleet's index.html and one runbook as an operator sees
// them in a browser (headless Chromium, JavaScript off), page 1 of a runbook PDF and the binder's cover
// (pdftoppm); the schedule timeline of fleet/config/sample-fleet-windows.yaml and the verification page
// of a made-up after-window inventory (some servers updated, one cluster node not, one rolled back).
// Needs `npm run build` first and a local Chrome/Chromium; not part of the test suite.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findBrowser, isRegularFile } from '../dist/render/pdf/find-browser.js';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-shots-'));
const out = join(work, 'out');
execFileSync(process.execPath, ['bin/exrunbook.js', 'build', 'fixtures/sample-fleet', '--out', out, '--date', '2026-11-25', '--ticket', 'CHG-1042', '--format', 'html,json,pdf', '--binder'], { stdio: 'inherit' });
execFileSync(process.execPath, ['bin/exrunbook.js', 'build', 'fixtures/sample-fleet', '--out', `${out}-ja`, '--date', '2026-11-25', '--ticket', 'CHG-1042', '--lang', 'ja', '--format', 'html,pdf'], { stdio: 'inherit' });

const run = (args) => execFileSync(process.execPath, ['bin/exrunbook.js', ...args], { stdio: 'inherit' });
run(['build', 'fixtures/sample-fleet', '--config', 'fixtures/config/sample-fleet-windows.yaml', '--out', `${out}-windows`, '--date', '2026-11-25', '--format', 'html,json']);
run(['build', 'fixtures/sample-fleet', '--config', 'fixtures/config/sample-fleet-windows.yaml', '--out', `${out}-windows-ja`, '--date', '2026-11-25', '--lang', 'ja', '--format', 'html,pdf']);
// After the window: ExSetup says the target on some machines, an older build on EXHUB01, nothing new elsewhere.
const after = join(work, 'after');
cpSync('fixtures/sample-fleet', after, { recursive: true });
for (const [machine, build] of [['EXCAS01', '08.03.0517.000'], ['EXCAS02', '08.03.0517.000'], ['EXEDGE01', '08.03.0517.000'], ['EXMBX01N2', '08.03.0517.000'], ['EXHUB01', '08.01.0340.001']]) {
  rmSync(join(after, machine, 'InstalledPatches.csv'), { force: true });
  writeFileSync(join(after, machine, 'ExSetup.csv'), `"FileName","FileVersion"\r\n"C:\\Program Files\\Microsoft\\Exchange Server\\bin\\ExSetup.exe","${build}"\r\n`);
}
const verify = (lang) => {
  try {
    run(['verify', join(`${out}-windows`, 'plan.json'), after, '--out', join(work, `verify-${lang}`), '--date', '2026-12-14', '--lang', lang, '--format', 'html,pdf']);
  } catch (error) {
    if (error.status !== 4) throw error; // 4: not every server verified, as this inventory means
  }
};
verify('en');
verify('ja');

const found = findBrowser({ env: process.env, platform: process.platform, fileExists: isRegularFile });
const browser = await puppeteer.launch({
  executablePath: found.path,
  headless: found.headless,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--font-render-hinting=none'],
});
try {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width: 1100, height: 1400, deviceScaleFactor: 1 });
  for (const [file, name] of [
    [join(out, 'index.html'), 'index.png'],
    [join(out, 'servers', 'EXCAS01.html'), 'runbook-EXCAS01.png'],
    [join(`${out}-ja`, 'servers', 'EXMBX01.html'), 'runbook-EXMBX01-ja.png'],
  ]) {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.screenshot({ path: resolve('docs/screenshots', name) });
    console.log(`docs/screenshots/${name}`);
  }
  for (const [file, selector, name] of [
    [join(`${out}-windows`, 'index.html'), 'section.schedule', 'timeline.png'],
    [join(work, 'verify-en', 'verify.html'), 'body', 'verify.png'],
  ]) {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const element = await page.$(selector);
    if (!element) throw new Error(`no ${selector} in ${file}`);
    await element.screenshot({ path: resolve('docs/screenshots', name), clip: selector === 'body' ? { x: 0, y: 0, width: 1100, height: 1300 } : undefined });
    console.log(`docs/screenshots/${name}`);
  }
} finally {
  await browser.close();
}
for (const [pdf, name] of [
  [join(out, 'servers', 'EXCAS02.pdf'), 'pdf-EXCAS02-page1'],
  [join(`${out}-ja`, 'servers', 'EXCAS01.pdf'), 'pdf-EXCAS01-ja-page1'],
  [join(out, 'binder.pdf'), 'binder-cover'],
  [join(`${out}-windows-ja`, 'index.pdf'), 'pdf-timeline-ja-page1'],
  [join(work, 'verify-ja', 'verify.pdf'), 'pdf-verify-ja-page1'],
]) {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, resolve('docs/screenshots', name)]);
  console.log(`docs/screenshots/${name}.png`);
}
// The pages a reviewer asks for: where the rollback section starts, and a health check after setup
// (found by their text, so the shots follow the runbooks as they change).
for (const [pdf, text, name] of [
  [join(out, 'servers', 'EXCAS02.pdf'), 'Rollback (only if the update fails)', 'pdf-EXCAS02-rollback'],
  [join(`${out}-ja`, 'servers', 'EXMBX01.pdf'), 'ReplayQueueLength が 0 近くに戻っている', 'pdf-EXMBX01-ja-health'],
]) {
  const page = pageWith(pdf, text);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, resolve('docs/screenshots', name)]);
  console.log(`docs/screenshots/${name}.png (page ${page})`);
}
rmSync(work, { recursive: true, force: true });

function pageWith(pdf, text) {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
  for (let page = 1; page <= pages; page++) {
    // Without whitespace: a title may wrap anywhere on the page.
    const words = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    if (words.includes(text.replace(/\s+/g, ''))) return page;
  }
  throw new Error(`${pdf}: no page shows "${text}"`);
}
