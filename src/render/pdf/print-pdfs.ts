import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { HTTPRequest, Page, PDFOptions } from 'puppeteer-core';
import type { ExrunbookError } from '../../errors.js';
import { localizedError } from '../../i18n/localized-error.js';
import type { BrowserSession } from './browser-session.js';
import { footerTemplate, headerTemplate } from './header-footer.js';
import { normalizeChromiumPdf } from './normalize-pdf.js';
import { sha256Hex } from '../manifest.js';

export interface PdfJob {
  /** A complete, self-contained document; its CSS `@page` decides size and margins. */
  readonly html: string;
  readonly outPath: string;
  /** Header, left: the server name. Inventory data, so escaped here. */
  readonly headerLeft: string;
  /** Header, right: the change ticket. */
  readonly headerRight: string;
  /** Footer, left: the generation date. The footer's right side is "page X of Y". */
  readonly footerLeft: string;
  readonly lang: 'ja' | 'en';
  /** PDF bookmarks from the headings. */
  readonly outline?: boolean | undefined;
  /** False for a page that carries its own title block (the binder cover). Default true. */
  readonly headerFooter?: boolean | undefined;
  /**
   * True when the document's own CSS margin boxes draw the header and footer (render/page-margins)
   * and the browser supports them: then no header and footer templates, which Chromium draws slower.
   */
  readonly marginBoxes?: boolean | undefined;
}

/** The first Chromium with CSS page margin boxes (`@page { @top-left { … } }`). */
const MARGIN_BOXES_SINCE = 131;

/**
 * Whether a browser, by its version string (`HeadlessChrome/156.0.8078.79`, `Chrome/120.0…`,
 * `Edg/…`), draws CSS page margin boxes. An unknown version gets the templates, which every
 * Chromium draws.
 */
export function supportsMarginBoxes(version: string): boolean {
  const major = /\/(\d+)\./.exec(version)?.[1];
  return major !== undefined && Number(major) >= MARGIN_BOXES_SINCE;
}

export interface PrintPdfsOptions {
  /** Parallel pages. Defaults to the number of cores, which measured best (perf-lab). */
  readonly concurrency?: number | undefined;
  readonly onProgress?: ((done: number, total: number, job: PdfJob) => void) | undefined;
  /**
   * YYYY-MM-DD: the PDFs' creation date, and the signal to normalise what Chromium varies between
   * prints (normalize-pdf), so the same HTML gives the same bytes. Without it the bytes are Chromium's.
   */
  readonly documentDate?: string | undefined;
}

/** One document that tried to load something: every refused URL once, in order of first attempt. */
export interface BlockedDocument {
  readonly outPath: string;
  readonly urls: readonly string[];
}

export interface PrintPdfsResult {
  /** The documents that tried to load anything, in job order. A runbook never should. */
  readonly blocked: readonly BlockedDocument[];
  /** SHA-256 of each PDF written, by output path. */
  readonly sha256: ReadonlyMap<string, string>;
}

export type PrintSession = Pick<BrowserSession, 'browser' | 'timeoutMs'>;

/**
 * Loads the browser refuses before request interception sees them, reported only on the console:
 * file: URLs from our about:blank document, and whatever the document's own CSP forbids. The CSP
 * wording changes between Chromium versions ("Refused to load the image '…'" became "Loading the
 * image '…' violates …"), so take the first quoted URL of any CSP message.
 */
const LOCAL_RESOURCE_REFUSAL = /^Not allowed to load local resource: (\S+)/;
const CSP_REFUSAL = /Content Security Policy/;
const QUOTED_URL = /'([a-z][a-z0-9+.-]*:[^'\s]*)'/i;

function refusedUrl(consoleText: string): string | undefined {
  const local = LOCAL_RESOURCE_REFUSAL.exec(consoleText)?.[1];
  if (local !== undefined) return local;
  return CSP_REFUSAL.test(consoleText) ? QUOTED_URL.exec(consoleText)?.[1] : undefined;
}

/**
 * Prints every job with a bounded pool of reused pages (BRIEF §8). Stops handing out work at the
 * first job that fails twice and rejects with `pdf-failed` naming its output file.
 */
