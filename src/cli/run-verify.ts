import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../errors.js';
import type { Diagnostic } from '../ingest/diagnostic.js';
import { readInventory } from '../ingest/read-inventory.js';
import { readPlanJson } from '../ingest/read-plan-json.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { buildServerFacts } from '../normalize/build-server-facts.js';
import { findBrowser, isRegularFile } from '../render/pdf/find-browser.js';
import { t, type RenderContext } from '../render/render-context.js';
import { renderVerifyHtml, renderVerifyJson } from '../render/verify/render-verify.js';
import { checkOutputClearOfInputs, writeOutputFolder, type OutputContent } from '../render/output-folder.js';
import { BROWSER_PROFILE_FOLDER, sweepTempFolders } from '../render/temp-folders.js';
import { messageRef } from '../i18n/format-message.js';
import { setInterruptLanguage } from '../interrupt.js';
import { VERIFY_STATUSES, verifyServers, type Verification } from '../verify/verify-servers.js';
import { formatDiagnostics } from './format-diagnostics.js';
import type { CliIo } from './command-spec.js';
import type { OutputFormat } from './run-build.js';

export interface VerifyRequest {
  readonly planPath: string;
  readonly planShownAs: string;
  readonly inventoryDir: string;
  readonly inventoryShownAs: string;
  readonly outDir: string;
  readonly formats: ReadonlySet<OutputFormat>;
  readonly context: RenderContext;
  readonly catalog: BuildCatalog;
  readonly browserPath: string | undefined;
  readonly timeoutMs: number;
  readonly io: CliIo;
}

/**
 * `exrunbook verify`: reads the plan (checked against the SHA256SUMS beside it) and the after-window
 * inventory, writes verify.json / verify.html (/ verify.pdf) and SHA256SUMS atomically into --out,
 * and returns 0 when every planned server is verified, 4 when one is not; input errors throw (exit 2)
 * before anything is written.
 */
export async function runVerify(request: VerifyRequest): Promise<number> {
  const { context, io, formats } = request;
  // --out must keep clear of the plan and the after-window inventory, checked before anything is read.
  const inputs = [
    { label: messageRef('cli.input.plan'), path: request.planPath },
    { label: messageRef('cli.input.afterInventory'), path: request.inventoryDir },
  ];
  checkOutputClearOfInputs(request.outDir, inputs);
  setInterruptLanguage(context.lang);
  sweepTempFolders(tmpdir(), BROWSER_PROFILE_FOLDER);
  const plan = readPlanJson(request.planPath, request.planShownAs);
  const inventory = readInventory(request.inventoryDir);
  const facts = buildServerFacts(inventory.recordSets, request.catalog);
  const diagnostics: Diagnostic[] = [...inventory.diagnostics, ...facts.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    io.stderr.write(formatDiagnostics(errors, context.lang, false));
    io.stderr.write(`${t(context, 'cli.build.inputErrors', { count: errors.length, inventory: request.inventoryShownAs })}\n`);
    return ExitCode.UsageOrInput;
  }
  const verification = verifyServers(plan, facts.servers, request.catalog, diagnostics);
  const browser = formats.has('pdf') ? findBrowser({ flagPath: request.browserPath, env: io.env, platform: process.platform, fileExists: isRegularFile }) : null;
  const html = formats.has('html') || browser ? renderVerifyHtml(context, verification) : null;
  function* files(): Generator<readonly [string, OutputContent]> {
    if (formats.has('json')) yield ['verify.json', renderVerifyJson(context, verification)];
    if (formats.has('html') && html !== null) yield ['verify.html', html];
  }
  const fill = async (staging: string): Promise<ReadonlyMap<string, string> | undefined> => {
    if (!browser || html === null) return undefined;
    const { openBrowserSession } = await import('../render/pdf/browser-session.js');
    const { printPdfs, supportsMarginBoxes } = await import('../render/pdf/print-pdfs.js');
    const { pageMarginText } = await import('../render/page-margins.js');
    const session = await openBrowserSession({ browserPath: browser.path, headless: browser.headless, timeoutMs: request.timeoutMs, env: io.env });
    try {
      const outPath = join(staging, 'verify.pdf');
      const result = await printPdfs(session, [{ html, outPath, ...pageMarginText(context, null), marginBoxes: supportsMarginBoxes(session.version), outline: false }], { documentDate: context.generatedOn });
      const digest = result.sha256.get(outPath);
      return digest === undefined ? undefined : new Map([['verify.pdf', digest]]);
    } finally {
      await session.close();
    }
  };
  await writeOutputFolder({ outDir: request.outDir, command: 'verify', inputs, files: files(), fill });
  io.stdout.write(`${summaryLine(context, verification, request.outDir)}\n`);
  return verification.servers.every((s) => s.status === 'verified') ? ExitCode.Ok : ExitCode.NotVerified;
}

function summaryLine(context: RenderContext, verification: Verification, out: string): string {
  const counts = VERIFY_STATUSES.map((status) => [status, verification.servers.filter((s) => s.status === status).length] as const).filter(([, n]) => n > 0);
  return t(context, 'cli.verify.done', {
    verified: verification.servers.filter((s) => s.status === 'verified').length,
    servers: verification.servers.length,
    statuses: counts.map(([status, n]) => `${n} ${t(context, `verify.status.${status}`)}`).join(', ') || '—',
    out,
  });
}
