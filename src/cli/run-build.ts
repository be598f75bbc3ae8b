import { tmpdir } from 'node:os';
import type { Plan } from '../plan/assemble-plan.js';
import type { TargetPolicy } from '../normalize/computed/target-level.js';
import { createRunMarked, loadRunStepTexts, renderHtml, renderHtmlDocuments } from '../render/html/render-html.js';
import { renderTicketMarkdown } from '../render/ticket/ticket-md.js';
import { renderPlanJson } from '../render/json/plan-json.js';
import { renderWindowsIcs } from '../render/ics/windows-ics.js';
import type { RenderContext } from '../render/render-context.js';
import { checkOutputClearOfInputs, writeOutputFolder, type OutputContent, type ProtectedInput } from '../render/output-folder.js';
import { PDF_CACHE_FILE } from '../render/pdf/pdf-cache.js';
import { BROWSER_PROFILE_FOLDER, sweepTempFolders } from '../render/temp-folders.js';
import { findBrowser, isRegularFile } from '../render/pdf/find-browser.js';
import { detectWsl } from '../render/pdf/wsl.js';
import type { CliIo } from './command-spec.js';
import { setInterruptLanguage } from '../interrupt.js';

export type OutputFormat = 'html' | 'json' | 'pdf';

export interface BuildRequest {
  readonly plan: Plan;
  readonly policy: TargetPolicy;
  readonly outDir: string;
  /** The inventory folder and the option files read: --out must keep clear of them. */
  readonly inputs: readonly ProtectedInput[];
  readonly formats: ReadonlySet<OutputFormat>;
  readonly context: RenderContext;
  readonly browserPath: string | undefined;
  readonly timeoutMs: number;
  /** --binder: one more PDF, the fleet plan and every runbook bound in wave order behind a cover. */
  readonly binder: boolean;
  /** False with --no-cache: print every PDF, reuse none from the previous run in outDir. */
  readonly reusePdfs: boolean;
  readonly io: CliIo;
}

/**
 * Renders and writes every file into the staging folder, prints PDFs into it, then swaps the folder
 * into place (render/output-folder). A missing browser is found before anything is written.
 */
export async function runBuild(request: BuildRequest): Promise<void> {
  const { plan, context, formats, io } = request;
  checkOutputClearOfInputs(request.outDir, request.inputs);
  setInterruptLanguage(context.lang);
  sweepTempFolders(tmpdir(), BROWSER_PROFILE_FOLDER);
  const browser = formats.has('pdf') ? findBrowser({ flagPath: request.browserPath, env: io.env, platform: process.platform, fileExists: isRegularFile, wsl: detectWsl(io.env) }) : null;
  const marked = createRunMarked();
  const stepTexts = loadRunStepTexts(context.lang, marked);
  // Printing needs every document; otherwise each is written as soon as it is rendered and dropped.
  const documents = browser ? renderHtml(context, plan, stepTexts, marked) : null;
  function* files(): Generator<readonly [string, OutputContent]> {
    if (formats.has('html')) for (const d of documents ?? renderHtmlDocuments(context, plan, stepTexts, marked)) yield [d.path, d.html];
    yield ['ticket.md', renderTicketMarkdown(context, plan)];
    if (formats.has('json')) yield ['plan.json', renderPlanJson(context, plan, request.policy, stepTexts)];
    if (plan.schedule) yield ['windows.ics', renderWindowsIcs(context, plan.schedule)];
  }
  const fill = async (staging: string): Promise<ReadonlyMap<string, string> | undefined> => {
    if (!browser || !documents) return undefined;
    // Loaded here, not at start-up: puppeteer-core takes ~150 ms to import, and most runs print no PDF.
    const { buildPdfs } = await import('./build-pdfs.js');
    return buildPdfs({
      staging,
      previousOutDir: request.outDir,
      documents,
      plan,
      context,
      browser,
      timeoutMs: request.timeoutMs,
      binder: request.binder,
      reuse: request.reusePdfs,
      env: io.env,
      stderr: io.stderr,
    });
  };
  await writeOutputFolder({ outDir: request.outDir, command: 'build', inputs: request.inputs, files: files(), fill, toolState: [PDF_CACHE_FILE] });
}