export async function printPdfs(
  session: PrintSession,
  jobs: readonly PdfJob[],
  options: PrintPdfsOptions = {},
): Promise<PrintPdfsResult> {
  const { onProgress, documentDate } = options;
  const concurrency = Math.max(1, Math.min(jobs.length, Math.floor(options.concurrency ?? os.availableParallelism())));
  const blockedByJob = new Map<number, Set<string>>();
  const sha256 = new Map<string, string>();
  let next = 0;
  let done = 0;
  let failure: ExrunbookError | undefined;

  const worker = async (): Promise<void> => {
    let page: Page | undefined;
    // What the page's listeners are attributing refusals to; a page outlives its jobs.
    const current = { blocked: new Set<string>() };
    try {
      while (failure === undefined && next < jobs.length) {
        const index = next++;
        const job = jobs[index];
        if (job === undefined) break;
        current.blocked = new Set();
        let lastError: unknown;
        for (let attempt = 1; attempt <= 2; attempt++) {
          try {
            page ??= await openHardenedPage(session, (url) => current.blocked.add(url));
            sha256.set(job.outPath, await printOne(page, job, session.timeoutMs, documentDate));
            lastError = undefined;
            break;
          } catch (error) {
            lastError = error;
            // A timed-out or crashed page may be stuck mid-navigation: start the retry on a fresh one.
            await page?.close().catch(() => undefined);
            page = undefined;
          }
        }
        if (current.blocked.size > 0) blockedByJob.set(index, current.blocked);
        if (lastError !== undefined) {
          failure ??= pdfFailed(job, lastError);
          break;
        }
        done++;
        onProgress?.(done, jobs.length, job);
      }
    } finally {
      await page?.close().catch(() => undefined);
    }
  };

  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure !== undefined) throw failure;
  const blocked = [...blockedByJob.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, urls]) => ({ outPath: jobs[index]?.outPath ?? '', urls: [...urls] }));
  return { blocked, sha256 };
}

/**
 * Everything `page.pdf` gets besides the timeout. The PDF cache keys on it, so whatever changes the
 * printed bytes here changes the key too.
 */
export function pdfOptionsFor(job: PdfJob): PDFOptions {
  const templates = (job.headerFooter ?? true) && job.marginBoxes !== true;
  return {
    format: 'A4',
    // Fallbacks only: a document's CSS @page size and margins win (perf-lab quirk 9).
    margin: { top: '18mm', right: '14mm', bottom: '16mm', left: '14mm' },
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: templates,
    ...(templates ? { headerTemplate: headerTemplate(job), footerTemplate: footerTemplate(job) } : {}),
    outline: job.outline ?? false,
    tagged: true,
  };
}

/** Prints one job and writes it; returns the SHA-256 of the bytes written. */
async function printOne(page: Page, job: PdfJob, timeoutMs: number, documentDate: string | undefined): Promise<string> {
  await page.setContent(job.html, { waitUntil: 'load', timeout: timeoutMs });
  const printed = await page.pdf({ ...pdfOptionsFor(job), timeout: timeoutMs });
  const pdf = documentDate === undefined ? printed : normalizeChromiumPdf(printed, documentDate);
  await writeFile(job.outPath, pdf);
  return sha256Hex(pdf);
}

/** JavaScript off, and nothing loaded but the document itself and `data:` URLs (BRIEF §8). */
async function openHardenedPage(session: PrintSession, onBlocked: (url: string) => void): Promise<Page> {
  const page = await session.browser.newPage();
  try {
    page.setDefaultTimeout(session.timeoutMs);
    page.setDefaultNavigationTimeout(session.timeoutMs);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      if (isLocalDocumentUrl(url)) {
        void request.continue().catch(() => undefined);
      } else {
        onBlocked(url);
        void request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    page.on('console', (message) => {
      const refused = refusedUrl(message.text());
      if (refused !== undefined) onBlocked(refused);
    });
    return page;
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

function isLocalDocumentUrl(url: string): boolean {
  return url.startsWith('data:') || url === 'about:blank' || url === 'about:srcdoc';
}

function pdfFailed(job: PdfJob, error: unknown): ExrunbookError {
  const reason = error instanceof Error ? error.message : String(error);
  return localizedError('pdf-failed', 'browser', 'error.pdf.failed', { file: job.outPath, reason }, { cause: error });
}
