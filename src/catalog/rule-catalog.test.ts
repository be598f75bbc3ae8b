import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GENERATED_HEADER,
  RULES_DOC,
  checkRuleCatalog,
  readRuleCatalog,
  renderRulesMarkdown,
  ruleFolders,
  runRuleCatalog,
  type ProblemCode,
} from './rule-catalog.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// Fixture trees: a two-rule project in a temp dir; each case changes one thing and expects one problem.

interface RuleSpec {
  id?: string;
  seedSections?: string;
  steps?: string;
  /** Replaces the whole `severity: …` line. */
  severity?: string;
  references?: string;
}

function ruleSource(folder: string, spec: RuleSpec = {}): string {
  return [
    "import { defineRule } from '../define-rule.js';",
    '',
    'export default defineRule({',
    '  meta: {',
    `    id: '${spec.id ?? folder}',`,
    `    title: { en: '${folder} passes', ja: '${folder} は合格' },`,
    `    failureTitle: { en: '${folder} fails', ja: '${folder} は不合格' },`,
    spec.severity ?? "    severity: 'warning',",
    `    seedSections: ${spec.seedSections ?? `['section-${folder}']`},`,
    '    requiredFacts: [],',
    '    messages: {',
    `      zeta: { en: 'Z {machine}', ja: 'Z {machine}' },`,
    `      alpha: { en: 'A', ja: 'A' },`,
    '    },',
    `    steps: ${spec.steps ?? `{ '${folder}-step': { phase: 'window', order: 500 }, '${folder}-prep': { phase: 'prepare', order: 100 } }`},`,
    `    references: ${spec.references ?? `[{ title: 'KB0000 ${folder}', url: 'https://support.microsoft.com/kb/0000' }]`},`,
    '  },',
    '  check() {',
    "    return { status: 'pass' };",
    '  },',
    '});',
    '',
  ].join('\n');
}

const SEED_SECTIONS = [
  'export const SEED_SECTIONS = {',
  "  'section-alpha': { heading: 'アルファの見出し', en: 'Alpha section' },",
  "  'section-beta': { heading: 'ベータの見出し', en: 'Beta section' },",
  '} as const;',
  '',
].join('\n');

function baseFiles(): Map<string, string> {
  const files = new Map<string, string>([['src/rules/seed-sections.ts', SEED_SECTIONS]]);
  for (const folder of ['alpha', 'beta']) {
    files.set(`src/rules/${folder}/index.ts`, ruleSource(folder));
    files.set(`src/rules/${folder}/index.test.ts`, '// table test\n');
    for (const step of [`${folder}-step`, `${folder}-prep`]) {
      files.set(`templates/steps/en/${step}.md`, `# ${step}\n`);
      files.set(`templates/steps/ja/${step}.md`, `# ${step}\n`);
    }
  }
  return files;
}

