import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExrunbookError, exitCodeFor } from '../../src/errors.js';
import { openBrowserSession, type BrowserSession } from '../../src/render/pdf/browser-session.js';
import { findBrowser, isRegularFile } from '../../src/render/pdf/find-browser.js';
import { printPdfs, supportsMarginBoxes, type PdfJob } from '../../src/render/pdf/print-pdfs.js';
import { pageMarginCss } from '../../src/render/page-margins.js';
import { blockedWarnings } from '../../src/cli/build-pdfs.js';
import { linuxPopplerTestsRun, locateBrowser } from './browser-tests-run.js';

/*
 * Real-browser tests. They run wherever a browser is found. Where none is found they are skipped
 * on a developer machine, but in CI (env CI set) they fail: a CI image without a browser must not
 * pass by silently testing nothing.
 */

const { browser, problem } = locateBrowser();
// Linux only: reads the PDFs back with poppler (see linuxPopplerTestsRun in browser-tests-run.ts).
const mustRun = linuxPopplerTestsRun();

const PAGE_CSS = `@page { size: A4; margin: 18mm 14mm 16mm 14mm }
body { font-family: "DejaVu Sans", "Noto Sans CJK JP", sans-serif; font-size: 10.5pt }`;
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`;

function documentOf(lang: 'ja' | 'en', body: string, { csp = true } = {}): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${csp ? CSP : ''}
<title>runbook</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>`;
}

const ENGLISH_BODY = `<h1>EXCAS01 — Update Rollup 23 for Exchange Server 2007 SP3</h1>
${Array.from({ length: 60 }, (_, i) => `<p>Step ${i + 1}. Check that every Exchange service has started before you continue.</p>`).join('\n')}`;
const JAPANESE_TEXT = '中間更新プログラムを削除する';
const JAPANESE_BODY = `<h1>EXMBX01 の手順書</h1><p>手順 3: ${JAPANESE_TEXT}。</p><p>Update Rollup 23 (KB4011325) をインストールします。</p>`;

