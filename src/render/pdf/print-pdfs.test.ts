import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExrunbookError } from '../../errors.js';
import { createHash } from 'node:crypto';
import { printPdfs, type PdfJob, type PrintSession } from './print-pdfs.js';

/*
 * The pool's logic against a scripted fake browser. test/pdf/print-pdfs.test.ts checks the same
 * code against a real one.
 */

interface FakeRequest {
  url(): string;
  isInterceptResolutionHandled(): boolean;
  continue(): Promise<void>;
  abort(reason: string): Promise<void>;
}

type Behaviour = (html: string, attempt: number) => 'ok' | 'throw';

class FakeBrowser {
  pagesOpened = 0;
  pagesClosed = 0;
  busy = 0;
  maxBusy = 0;
  attempts = new Map<string, number>();
  javascriptDisabled = 0;
  interceptionEnabled = 0;
  requestHandlers: ((request: FakeRequest) => void)[] = [];
  consoleHandlers: ((message: { text(): string }) => void)[] = [];
  /** Called as a document loads: a test fires requests from here. */
  onContent: ((html: string) => void) | undefined;

  constructor(private readonly behaviour: Behaviour) {}

  async newPage(): Promise<unknown> {
    await Promise.resolve();
    this.pagesOpened++;
    let html = '';
    const page = {
      setDefaultTimeout: () => undefined,
      setDefaultNavigationTimeout: () => undefined,
      setJavaScriptEnabled: (enabled: boolean) => {
        if (!enabled) this.javascriptDisabled++;
        return Promise.resolve();
      },
      setRequestInterception: (enabled: boolean) => {
        if (enabled) this.interceptionEnabled++;
        return Promise.resolve();
      },
      on: (event: string, handler: (argument: FakeRequest & { text(): string }) => void) => {
        if (event === 'request') this.requestHandlers.push(handler as (request: FakeRequest) => void);
        if (event === 'console') this.consoleHandlers.push(handler as (message: { text(): string }) => void);
      },
      setContent: async (content: string) => {
        html = content;
        this.onContent?.(content);
        this.busy++;
        this.maxBusy = Math.max(this.maxBusy, this.busy);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      pdf: () => {
        const attempt = (this.attempts.get(html) ?? 0) + 1;
        this.attempts.set(html, attempt);
        this.busy--;
        const outcome = this.behaviour(html, attempt);
        if (outcome === 'throw') return Promise.reject(new Error(`TimeoutError: printing ${html} timed out`));
        return Promise.resolve(new TextEncoder().encode(`%PDF ${html}`));
      },
      close: () => {
        this.pagesClosed++;
        return Promise.resolve();
      },
    };
    return page;
  }
}

function sessionOf(fake: FakeBrowser): PrintSession {
  return { browser: fake as unknown as Browser, timeoutMs: 1_000 };
}

let outDir = '';
beforeEach(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'exrunbook-pool-test-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function jobsOf(count: number): PdfJob[] {
  return Array.from({ length: count }, (_, index) => ({
    html: `doc-${index}`,
    outPath: path.join(outDir, `EX${index}.pdf`),
    headerLeft: `EX${index}`,
    headerRight: 'CHG-1',
    footerLeft: '2026-11-25',
    lang: 'en' as const,
  }));
}

describe('printPdfs (pool logic)', () => {
  it('prints every job with at most `concurrency` pages, one page per worker, all closed', async () => {
    const fake = new FakeBrowser(() => 'ok');
    const progress: number[] = [];
    const jobs = jobsOf(9);
    await printPdfs(sessionOf(fake), jobs, { concurrency: 3, onProgress: (done, total) => progress.push(done * 100 + total) });

    expect(fake.maxBusy).toBe(3);
    expect(fake.pagesOpened).toBe(3);
    expect(fake.pagesClosed).toBe(3);
    expect(fake.javascriptDisabled).toBe(3);
    expect(fake.interceptionEnabled).toBe(3);
    expect(progress).toEqual([109, 209, 309, 409, 509, 609, 709, 809, 909]);
    for (const job of jobs) expect(await readFile(job.outPath, 'utf8')).toBe(`%PDF ${job.html}`);
  });

  it('never opens more pages than there are jobs', async () => {
    const fake = new FakeBrowser(() => 'ok');
    await printPdfs(sessionOf(fake), jobsOf(1), { concurrency: 8 });
    expect(fake.pagesOpened).toBe(1);
    await printPdfs(sessionOf(fake), [], { concurrency: 8 });
    expect(fake.pagesOpened).toBe(1);
  });

  it('retries a failed job once on a fresh page', async () => {
    const fake = new FakeBrowser((html, attempt) => (html === 'doc-1' && attempt === 1 ? 'throw' : 'ok'));
    const jobs = jobsOf(3);
    await printPdfs(sessionOf(fake), jobs, { concurrency: 1 });

    expect(fake.attempts.get('doc-1')).toBe(2);
    expect(fake.pagesOpened).toBe(2);
    expect(fake.pagesClosed).toBe(2);
    expect(await readFile(jobs[1]?.outPath ?? '', 'utf8')).toBe('%PDF doc-1');
  });

  it('fails with pdf-failed naming the file after the retry fails, and stops handing out work', async () => {
    const fake = new FakeBrowser((html) => (html === 'doc-2' ? 'throw' : 'ok'));
    const jobs = jobsOf(10);
    const error = await printPdfs(sessionOf(fake), jobs, { concurrency: 2 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExrunbookError);
    expect(error).toMatchObject({ code: 'pdf-failed', errorClass: 'browser' });
    expect((error as Error).message).toContain(jobs[2]?.outPath);
    expect((error as Error).message).toContain('timed out');
    expect(fake.attempts.get('doc-2')).toBe(2);
    expect(fake.attempts.has('doc-9')).toBe(false);
    expect(fake.pagesClosed).toBe(fake.pagesOpened);
  });

  it('lets data: and the document through, refuses everything else and reports it once', async () => {
    const fake = new FakeBrowser(() => 'ok');
    const printing = printPdfs(sessionOf(fake), jobsOf(1), { concurrency: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1));
    const outcomes: string[] = [];
    const request = (url: string): FakeRequest => ({
      url: () => url,
      isInterceptResolutionHandled: () => false,
      continue: () => {
        outcomes.push(`continue ${url}`);
        return Promise.resolve();
      },
      abort: (reason) => {
        outcomes.push(`abort ${url} ${reason}`);
        return Promise.resolve();
      },
    });
    for (const url of ['about:blank', 'data:image/png;base64,AA==', 'http://203.0.113.9/x.png', 'file:///etc/passwd', 'http://203.0.113.9/x.png']) {
      for (const handler of fake.requestHandlers) handler(request(url));
    }
    // Refusals Chromium makes itself, before interception; the CSP wording differs by version.
    for (const text of [
      'Not allowed to load local resource: file:///C:/Windows/win.ini',
      `Loading the font 'http://203.0.113.9/f.woff' violates the following Content Security Policy directive: "font-src data:".`,
      `Refused to load the stylesheet 'https://203.0.113.9/s.css' because it violates the following Content Security Policy directive`,
      'A harmless message about http://203.0.113.9/not-a-refusal',
    ]) {
      for (const handler of fake.consoleHandlers) handler({ text: () => text });
    }
    const { blocked } = await printing;

    expect(outcomes).toEqual([
      'continue about:blank',
      'continue data:image/png;base64,AA==',
      'abort http://203.0.113.9/x.png blockedbyclient',
      'abort file:///etc/passwd blockedbyclient',
      'abort http://203.0.113.9/x.png blockedbyclient',
    ]);
    expect(blocked).toEqual([
      {
        outPath: path.join(outDir, 'EX0.pdf'),
        urls: ['http://203.0.113.9/x.png', 'file:///etc/passwd', 'file:///C:/Windows/win.ini', 'http://203.0.113.9/f.woff', 'https://203.0.113.9/s.css'],
      },
    ]);
  });
  it('attributes each refused request to the document that made it, across jobs on one reused page', async () => {
    const fake = new FakeBrowser(() => 'ok');
    fake.onContent = (html) => {
      const url = html === 'doc-1' ? 'http://203.0.113.9/one.png' : html === 'doc-3' ? 'file:///etc/hosts' : undefined;
      if (url === undefined) return;
      for (const handler of fake.requestHandlers) {
        handler({ url: () => url, isInterceptResolutionHandled: () => false, continue: () => Promise.resolve(), abort: () => Promise.resolve() });
      }
    };
    const jobs = jobsOf(4);
    const result = await printPdfs(sessionOf(fake), jobs, { concurrency: 1 });

    expect(fake.pagesOpened).toBe(1);
    expect(result.blocked).toEqual([
      { outPath: jobs[1]?.outPath, urls: ['http://203.0.113.9/one.png'] },
      { outPath: jobs[3]?.outPath, urls: ['file:///etc/hosts'] },
    ]);
    for (const job of jobs) {
      expect(result.sha256.get(job.outPath)).toBe(createHash('sha256').update(`%PDF ${job.html}`).digest('hex'));
    }
  });
});
