import { ExitCode } from '../../errors.js';
import { loadBuildCatalog } from '../../knowledge/load-build-catalog.js';
import { t } from '../../render/render-context.js';
import { buildText, describeLevel } from '../../rules/describe-level.js';
import { RULES } from '../../rules/index.js';
import { defineCommand } from '../command-spec.js';

export default defineCommand({
  name: 'catalog',
  summary: 'cli.catalog.summary',
  positionals: [],
  options: {
    json: { type: 'boolean', help: 'cli.option.json.catalog' },
  },
  examples: [
    { args: 'catalog', help: 'cli.example.catalog' },
    { args: 'catalog --json', help: 'cli.example.catalogJson' },
  ],
  run({ values, io, lang }) {
    const catalog = loadBuildCatalog();
    if (values.json === true) {
      const levels = catalog.levels.map((l) => ({ servicePack: l.servicePack, rollup: l.rollup, revision: l.revision, kb: l.kb, build: buildText(l.build), releaseDate: l.releaseDate }));
      io.stdout.write(JSON.stringify({ catalog: { sha256: catalog.sha256 }, levels, rules: RULES.map((r) => ({ id: r.meta.id, title: r.meta.title, severity: r.meta.severity, seedSections: r.meta.seedSections, references: r.meta.references, unverified: r.meta.unverified ?? [] })) }, null, 2) + '\n');
      return Promise.resolve(ExitCode.Ok);
    }
    const lines = [t({ lang }, 'cli.catalog.builds', { sha256: catalog.sha256 })];
    for (const l of catalog.levels) lines.push(`  ${describeLevel(l).padEnd(16)} ${buildText(l.build).padEnd(11)} ${(l.kb ?? '—').padEnd(10)} ${l.releaseDate}`);
    lines.push(t({ lang }, 'cli.catalog.rules', { count: RULES.length }));
    for (const r of RULES) lines.push(`  ${r.meta.id.padEnd(28)} ${r.meta.title[lang]}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return Promise.resolve(ExitCode.Ok);
  },
});
