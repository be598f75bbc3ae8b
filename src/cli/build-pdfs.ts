import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plan, ServerPlan } from '../plan/assemble-plan.js';
import type { HtmlDocument } from '../render/html/render-html.js';
import { t, type RenderContext } from '../render/render-context.js';
import { TOOL_STATE_DIR } from '../render/output-folder.js';
import type { BinderSection } from '../render/pdf/assemble-binder.js';
import { renderBinderCover } from '../render/pdf/binder-cover.js';
import { openBrowserSession, type BrowserSession } from '../render/pdf/browser-session.js';
import type { FoundBrowser } from '../render/pdf/find-browser.js';
import { containsJapanese, probeFonts, type FontProbe } from '../render/pdf/font-probe.js';
import { sha256Hex } from '../render/manifest.js';
import { PDF_CACHE_FILE, pdfCacheKey, readPdfCache, renderPdfCache, reusablePdf, type PdfCacheEntry } from '../render/pdf/pdf-cache.js';
import { pdfOptionsFor, printPdfs, supportsMarginBoxes, type BlockedDocument, type PdfJob } from '../render/pdf/print-pdfs.js';
import { pageMarginText } from '../render/page-margins.js';
import { createProgressReporter, printable, type ProgressStream } from './progress.js';

/** The binder's file name: fixed, so scripts and tickets can name it; the ticket is on its cover. */
export const BINDER_FILE = 'binder.pdf';

export interface PdfBuildRequest {
  /** The folder being filled (output-folder's staging folder). */
  readonly staging: string;
  /** The `--out` folder: the previous run's output, whose unchanged PDFs may be reused. */
  readonly previousOutDir: string;
  /** index.html first, then one runbook per server (render-html's order); screen-only pages are not printed. */
  readonly documents: readonly HtmlDocument[];
  readonly plan: Plan;
  readonly context: RenderContext;
  readonly browser: FoundBrowser;
  readonly timeoutMs: number;
  readonly binder: boolean;
  /** False with --no-cache: print everything, reuse nothing. */
  readonly reuse: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stderr: ProgressStream;
  /** Injected in tests; defaults to fc-list on this machine. */
  readonly probeFonts?: (() => FontProbe) | undefined;
}

interface KeyedJob {
  readonly path: string;
  /** The runbook's server; null for the fleet plan. */
  readonly server: string | null;
  readonly job: PdfJob;
  readonly key: string;
}

/**
 * Prints the run's PDFs into the staging folder with one browser: every PDF whose key matches the
 * previous run's (pdf-cache) is copied instead of printed; then the binder, bound from those PDFs.
 * Reports the browser, missing fonts, refused requests and what was printed on stderr. Returns the
 * SHA-256 of every PDF it wrote (path relative to the run folder), for SHA256SUMS.
 */
