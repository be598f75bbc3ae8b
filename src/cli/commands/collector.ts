import { ExitCode } from '../../errors.js';
import { t } from '../../render/render-context.js';
import { defineCommand } from '../command-spec.js';
import { COLLECTOR_SCRIPT, writeCollector } from '../write-collector.js';

export default defineCommand({
  name: 'collector',
  summary: 'cli.collector.summary',
  description: 'cli.collector.description',
  positionals: [],
  options: {
    out: { type: 'string', value: 'FILE', help: 'cli.option.out.collector' },
  },
  examples: [
    { args: 'collector', help: 'cli.example.collector' },
    { args: 'collector --out D:\\transfer\\Collect-ExrunbookInventory.ps1', help: 'cli.example.collectorOut' },
  ],
  run({ values, io, lang }) {
    const written = writeCollector(values.out, io.cwd);
    io.stdout.write(`${t({ lang }, 'cli.collector.wrote', { script: written.script, readme: written.readme })}\n${t({ lang }, 'cli.collector.next', { name: COLLECTOR_SCRIPT })}\n`);
    return Promise.resolve(ExitCode.Ok);
  },
});