const tempRoots: string[] = [];
afterEach(() => {
  for (const root of tempRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Writes the fixture tree (after `change`) and a docs/RULES.md that matches it, unless `change` wrote one. */
function fixture(change: (files: Map<string, string>) => void = () => undefined): string {
  const root = mkdtempSync(path.join(tmpdir(), 'exrunbook-catalog-'));
  tempRoots.push(root);
  const files = baseFiles();
  change(files);
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  if (!files.has(RULES_DOC)) {
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    writeFileSync(path.join(root, RULES_DOC), renderRulesMarkdown(readRuleCatalog(root)));
  }
  return root;
}

function problemsOf(root: string): { code: ProblemCode; message: string }[] {
  return checkRuleCatalog(root).problems.map((p) => ({ code: p.code, message: p.message }));
}

function run(argv: string[], root: string): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runRuleCatalog(argv, root, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('readRuleCatalog (static extraction)', () => {
  it('reads every meta field without importing the rule', () => {
    const catalog = readRuleCatalog(fixture());
    expect(catalog.problems).toEqual([]);
    expect(catalog.seedSections).toEqual([
      { id: 'section-alpha', heading: 'アルファの見出し', en: 'Alpha section' },
      { id: 'section-beta', heading: 'ベータの見出し', en: 'Beta section' },
    ]);
    expect(catalog.rules.map((r) => r.id)).toEqual(['alpha', 'beta']);
    const [alpha] = catalog.rules;
    expect(alpha).toMatchObject({
      folder: 'alpha',
      file: 'src/rules/alpha/index.ts',
      hasTest: true,
      title: { en: 'alpha passes', ja: 'alpha は合格' },
      failureTitle: { en: 'alpha fails', ja: 'alpha は不合格' },
      severity: 'warning',
      seedSections: ['section-alpha'],
      requiredFacts: [],
      messageIds: ['alpha', 'zeta'],
      references: [{ title: 'KB0000 alpha', url: 'https://support.microsoft.com/kb/0000' }],
      unverified: [],
      idLine: 5,
    });
    // Sorted by phase (prepare before window), then order.
    expect(alpha?.steps.map((s) => [s.id, s.phase, s.order])).toEqual([
      ['alpha-prep', 'prepare', 100],
      ['alpha-step', 'window', 500],
    ]);
  });

  it('looks through `as const`, `satisfies` and same-file consts', () => {
    const root = fixture((files) => {
      files.set(
        'src/rules/beta/index.ts',
        ruleSource('beta', { seedSections: "SECTIONS satisfies readonly string[]", steps: "({ 'beta-step': { phase: 'window', order: 500 }, 'beta-prep': { phase: 'prepare', order: 100 } }) as const" }).replace(
          'export default',
          "const SECTIONS = ['section-beta'] as const;\nexport default",
        ),
      );
    });
    expect(problemsOf(root)).toEqual([]);
  });

  it.each([
    ['a call where a string is required', { severity: '    severity: pickSeverity(),' }, 'src/rules/beta/index.ts:9: meta.severity must be a string literal'],
    ['a spread in seedSections', { seedSections: "[...OTHER, 'section-beta']" }, 'src/rules/beta/index.ts:10: meta.seedSections[0] must be a string literal'],
    ['an expression as a step order', { steps: "{ 'beta-step': { phase: 'window', order: 400 + 100 }, 'beta-prep': { phase: 'prepare', order: 100 } }" }, "meta.steps['beta-step'].order must be a number literal"],
    ['a computed step id', { steps: "{ [STEP]: { phase: 'window', order: 500 } }" }, 'meta.steps may only hold plain `name: value` properties'],
    ['a `let` binding', { severity: '    severity: level,' }, 'src/rules/beta/index.ts:9: meta.severity must be a string literal; the catalogue reads it without running the code (found `level`).'],
  ])('reports %s as meta-not-static, naming file and line', (_name, spec, message) => {
    // The `let` line moves meta down by one: severity is on line 9, seedSections on line 10.
    const root = fixture((files) => files.set('src/rules/beta/index.ts', ruleSource('beta', spec).replace('export default', "let level = 'info';\nexport default")));
    const problems = problemsOf(root);
    expect(problems.map((p) => p.code)).toEqual(['meta-not-static']);
    expect(problems[0]?.message).toContain(message);
    expect(readRuleCatalog(root).unreadableRules).toEqual(['beta']);
  });

  it('reports a default export that is not defineRule(…)', () => {
    const root = fixture((files) => files.set('src/rules/beta/index.ts', 'const meta = {};\nexport default { meta };\n'));
    expect(problemsOf(root)).toEqual([
      { code: 'no-define-rule', message: 'src/rules/beta/index.ts:2: the default export must be a `defineRule({ meta, check })` call.' },
    ]);
  });

  it('reports a missing meta field', () => {
    const root = fixture((files) => files.set('src/rules/beta/index.ts', ruleSource('beta').replace("    severity: 'warning',\n", '')));
    expect(problemsOf(root)).toEqual([{ code: 'meta-missing', message: 'src/rules/beta/index.ts:4: meta has no `severity`.' }]);
  });

  it('reports an unknown phase and an unknown seed section', () => {
    const phase = fixture((files) =>
      files.set('src/rules/beta/index.ts', ruleSource('beta', { steps: "{ 'beta-step': { phase: 'later', order: 500 }, 'beta-prep': { phase: 'prepare', order: 100 } }" })),
    );
    expect(problemsOf(phase).map((p) => p.code)).toEqual(['unknown-phase']);
    const section = fixture((files) => files.set('src/rules/beta/index.ts', ruleSource('beta', { seedSections: "['section-beta', 'section-gamma']" })));
    expect(problemsOf(section)).toEqual([
      { code: 'unknown-seed-section', message: 'src/rules/beta/index.ts:9: seed section "section-gamma" is not listed in src/rules/seed-sections.ts.' },
    ]);
  });
});

describe('checkRuleCatalog: each check can fail', () => {
  it('passes a consistent tree', () => {
    const root = fixture();
    expect(problemsOf(root)).toEqual([]);
    expect(run(['--check'], root)).toEqual({ code: 0, out: ['rules:catalog: 2 rules, 4 steps, seed sections covered 2/2'], err: [] });
  });

  const cases: [string, (files: Map<string, string>) => void, ProblemCode, string][] = [
    ['a rule folder without index.test.ts', (f) => f.delete('src/rules/beta/index.test.ts'), 'missing-test', 'src/rules/beta/: no index.test.ts'],
    [
      'a rule without a seed section',
      (f) => {
        f.set('src/rules/alpha/index.ts', ruleSource('alpha', { seedSections: "['section-alpha', 'section-beta']" }));
        f.set('src/rules/beta/index.ts', ruleSource('beta', { seedSections: '[]' }));
      },
      'no-seed-section',
      'src/rules/beta/index.ts:9: rule "beta" has no seed section',
    ],
    ['a rule without references', (f) => f.set('src/rules/beta/index.ts', ruleSource('beta', { references: '[]' })), 'no-references', 'src/rules/beta/index.ts:16: rule "beta" needs meta.references'],
    [
      'a reference that is not a URL',
      (f) => f.set('src/rules/beta/index.ts', ruleSource('beta', { references: "[{ title: 'KB1', url: 'kb 1' }]" })),
      'no-references',
      'rule "beta" needs meta.references',
    ],
    ['a meta.id that differs from its folder', (f) => f.set('src/rules/beta/index.ts', ruleSource('beta', { id: 'beta-two' })), 'id-mismatch', 'src/rules/beta/index.ts:5: meta.id is "beta-two" but the folder is "beta"'],
    [
      'a step id declared by two rules',
      (f) => f.set('src/rules/beta/index.ts', ruleSource('beta', { steps: "{ 'beta-step': { phase: 'window', order: 500 }, 'beta-prep': { phase: 'prepare', order: 100 }, 'alpha-step': { phase: 'window', order: 510 } }" })),
      'duplicate-step',
      'step "alpha-step" is declared by src/rules/alpha/index.ts:15 and src/rules/beta/index.ts:15',
    ],
    ['a step without its Japanese text', (f) => f.delete('templates/steps/ja/beta-step.md'), 'missing-step-text', 'step "beta-step" (src/rules/beta/index.ts:15) has no templates/steps/ja/beta-step.md'],
    ['a step without its English text', (f) => f.delete('templates/steps/en/beta-prep.md'), 'missing-step-text', 'has no templates/steps/en/beta-prep.md'],
    ['a step text no rule declares', (f) => f.set('templates/steps/en/gamma-step.md', '# gamma\n'), 'orphan-step-text', 'templates/steps/en/gamma-step.md: no rule declares step "gamma-step"'],
    ['a stale docs/RULES.md', (f) => f.set(RULES_DOC, `${GENERATED_HEADER}\n\n# Rules\n`), 'stale-doc', 'docs/RULES.md is stale'],
    [
      'a seed section no rule traces to',
      (f) => f.set('src/rules/seed-sections.ts', SEED_SECTIONS.replace('} as const;', "  'section-gamma': { heading: 'ガンマ', en: 'Gamma section' },\n} as const;")),
      'uncovered-seed-section',
      'seed section "section-gamma" (ガンマ / Gamma section) has no rule',
    ],
  ];

  it.each(cases)('fails on %s', (_name, change, code, message) => {
    const root = fixture(change);
    const problems = problemsOf(root);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0]?.message).toContain(message);
    const result = run(['--check'], root);
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe(`✗ [${code}] ${problems[0]?.message ?? ''}`);
    expect(result.err.at(-1)).toMatch(/^rules:catalog: \d+ rules, \d+ steps, seed sections covered \d+\/\d+: 1 problem$/);
  });

  it('fails when two rules share an id, naming both files', () => {
    const root = fixture((f) => f.set('src/rules/beta/index.ts', ruleSource('beta', { id: 'alpha', seedSections: "['section-beta']" })));
    const problems = problemsOf(root);
    expect(problems.map((p) => p.code).sort()).toEqual(['duplicate-id', 'id-mismatch']);
    expect(problems.find((p) => p.code === 'duplicate-id')?.message).toBe(
      'rule id "alpha" is declared by src/rules/alpha/index.ts:5 and src/rules/beta/index.ts:5; ids are never shared.',
    );
  });

  it('does not take a shared step text (_<name>.md, included by steps) for a step no rule declares', () => {
    const root = fixture((f) => f.set('templates/steps/en/_shared-words.md', 'Words two steps include.\n'));
    expect(problemsOf(root)).toEqual([]);
  });

  it('reports a missing docs/RULES.md', () => {
    const root = fixture();
    rmSync(path.join(root, RULES_DOC));
    expect(problemsOf(root)).toEqual([{ code: 'stale-doc', message: 'docs/RULES.md is missing; run `npm run rules:catalog` and commit it.' }]);
  });

  it('does not call steps orphaned or sections uncovered when a rule could not be read', () => {
    const root = fixture((f) => f.set('src/rules/beta/index.ts', ruleSource('beta', { severity: '    severity: pick(),' })));
    expect(problemsOf(root).map((p) => p.code)).toEqual(['meta-not-static']);
  });
});

describe('runRuleCatalog', () => {
  it('writes docs/RULES.md so that --check then passes', () => {
    const root = fixture((f) => f.set(RULES_DOC, 'old\n'));
    expect(run([], root)).toEqual({ code: 0, out: ['docs/RULES.md: 2 rules, seed sections covered 2/2'], err: [] });
    expect(run(['--check'], root).code).toBe(0);
  });

  it('refuses to write docs/RULES.md from meta it cannot read', () => {
    const root = fixture((f) => f.set('src/rules/beta/index.ts', ruleSource('beta', { severity: '    severity: pick(),' })));
    const before = readFileSync(path.join(root, RULES_DOC), 'utf8');
    const result = run([], root);
    expect(result.code).toBe(1);
    expect(result.err.at(-1)).toBe('rules:catalog: docs/RULES.md not written; fix the rule meta above first.');
    expect(readFileSync(path.join(root, RULES_DOC), 'utf8')).toBe(before);
  });

  it('rejects unknown arguments with exit code 2', () => {
    expect(run(['--fix'], fixture()).code).toBe(2);
  });
});

describe('renderRulesMarkdown', () => {
  it('says it is generated, lists rules, sections in checklist order and per-rule steps, deterministically', () => {
    const root = fixture((f) => f.set('src/rules/seed-sections.ts', SEED_SECTIONS.replace('} as const;', "  'section-gamma': { heading: 'ガンマ', en: 'Gamma | section' },\n} as const;")));
    const text = renderRulesMarkdown(readRuleCatalog(root));
    const lines = text.split('\n');
    expect(lines[0]).toBe(GENERATED_HEADER);
    expect(lines[0]).toContain('npm run rules:catalog');
    expect(text).toContain('2 rules; seed sections covered 2/3.');
    expect(text).toContain('| `alpha` | alpha passes | alpha は合格 | warning | `section-alpha` |');
    expect(text).toContain('### ガンマ\n\n`section-gamma` — Gamma | section\n\n- *no rule yet*');
    expect(text).toContain('### アルファの見出し\n\n`section-alpha` — Alpha section\n\n- `alpha` — alpha passes');
    expect(text).toContain('- messages: `alpha`, `zeta`');
    expect(text).toContain('| `beta-prep` | prepare | 100 |\n| `beta-step` | window | 500 |');
    expect(lines.indexOf('### アルファの見出し')).toBeLessThan(lines.indexOf('### ベータの見出し'));
    expect(renderRulesMarkdown(readRuleCatalog(root))).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The real tree. Rules are being added in parallel, so this asserts the shape of the report; whether the
// tree is complete is `npm test`'s job (it runs `node scripts/rules-catalog.mjs --check`).

describe('the real tree', () => {
  const report = checkRuleCatalog(repoRoot);
  const { catalog } = report;

  it('reads every rule folder statically', () => {
    expect(catalog.problems.filter((p) => p.code === 'meta-not-static' || p.code === 'no-define-rule' || p.code === 'meta-missing')).toEqual([]);
    expect(catalog.rules.map((r) => r.folder).sort()).toEqual(ruleFolders(repoRoot));
    expect(catalog.seedSections.length).toBeGreaterThan(0);
  });

  it('reports seed-section coverage as covered + uncovered = every section, one problem per gap', () => {
    const traced = new Set(catalog.rules.flatMap((r) => r.seedSections));
    const all = catalog.seedSections.map((s) => s.id);
    expect(report.coveredSections).toEqual(all.filter((id) => traced.has(id)));
    expect(report.uncoveredSections).toEqual(all.filter((id) => !traced.has(id)));
    const uncoveredProblems = report.problems.filter((p) => p.code === 'uncovered-seed-section').map((p) => /^seed section "([^"]+)"/.exec(p.message)?.[1]);
    expect(uncoveredProblems).toEqual(catalog.unreadableRules.length === 0 ? report.uncoveredSections : []);
  });

  it('keeps ts-morph out of everything the CLI can import', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (full !== path.join(repoRoot, 'src', 'catalog')) walk(full);
        } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          if (/from ['"](ts-morph|[./]+catalog\/)/.test(readFileSync(full, 'utf8'))) offenders.push(path.relative(repoRoot, full));
        }
      }
    };
    walk(path.join(repoRoot, 'src'));
    expect(offenders).toEqual([]);
  });
});