export async function buildPdfs(request: PdfBuildRequest): Promise<ReadonlyMap<string, string>> {
  const { staging, context, browser, stderr } = request;
  const say = (line: string): void => {
    stderr.write(`${line}\n`);
  };
  const session = await openBrowserSession({ browserPath: browser.path, headless: browser.headless, timeoutMs: request.timeoutMs, env: request.env });
  try {
    // An option or variable name is the same in both languages; a place the browser was found in is not.
    const source = browser.source.startsWith('--') || /^[A-Z_]+$/.test(browser.source) ? browser.source : t(context, 'pdf.foundInstalled');
    say(t(context, 'pdf.browser', { version: session.version, path: browser.path, source }));
    const fonts = (request.probeFonts ?? (() => probeFonts(process.platform)))();
    const documents = request.documents.filter((document) => document.screenOnly !== true);
    const fontProblem = fontWarning(context, fonts, documents);
    if (fontProblem !== null) say(fontProblem);
    // Whatever else decides the bytes of a PDF besides its own HTML and page.pdf options.
    const commonKey = [`${context.tool.name} ${context.tool.version}`, session.version, fonts.fingerprint, context.generatedOn];
    const cache = request.reuse ? readPdfCache(request.previousOutDir) : new Map<string, PdfCacheEntry>();
    const entries = new Map<string, PdfCacheEntry>();

    const marginBoxes = supportsMarginBoxes(session.version);
    const keyed: KeyedJob[] = documents.map((document) => {
      const path = document.path.replace(/\.html$/, '.pdf');
      const job: PdfJob = {
        html: document.html,
        outPath: join(staging, ...path.split('/')),
        ...pageMarginText(context, document.server),
        marginBoxes,
        // Chromium's bookmarks from the headings, nested under each section in the binder. Only
        // then: generating them made printing ~10 % slower (measured on the 100-server fleet).
        outline: request.binder,
      };
      return { path, server: document.server, job, key: pdfCacheKey([...commonKey, JSON.stringify(pdfOptionsFor(job)), job.html]) };
    });
    const toPrint: KeyedJob[] = [];
    let reused = 0;
    for (const item of keyed) {
      mkdirSync(dirname(item.job.outPath), { recursive: true });
      const previous = reusablePdf(request.previousOutDir, cache, item.path, item.key);
      if (previous === undefined) {
        toPrint.push(item);
        continue;
      }
      writeFileSync(item.job.outPath, previous);
      // reusablePdf returns only bytes whose hash is the recorded one: no need to hash them again.
      entries.set(item.path, { key: item.key, sha256: cache.get(item.path)?.sha256 ?? sha256Hex(previous) });
      reused++;
    }

    const progress = createProgressReporter(stderr, 'pdf', toPrint.length, Date.now, context.lang);
    const labels = new Map(toPrint.map((item) => [item.job.outPath, item.server ?? item.path]));
    let printedDigests: ReadonlyMap<string, string>;
    try {
      const result = await printPdfs(session, toPrint.map((item) => item.job), {
        documentDate: context.generatedOn,
        onProgress: (_done, _total, job) => {
          progress.tick(labels.get(job.outPath) ?? '');
        },
      });
      printedDigests = result.sha256;
      for (const line of blockedWarnings(context, result.blocked, (outPath) => keyed.find((item) => item.job.outPath === outPath)?.path ?? outPath)) say(line);
    } finally {
      progress.done();
    }
    for (const item of toPrint) entries.set(item.path, { key: item.key, sha256: printedDigests.get(item.job.outPath) ?? '' });
    say(t(context, 'pdf.summary', { printed: toPrint.length, reused }));

    if (request.binder) {
      const binder = await buildBinder(request, session, keyed, commonKey, cache, entries, say);
      say(binder.reused ? t(context, 'pdf.binderReused', { file: BINDER_FILE }) : t(context, 'pdf.binder', { file: BINDER_FILE, pages: binder.pages ?? 0, runbooks: keyed.length - 1, blanks: binder.blanks }));
    }
    const cacheFile = join(staging, ...PDF_CACHE_FILE.split('/'));
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, renderPdfCache(entries));
    return new Map([...entries].map(([path, entry]) => [path, entry.sha256]));
  } finally {
    await session.close();
  }
}

/**
 * The binder's sections in binder order: the fleet plan, then the runbooks wave by wave in the
 * plan's order within each wave, then the servers that need no update.
 */
export function binderOrder(plan: Plan): ServerPlan[] {
  const byName = new Map(plan.servers.map((server) => [server.facts.name, server]));
  const inWaves = plan.waves.flatMap((wave) => wave.servers.map((name) => byName.get(name)).filter((server): server is ServerPlan => server !== undefined));
  const placed = new Set(inWaves);
  return [...inWaves, ...plan.servers.filter((server) => !placed.has(server))];
}

