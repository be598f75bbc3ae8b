import { parseArgs, type ParseArgsConfig } from 'node:util';
import { basename, resolve } from 'node:path';
import { ExitCode, ExrunbookError, exitCodeFor } from '../errors.js';
import type { Lang } from '../i18n/messages.js';
import { readConfig } from '../ingest/read-config.js';
import { readInterimUpdateCatalog } from '../ingest/read-interim-update-catalog.js';
import { loadBuildCatalog } from '../knowledge/load-build-catalog.js';
import type { RuleOptions } from '../rules/define-rule.js';
import { RULES } from '../rules/index.js';
import { describeLevel, buildText } from '../rules/describe-level.js';
import { HELP } from './help.js';
import { parseTarget } from './parse-target.js';
import { planInventory } from './plan-inventory.js';
import { readToolInfo } from './tool-info.js';
import { formatDiagnostics } from './format-diagnostics.js';
import { runBuild, type OutputFormat } from './run-build.js';
import { runVerify } from './run-verify.js';
import { COLLECTOR_SCRIPT, writeCollector } from './write-collector.js';
import { t } from '../render/render-context.js';

export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Injected clock: only used for the default generation date. */
  readonly now?: () => Date;
}

const OPTIONS = {
  out: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  target: { type: 'string' },
  ticket: { type: 'string' },
  window: { type: 'string' },
  date: { type: 'string' },
  'browser-path': { type: 'string' },
  'iu-catalog': { type: 'string' },
  config: { type: 'string' },
  timeout: { type: 'string' },
  binder: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

/** The whole CLI: returns an exit code instead of exiting, so tests run it in-process. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const code = exitCodeFor(error);
    if (error instanceof ExrunbookError) {
      const where = error.location.file ? ` (${error.location.file}${error.location.line ? `:${error.location.line}` : ''})` : '';
      io.stderr.write(`exrunbook: ${error.message}${where}\n${error.hint ? `  fix: ${error.hint}\n` : ''}`);
    } else {
      io.stderr.write(`exrunbook: internal error — please report it.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return code;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new ExrunbookError('bad-arguments', 'usage', cause instanceof Error ? cause.message : String(cause), { hint: 'Run `exrunbook --help` for the options.' });
  }
  const { values, positionals } = parsed;
  const tool = readToolInfo();
  if (values.version) {
    io.stdout.write(`${tool.name} ${tool.version}\n`);
    return ExitCode.Ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout.write(HELP);
    return command === undefined && !values.help ? ExitCode.UsageOrInput : ExitCode.Ok;
  }
  const lang = parseLang(values.lang);

  if (command === 'collector') {
    if (rest.length > 0) throw new ExrunbookError('extra-arguments', 'usage', `Unexpected argument "${rest[0] ?? ''}".`, { hint: 'Use --out FILE to choose where the script is written.' });
    const written = writeCollector(values.out, io.cwd, lang);
    io.stdout.write(`${t({ lang }, 'cli.collector.wrote', { script: written.script, readme: written.readme })}
${t({ lang }, 'cli.collector.next', { name: COLLECTOR_SCRIPT })}
`);
    return ExitCode.Ok;
  }

  const catalog = loadBuildCatalog();
  const baseContext = () => ({ lang, rules: new Map(RULES.map((r) => [r.meta.id, r])), tool, catalogSha256: catalog.sha256, generatedOn: generationDate(values.date, io) });

  if (command === 'catalog') {
    if (values.json) {
      io.stdout.write(JSON.stringify({ catalog: { sha256: catalog.sha256 }, levels: catalog.levels.map((l) => ({ servicePack: l.servicePack, rollup: l.rollup, revision: l.revision, kb: l.kb, build: buildText(l.build), releaseDate: l.releaseDate })), rules: RULES.map((r) => r.meta.id) }, null, 2) + '\n');
    } else {
      io.stdout.write(`Build catalogue (sha256 ${catalog.sha256})\n`);
      for (const l of catalog.levels) io.stdout.write(`  ${describeLevel(l).padEnd(16)} ${buildText(l.build).padEnd(11)} ${(l.kb ?? '—').padEnd(10)} ${l.releaseDate}\n`);
      io.stdout.write(`Rules (${RULES.length})\n`);
      for (const r of RULES) io.stdout.write(`  ${r.meta.id.padEnd(28)} ${r.meta.title[lang]}\n`);
    }
    return ExitCode.Ok;
  }

  if (command === 'verify') {
    const [planArg, afterArg, ...more] = rest;
    if (planArg === undefined || afterArg === undefined) {
      throw new ExrunbookError('missing-verify-inputs', 'usage', 'verify needs the plan.json and the inventory exported after the window.', { hint: 'Example: exrunbook verify out/fleet/plan.json inventory-after' });
    }
    if (more.length > 0) throw new ExrunbookError('extra-arguments', 'usage', `Unexpected argument "${more[0] ?? ''}".`, { hint: 'Give the plan.json and one inventory folder.' });
    const inventoryDir = resolve(io.cwd, afterArg);
    return runVerify({
      planPath: resolve(io.cwd, planArg),
      planShownAs: planArg,
      inventoryDir,
      inventoryShownAs: afterArg,
      outDir: resolve(io.cwd, values.out ?? `out/${basename(inventoryDir)}-verify`),
      formats: parseFormats(values.format ?? 'html,json'),
      context: { ...baseContext(), ticket: values.ticket ?? '', window: '' },
      catalog,
      browserPath: values['browser-path'],
      timeoutMs: parseTimeout(values.timeout),
      io,
    });
  }

  if (command !== 'build' && command !== 'check') {
    throw new ExrunbookError('unknown-command', 'usage', `Unknown command "${command}".`, { hint: 'Commands: build, check, verify, catalog, collector. Run `exrunbook --help`.' });
  }
  const [inventoryArg, ...extra] = rest;
  if (inventoryArg === undefined) throw new ExrunbookError('missing-inventory', 'usage', `${command} needs the inventory folder.`, { hint: `Example: exrunbook ${command} fixtures/sample-fleet` });
  if (extra.length > 0) throw new ExrunbookError('extra-arguments', 'usage', `Unexpected argument "${extra[0] ?? ''}".`, { hint: 'Give one inventory folder; put options after it or before it.' });
  const inventoryDir = resolve(io.cwd, inventoryArg);
  // The command line wins over the config file, which wins over the defaults.
  const config = values.config === undefined ? undefined : readConfig(resolve(io.cwd, values.config), values.config);
  const policy =
    values.target === undefined && config?.target
      ? parseTarget(config.target.value, catalog, { file: config.file, line: config.target.line })
      : parseTarget(values.target ?? 'latest', catalog);
  const iuCatalogPath = values['iu-catalog'] === undefined ? config?.iuCatalog?.value : resolve(io.cwd, values['iu-catalog']);
  const interimUpdateFixes = iuCatalogPath === undefined ? new Map() : readInterimUpdateCatalog(iuCatalogPath, catalog);
  const ruleOptions: RuleOptions = { target: policy, interimUpdateFixes };
  const plan = planInventory(inventoryDir, catalog, ruleOptions, config);
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');

  if (command === 'check') {
    io.stdout.write(formatDiagnostics(plan.diagnostics, lang, values.json === true));
    return errors.length > 0 ? ExitCode.UsageOrInput : ExitCode.Ok;
  }

  if (errors.length > 0) {
    io.stderr.write(formatDiagnostics(errors, lang, false));
    io.stderr.write(`exrunbook: ${errors.length} input error(s); nothing was written. Fix them and re-run (\`exrunbook check ${inventoryArg}\` lists every diagnostic).\n`);
    return ExitCode.UsageOrInput;
  }
  const formats = parseFormats(values.format ?? 'html,json');
  if (values.binder) formats.add('pdf');
  const outDir = resolve(io.cwd, values.out ?? `out/${basename(inventoryDir)}`);
  await runBuild({
    plan,
    policy,
    outDir,
    formats,
    context: {
      ...baseContext(),
      ticket: values.ticket ?? config?.ticket?.value ?? '',
      window: values.window ?? config?.window?.value ?? '',
    },
    browserPath: values['browser-path'],
    timeoutMs: parseTimeout(values.timeout),
    binder: values.binder === true,
    reusePdfs: values['no-cache'] !== true,
    io,
  });
  const warnings = plan.diagnostics.filter((d) => d.severity === 'warning').length;
  io.stdout.write(`exrunbook: ${plan.servers.length} servers, ${plan.waves.length} waves → ${outDir}${warnings > 0 ? ` (${warnings} inventory warnings: see index.html)` : ''}\n`);
  return ExitCode.Ok;
}

function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'ja') return 'ja';
  throw new ExrunbookError('bad-lang', 'usage', `--lang ${value}: unknown language.`, { hint: 'Use --lang ja or --lang en.' });
}

function parseFormats(value: string): Set<OutputFormat> {
  const formats = new Set<OutputFormat>();
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (part !== 'html' && part !== 'json' && part !== 'pdf') {
      throw new ExrunbookError('bad-format', 'usage', `--format: unknown format "${part}".`, { hint: 'Use a comma-separated list of html, json, pdf.' });
    }
    formats.add(part);
  }
  if (formats.size === 0) throw new ExrunbookError('bad-format', 'usage', '--format is empty.', { hint: 'Use e.g. --format html,json.' });
  return formats;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 60_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new ExrunbookError('bad-timeout', 'usage', `--timeout ${value}: not a positive number of seconds.`, { hint: 'Example: --timeout 120' });
  return Math.round(seconds * 1000);
}

/** The date printed on pages: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today (UTC). */
function generationDate(flag: string | undefined, io: CliIo): string {
  if (flag !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(flag) || Number.isNaN(Date.parse(`${flag}T00:00:00Z`))) {
      throw new ExrunbookError('bad-date', 'usage', `--date ${flag}: not a date.`, { hint: 'Use YYYY-MM-DD, e.g. --date 2026-11-25.' });
    }
    return flag;
  }
  const epoch = io.env.SOURCE_DATE_EPOCH;
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : (io.now ?? (() => new Date()))();
  return date.toISOString().slice(0, 10);
}
