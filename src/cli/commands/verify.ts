import { basename, resolve } from 'node:path';
import { loadBuildCatalog } from '../../knowledge/load-build-catalog.js';
import { RULES } from '../../rules/index.js';
import { defineCommand } from '../command-spec.js';
import { generationDate, parseFormats, parseTimeout } from '../option-values.js';
import { runVerify } from '../run-verify.js';
import { readToolInfo } from '../tool-info.js';

export default defineCommand({
  name: 'verify',
  summary: 'cli.verify.summary',
  description: 'cli.verify.description',
  positionals: ['plan.json', 'after-inventory'],
  options: {
    out: { type: 'string', value: 'DIR', help: 'cli.option.out.verify' },
    format: { type: 'string', value: 'LIST', help: 'cli.option.format' },
    ticket: { type: 'string', value: 'TEXT', help: 'cli.option.ticket.verify' },
    date: { type: 'string', value: 'YYYY-MM-DD', help: 'cli.option.date' },
    'browser-path': { type: 'string', value: 'FILE', help: 'cli.option.browserPath' },
    timeout: { type: 'string', value: 'SECONDS', help: 'cli.option.timeout' },
  },
  examples: [{ args: 'verify runbooks/plan.json inventory-after --lang ja --format html,json,pdf', help: 'cli.example.verify' }],
  run({ values, positionals, io, lang }) {
    // Every option is checked before the plan and the inventory are read.
    const formats = parseFormats(values.format ?? 'html,json');
    const timeoutMs = parseTimeout(values.timeout);
    const generatedOn = generationDate(values.date, io.env, io.now ?? (() => new Date()));
    const catalog = loadBuildCatalog();
    const planArg = positionals['plan.json'];
    const afterArg = positionals['after-inventory'];
    const inventoryDir = resolve(io.cwd, afterArg);
    return runVerify({
      planPath: resolve(io.cwd, planArg),
      planShownAs: planArg,
      inventoryDir,
      inventoryShownAs: afterArg,
      outDir: resolve(io.cwd, values.out ?? `out/${basename(inventoryDir)}-verify`),
      formats,
      context: { lang, rules: new Map(RULES.map((r) => [r.meta.id, r])), tool: readToolInfo(), catalogSha256: catalog.sha256, generatedOn, ticket: values.ticket ?? '', window: '' },
      catalog,
      browserPath: values['browser-path'],
      timeoutMs,
      io,
    });
  },
});