function poppler(tool: 'pdfinfo' | 'pdftotext', ...args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function pdfText(file: string): string {
  return poppler('pdftotext', '-enc', 'UTF-8', '-layout', file, '-');
}

function pdfPages(file: string): string[] {
  // pdftotext ends every page with a form feed.
  return pdfText(file).split('\f').slice(0, -1);
}

describe('without a browser', () => {
  it('a --browser-path that does not exist stops the run with exit class browser', () => {
    const missing = path.join(os.tmpdir(), 'exrunbook-no-such-dir', 'chrome');
    let caught: unknown;
    try {
      findBrowser({ flagPath: missing, env: {}, platform: process.platform, fileExists: isRegularFile });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExrunbookError);
    const error = caught as ExrunbookError;
    expect(error.code).toBe('browser-not-found');
    expect(error.errorClass).toBe('browser');
    expect(exitCodeFor(error)).toBe(3);
    expect(error.message).toContain(missing);
    expect(error.hint).toContain('--format html,json');
  });
  it.runIf(process.platform !== 'win32' && existsSync('/bin/false'))(
    'a file that is not a browser fails to launch with browser-launch-failed',
    async () => {
      const attempt = openBrowserSession({ browserPath: '/bin/false', headless: true, timeoutMs: 10_000 });
      await expect(attempt).rejects.toMatchObject({ code: 'browser-launch-failed', errorClass: 'browser' });
      await expect(attempt).rejects.toThrow('/bin/false');
    },
  );
});

describe.runIf(mustRun)('printing with a real browser', () => {
  let session: BrowserSession | undefined;
  let outDir = '';

  beforeAll(async () => {
    if (browser === undefined) {
      throw new Error(
        'CI is set but no Chrome/Edge/Chromium was found: install chromium-headless-shell in the CI image ' +
          `or set EXRUNBOOK_BROWSER_PATH. These tests must not be skipped in CI.\n${problem ?? ''}`,
      );
    }
    for (const tool of ['pdfinfo', 'pdftotext'] as const) {
      try {
        poppler(tool, '-v');
      } catch (error) {
        throw new Error(`${tool} (poppler-utils) is needed to check the PDFs`, { cause: error });
      }
    }
    outDir = await mkdtemp(path.join(os.tmpdir(), 'exrunbook-pdf-test-'));
    session = await openBrowserSession({ browserPath: browser.path, headless: browser.headless, timeoutMs: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    if (outDir !== '') await rm(outDir, { recursive: true, force: true });
  });

  function openSession(): BrowserSession {
    if (session === undefined) throw new Error('no browser session');
    return session;
  }

  it('prints an English and a Japanese runbook on A4 with the header on every page', async () => {
    const jobs: PdfJob[] = [
      {
        html: documentOf('en', ENGLISH_BODY),
        outPath: path.join(outDir, 'EXCAS01.pdf'),
        headerLeft: 'EXCAS01',
        headerRight: 'CHG-2026-0042',
        footerLeft: 'Generated 2026-11-25',
        lang: 'en',
        outline: true,
      },
      {
        html: documentOf('ja', JAPANESE_BODY),
        outPath: path.join(outDir, 'EXMBX01.pdf'),
        headerLeft: 'EXMBX01',
        headerRight: 'CHG-2026-0042',
        footerLeft: '作成日 2026-11-25',
        lang: 'ja',
      },
    ];
    const progress: string[] = [];
    const result = await printPdfs(openSession(), jobs, {
      concurrency: 2,
      onProgress: (done, total, job) => progress.push(`${done}/${total} ${job.headerLeft}`),
    });

    expect(result.blocked).toEqual([]);
    // Both pages work at once, so either job may finish first; the count still climbs in order.
    expect(progress.map((line) => line.split(' ')[0])).toEqual(['1/2', '2/2']);
    expect(progress.map((line) => line.split(' ')[1]).sort()).toEqual(['EXCAS01', 'EXMBX01']);

    for (const job of jobs) {
      const info = poppler('pdfinfo', job.outPath);
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const pageCount = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pageCount).toBeGreaterThanOrEqual(1);
      expect(info).toMatch(/Tagged:\s+yes/);

      const pages = pdfPages(job.outPath);
      expect(pages).toHaveLength(pageCount);
      pages.forEach((text, index) => {
        expect(text).toContain(job.headerLeft);
        expect(text).toContain('CHG-2026-0042');
        // pdftotext's layout mode spaces text by position, so compare without white space.
        const pageOf = job.lang === 'ja' ? `${index + 1}/${pageCount}ページ` : `Page${index + 1}of${pageCount}`;
        expect(text.replace(/\s+/g, '')).toContain(pageOf);
      });
    }
    expect(Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', jobs[0]?.outPath ?? ''))?.[1])).toBeGreaterThan(1);
    const japanese = pdfText(path.join(outDir, 'EXMBX01.pdf'));
    expect(japanese).toContain(JAPANESE_TEXT);
    expect(japanese).toContain('作成日 2026-11-25');
  }, 60_000);

  it.each([
    { name: 'its own hardening alone (no CSP in the document)', csp: false },
    { name: 'a CSP meta tag in the document', csp: true },
  ])('refuses every outside request of hostile HTML and runs none of its script: $name', async ({ csp }) => {
    const hostile = documentOf(
      'en',
      `<link rel="stylesheet" href="http://203.0.113.9/evil.css">
       <p>before</p>
       <img src="http://203.0.113.9/x.png" alt="">
       <iframe src="file:///etc/passwd"></iframe>
       <script>document.title='pwned'; document.body.innerHTML='PWNED'</script>
       <p>after</p>`,
      { csp },
    );
    const outPath = path.join(outDir, `hostile-${String(csp)}.pdf`);
    const result = await printPdfs(openSession(), [
      { html: hostile, outPath, headerLeft: 'EXHOSTILE', headerRight: 'CHG-1', footerLeft: 'today', lang: 'en' },
    ]);

    expect(result.blocked).toHaveLength(1);
    expect(result.blocked[0]?.outPath).toBe(outPath);
    expect(result.blocked[0]?.urls).toEqual(
      expect.arrayContaining(['http://203.0.113.9/x.png', 'http://203.0.113.9/evil.css', 'file:///etc/passwd']),
    );
    const text = pdfText(outPath);
    expect(text).toContain('before');
    expect(text).toContain('after');
    expect(text).not.toContain('PWNED');
    expect(text).not.toContain('root:');
  }, 60_000);

  it('reports what a document tried to load, per document, and no request reaches a listening server', async () => {
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    try {
      const jobs: PdfJob[] = ['clean', 'hostile', 'clean-too'].map((name) => ({
        html: documentOf(
          'en',
          name === 'hostile'
            ? `<p>before</p><img src="${base}/a.png" alt=""><img src="${base}/a.png" alt=""><link rel="stylesheet" href="${base}/b.css"><p>after</p>`
            : `<p>${name}</p>`,
          { csp: false },
        ),
        outPath: path.join(outDir, `${name}.pdf`),
        headerLeft: name,
        headerRight: 'CHG-1',
        footerLeft: 'today',
        lang: 'en' as const,
      }));
      const result = await printPdfs(openSession(), jobs, { concurrency: 1 });

      expect(hits).toEqual([]);
      expect(result.blocked).toEqual([{ outPath: path.join(outDir, 'hostile.pdf'), urls: expect.arrayContaining([`${base}/a.png`, `${base}/b.css`]) as unknown }]);
      expect(result.blocked[0]?.urls).toHaveLength(2);
      const [warning] = blockedWarnings({ lang: 'en' }, result.blocked, (outPath) => path.basename(outPath));
      expect(warning).toMatch(/^exrunbook: warning: hostile\.pdf tried to load 2 outside resources; every one was refused/);
      expect(warning).toContain(`${base}/a.png`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  it('prints the same HTML to the same bytes whatever the page printed before, once normalised', async () => {
    const html = documentOf('en', `<table><thead><tr><th>Server</th><th>Build</th></tr></thead><tbody><tr><td>EXCAS01</td><td>8.3.517.0</td></tr></tbody></table>${ENGLISH_BODY}`);
    const job = (name: string, body = html): PdfJob => ({ html: body, outPath: path.join(outDir, `${name}.pdf`), headerLeft: 'EXCAS01', headerRight: 'CHG-1', footerLeft: '2026-11-25', lang: 'en', outline: true });
    await printPdfs(openSession(), [job('same-1')], { concurrency: 1, documentDate: '2026-11-25' });
    // Other documents in between move Chromium's DOM node counter, which names structure elements.
    await printPdfs(openSession(), [job('other', documentOf('en', JAPANESE_BODY)), job('same-2')], { concurrency: 1, documentDate: '2026-11-25' });
    const first = readFileSync(path.join(outDir, 'same-1.pdf'));
    expect(readFileSync(path.join(outDir, 'same-2.pdf')).equals(first)).toBe(true);
    expect(poppler('pdfinfo', path.join(outDir, 'same-1.pdf'))).toMatch(/CreationDate:\s+\w{3} Nov 25 00:00:00 2026 UTC/);
  }, 60_000);

  it('prints inventory strings in the header and footer literally', async () => {
    const outPath = path.join(outDir, 'escaped.pdf');
    await printPdfs(openSession(), [
      {
        html: documentOf('en', '<p>body</p>'),
        outPath,
        headerLeft: '<b>EX&01</b>',
        headerRight: '<span class="pageNumber"></span>',
        footerLeft: '"quoted" & \'single\'',
        lang: 'en',
      },
    ]);
    const text = pdfText(outPath);
    expect(text).toContain('<b>EX&01</b>');
    expect(text).toContain('<span class="pageNumber"></span>');
    expect(text).toContain('"quoted" & \'single\'');
  }, 60_000);

  it('draws the header and footer from the document\'s own margin boxes: once per page, inventory text literally', async () => {
    expect(supportsMarginBoxes(openSession().version)).toBe(true);
    const margins = { headerLeft: 'EX"01 </style><b>', headerRight: 'CHG-7 \\ ✓', footerLeft: '2026-11-25', lang: 'ja' as const };
    const html = documentOf('ja', JAPANESE_BODY.repeat(40)).replace('</head>', `<style>${pageMarginCss(margins)}</style></head>`);
    const outPath = path.join(outDir, 'margin-boxes.pdf');
    await printPdfs(openSession(), [{ html, outPath, ...margins, marginBoxes: true }]);
    const pages = pdfPages(outPath);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, index) => {
      expect(text.split(margins.headerLeft)).toHaveLength(2);
      expect(text.split(margins.headerRight)).toHaveLength(2);
      expect(text.split(margins.footerLeft)).toHaveLength(2);
      expect(text.replace(/\s+/g, '')).toContain(`${index + 1}/${pages.length}ページ`);
    });
  }, 60_000);

  it('fails with pdf-failed naming the file it could not write, after one retry', async () => {
    const outPath = path.join(outDir, 'no-such-folder', 'EXCAS09.pdf');
    const attempt = printPdfs(openSession(), [
      { html: documentOf('en', '<p>x</p>'), outPath, headerLeft: 'EXCAS09', headerRight: '', footerLeft: '', lang: 'en' },
    ]);
    await expect(attempt).rejects.toMatchObject({ code: 'pdf-failed', errorClass: 'browser' });
    await expect(attempt).rejects.toThrow(outPath);
  }, 60_000);

  it('closes the browser and removes its profile, and close() can be called twice', async () => {
    if (browser === undefined) throw new Error('no browser');
    const own = await openBrowserSession({ browserPath: browser.path, headless: browser.headless, timeoutMs: 30_000 });
    expect(path.basename(own.profileDir)).toMatch(/^exrunbook-browser-/);
    expect((await stat(own.profileDir)).isDirectory()).toBe(true);
    expect(own.version).toMatch(/Chrom|Edg/);
    const pid = own.browser.process()?.pid;
    await Promise.all([own.close(), own.close()]);
    await own.close();
    expect(existsSync(own.profileDir)).toBe(false);
    expect(own.browser.connected).toBe(false);
    if (pid !== undefined && process.platform !== 'win32') expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);

  it.runIf(process.platform === 'linux')('kills the whole process group when the browser hangs on close', async () => {
    if (browser === undefined) throw new Error('no browser');
    const hung = await openBrowserSession({
      browserPath: browser.path,
      headless: browser.headless,
      timeoutMs: 30_000,
      closeWatchdogMs: 500,
    });
    const pid = hung.browser.process()?.pid;
    if (pid === undefined) throw new Error('no browser pid');
    expect(processGroup(pid).length).toBeGreaterThan(1);
    // A stopped browser never answers Browser.close: only the watchdog can end it.
    process.kill(-pid, 'SIGSTOP');
    // close() returns at all only through the watchdog (the test's timeout catches a hang), and the
    // browser ended by our SIGKILL, not by a shutdown it could no longer make.
    await hung.close();
    await expect.poll(() => hung.browser.process()?.signalCode, { timeout: 5_000 }).toBe('SIGKILL');
    await expect.poll(() => processGroup(pid).filter((entry) => !entry.zombie), { timeout: 5_000 }).toEqual([]);
    expect(existsSync(hung.profileDir)).toBe(false);
  }, 60_000);
});

/** Processes (pid, zombie or not) in process group `pgid`, read from /proc. */
function processGroup(pgid: number): { pid: number; zombie: boolean }[] {
  const members: { pid: number; zombie: boolean }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: pid (comm) state ppid pgrp … — comm may contain spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) members.push({ pid: Number(entry), zombie: fields[0] === 'Z' });
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}
