import { basename, resolve } from 'node:path';
import { ExitCode } from '../../errors.js';
import { RULES } from '../../rules/index.js';
import { t } from '../../render/render-context.js';
import { defineCommand } from '../command-spec.js';
import { formatDiagnostics } from '../format-diagnostics.js';
import { generationDate, parseFormats, parseTimeout } from '../option-values.js';
import { PLAN_OPTIONS, planFromOptions } from '../plan-options.js';
import { runBuild } from '../run-build.js';
import { readToolInfo } from '../tool-info.js';

export default defineCommand({
  name: 'build',
  summary: 'cli.build.summary',
  description: 'cli.build.description',
  positionals: ['inventory'],
  options: {
    out: { type: 'string', value: 'DIR', help: 'cli.option.out.build' },
    format: { type: 'string', value: 'LIST', help: 'cli.option.format' },
    ...PLAN_OPTIONS,
    ticket: { type: 'string', value: 'TEXT', help: 'cli.option.ticket' },
    window: { type: 'string', value: 'TEXT', help: 'cli.option.window' },
    date: { type: 'string', value: 'YYYY-MM-DD', help: 'cli.option.date' },
    'browser-path': { type: 'string', value: 'FILE', help: 'cli.option.browserPath' },
    timeout: { type: 'string', value: 'SECONDS', help: 'cli.option.timeout' },
    binder: { type: 'boolean', help: 'cli.option.binder' },
    'no-cache': { type: 'boolean', help: 'cli.option.noCache' },
  },
  examples: [
    { args: 'build fixtures/sample-fleet', help: 'cli.example.build' },
    { args: 'build D:\\inventory --lang ja --ticket CHG-1042 --out D:\\runbooks', help: 'cli.example.buildJa' },
    { args: 'build inventory --target current-sp', help: 'cli.example.buildTarget' },
    { args: 'build inventory --config change-0042.yaml --format html,json,pdf', help: 'cli.example.buildConfig' },
    { args: 'build inventory --binder --ticket CHG-1042 --out runbooks', help: 'cli.example.buildBinder' },
  ],
  async run({ values, positionals, io, lang: flagLang, useLanguage }) {
    // Every option is checked before the inventory is read: a typo costs nothing.
    const formats = parseFormats(values.format ?? 'html,json');
    if (values.binder === true) formats.add('pdf');
    const timeoutMs = parseTimeout(values.timeout);
    const generatedOn = generationDate(values.date, io.env, io.now ?? (() => new Date()));
    const { plan, policy, config, catalog, lang, inputs } = planFromOptions(positionals.inventory, values, { cwd: io.cwd, lang: flagLang, useLanguage });
    const errors = plan.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      io.stderr.write(formatDiagnostics(errors, lang, false));
      io.stderr.write(`${t({ lang }, 'cli.build.inputErrors', { count: errors.length, inventory: positionals.inventory })}\n`);
      return ExitCode.UsageOrInput;
    }
    const inventoryDir = resolve(io.cwd, positionals.inventory);
    const outDir = resolve(io.cwd, values.out ?? `out/${basename(inventoryDir)}`);
    await runBuild({
      plan,
      policy,
      outDir,
      inputs,
      formats,
      context: {
        lang,
        rules: new Map(RULES.map((r) => [r.meta.id, r])),
        tool: readToolInfo(),
        catalogSha256: catalog.sha256,
        generatedOn,
        ticket: values.ticket ?? config?.ticket?.value ?? '',
        window: values.window ?? config?.window?.value ?? '',
      },
      browserPath: values['browser-path'],
      timeoutMs,
      binder: values.binder === true,
      reusePdfs: values['no-cache'] !== true,
      io,
    });
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning').length;
    const done = t({ lang }, 'cli.build.done', { servers: plan.servers.length, waves: plan.waves.length, out: outDir });
    io.stdout.write(`${done}${warnings > 0 ? t({ lang }, 'cli.build.warnings', { count: warnings }) : ''}\n`);
    return ExitCode.Ok;
  },
});
