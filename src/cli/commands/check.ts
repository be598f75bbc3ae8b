import { ExitCode } from '../../errors.js';
import { defineCommand } from '../command-spec.js';
import { formatDiagnostics, formatDiagnosticSummary } from '../format-diagnostics.js';
import { PLAN_OPTIONS, planFromOptions } from '../plan-options.js';

export default defineCommand({
  name: 'check',
  summary: 'cli.check.summary',
  description: 'cli.check.description',
  positionals: ['inventory'],
  options: {
    json: { type: 'boolean', help: 'cli.option.json.check' },
    ...PLAN_OPTIONS,
  },
  examples: [
    { args: 'check D:\\inventory', help: 'cli.example.check' },
    { args: 'check inventory --json', help: 'cli.example.checkJson' },
  ],
  run({ values, positionals, io, lang, useLanguage }) {
    const planned = planFromOptions(positionals.inventory, values, { cwd: io.cwd, lang, useLanguage });
    const { diagnostics } = planned.plan;
    const json = values.json === true;
    io.stdout.write(formatDiagnostics(diagnostics, planned.lang, json));
    if (!json) io.stdout.write(formatDiagnosticSummary(diagnostics, planned.plan.inputs.length, planned.lang));
    return Promise.resolve(diagnostics.some((d) => d.severity === 'error') ? ExitCode.UsageOrInput : ExitCode.Ok);
  },
});