async function buildBinder(
  request: PdfBuildRequest,
  session: BrowserSession,
  keyed: readonly KeyedJob[],
  commonKey: readonly string[],
  cache: ReadonlyMap<string, PdfCacheEntry>,
  entries: Map<string, PdfCacheEntry>,
  say: (line: string) => void,
): Promise<{ reused: boolean; pages: number | null; blanks: number }> {
  const { staging, context, plan } = request;
  const fleet = keyed.find((item) => item.server === null);
  if (fleet === undefined) throw new Error('no fleet plan to bind');
  const servers = binderOrder(plan);
  const runbookOf = new Map(keyed.map((item) => [item.server, item]));
  const runbooks = servers.map((server) => {
    const item = runbookOf.get(server.facts.name);
    if (item === undefined) throw new Error(`no runbook for ${server.facts.name}`);
    return { server, item };
  });
  const coverJob = (html: string, outPath: string): PdfJob => ({ html, outPath, headerLeft: '', headerRight: '', footerLeft: '', lang: context.lang, headerFooter: false });

  // Page numbers on the cover follow from the sections' keys; everything else is in this HTML.
  const unplaced = { start: 0, pages: 0 };
  const coverShape = renderBinderCover(context, plan, unplaced, runbooks.map(({ server }) => ({ server, placement: unplaced })));
  const key = pdfCacheKey(['binder', ...commonKey, JSON.stringify(pdfOptionsFor(coverJob(coverShape, ''))), coverShape, fleet.key, ...runbooks.map(({ item }) => item.key)]);
  const binderPath = join(staging, BINDER_FILE);
  const previous = reusablePdf(request.previousOutDir, cache, BINDER_FILE, key);
  if (previous !== undefined) {
    writeFileSync(binderPath, previous);
    entries.set(BINDER_FILE, { key, sha256: cache.get(BINDER_FILE)?.sha256 ?? sha256Hex(previous) });
    return { reused: true, pages: null, blanks: 0 };
  }

  // pdf-lib takes ~0.2 s of CPU to load: only runs that bind pay for it.
  const { assembleBinder, loadBinderSections, placeSections } = await import('../render/pdf/assemble-binder.js');
  const waveTitle = (server: ServerPlan): string => (server.wave === null ? t(context, 'binder.outline.upToDate') : t(context, 'wave.label', { index: server.wave }));
  const sections: BinderSection[] = [
    { pdf: readFileSync(fleet.job.outPath), file: fleet.path, title: t(context, 'runbook.backToFleet') },
    ...runbooks.map(({ server, item }) => ({ pdf: readFileSync(item.job.outPath), file: item.path, title: server.facts.name, group: waveTitle(server) })),
  ];
  const loaded = await loadBinderSections(sections);
  const placements = placeSections(loaded.map((section) => section.pages));
  const [fleetPlacement, ...runbookPlacements] = placements;
  if (fleetPlacement === undefined) throw new Error('no fleet plan placement');
  const coverHtml = renderBinderCover(context, plan, fleetPlacement, runbooks.map(({ server }, index) => ({ server, placement: runbookPlacements[index] ?? unplaced })));

  const coverPath = join(staging, TOOL_STATE_DIR, 'binder-cover.pdf');
  mkdirSync(dirname(coverPath), { recursive: true });
  const printed = await printPdfs(session, [coverJob(coverHtml, coverPath)], { documentDate: context.generatedOn });
  for (const line of blockedWarnings(context, printed.blocked, () => BINDER_FILE)) say(line);
  const cover = readFileSync(coverPath);
  rmSync(coverPath);
  const bound = await assembleBinder(cover, t(context, 'binder.outline.cover'), loaded, {
    title: t(context, 'binder.title'),
    lang: context.lang,
    date: context.generatedOn,
    creator: `${context.tool.name} ${context.tool.version}`,
    producer: `pdf-lib; pages printed by ${session.version}`,
  });
  writeFileSync(binderPath, bound.bytes);
  entries.set(BINDER_FILE, { key, sha256: sha256Hex(bound.bytes) });
  return { reused: false, pages: bound.pages, blanks: bound.blanks };
}

/**
 * A warning when some document to print contains Japanese (any `--lang ja` run; an English one
 * whose inventory has Japanese update names) and no Japanese font was found: the browser would
 * print empty boxes without a word. A warning, not an error: the HTML is still right, and the rest
 * of each page prints.
 */
export function fontWarning(context: Pick<RenderContext, 'lang'>, fonts: FontProbe, documents: readonly Pick<HtmlDocument, 'html'>[]): string | null {
  if (fonts.japanese === 'found' || !documents.some((document) => containsJapanese(document.html))) return null;
  return t(context, fonts.japanese === 'missing' ? 'pdf.fontMissing' : 'pdf.fontUnknown');
}

const MAX_URLS_PER_DOCUMENT = 5;
const MAX_URL_LENGTH = 120;
const MAX_DOCUMENTS = 10;

/**
 * One warning line per document that tried to load something (a runbook never should: it means
 * markup got into the data), naming the refused URLs — deduplicated, capped, and stripped of
 * terminal control characters, since they come from the document.
 */
export function blockedWarnings(context: Pick<RenderContext, 'lang'>, blocked: readonly BlockedDocument[], pathOf: (outPath: string) => string): string[] {
  const lines = blocked.slice(0, MAX_DOCUMENTS).map((document) => {
    const shown = document.urls.slice(0, MAX_URLS_PER_DOCUMENT).map((url) => printable(url.length > MAX_URL_LENGTH ? `${url.slice(0, MAX_URL_LENGTH)}…` : url));
    const more = document.urls.length - shown.length;
    return t(context, 'pdf.blocked', { file: pathOf(document.outPath), count: document.urls.length, urls: `${shown.join(', ')}${more > 0 ? ` (+${more})` : ''}` });
  });
  if (blocked.length > MAX_DOCUMENTS) lines.push(t(context, 'pdf.blockedMoreDocuments', { count: blocked.length - MAX_DOCUMENTS }));
  return lines;
}
