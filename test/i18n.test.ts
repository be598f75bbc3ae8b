import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, ja, type MessageKey } from '../src/i18n/messages.js';
import { cliEn } from '../src/i18n/cli-messages.js';
import { formatMessage, placeholdersOf, pluralFormsOf } from '../src/i18n/format-message.js';
import { RULES } from '../src/rules/index.js';

const STEPS = 'templates/steps';
const stepPlaceholders = (text: string): string[] => [...new Set([...text.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort();

describe('message catalogues', () => {
  it('ja has every en key with the same placeholders', () => {
    for (const key of Object.keys(en) as MessageKey[]) expect(placeholdersOf(ja[key]), key).toEqual(placeholdersOf(en[key]));
  });

  it('every diagnostic code the source emits has a message and a hint in both languages', () => {
    const codes = new Set<string>();
    for (const [, source] of sourceFiles(['src/ingest', 'src/normalize', 'src/plan'])) {
      for (const m of source.matchAll(/severity: '(?:error|warning|info)',\s*code: '([a-z0-9-]+)'/g)) codes.add(m[1] ?? '');
    }
    expect(codes.size).toBeGreaterThan(10);
    // …and no diagnostic message outlives its code.
    const stale = Object.keys(en).filter((key) => key.startsWith('diag.') && !codes.has(key.slice('diag.'.length).replace(/\.hint$/, '')));
    expect(stale).toEqual([]);
    for (const code of codes) {
      for (const catalogue of [en, ja] as Record<string, string>[]) {
        expect(catalogue[`diag.${code}`], `diag.${code}`).toBeTypeOf('string');
        expect(catalogue[`diag.${code}.hint`], `diag.${code}.hint`).toBeTypeOf('string');
      }
    }
  });
});

describe('rules speak both languages', () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s: titles and messages in en and ja with matching placeholders', (_id, rule) => {
    for (const text of [rule.meta.title, rule.meta.failureTitle, ...Object.values(rule.meta.messages)]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.ja.trim()).not.toBe('');
      expect(placeholdersOf(text.ja)).toEqual(placeholdersOf(text.en));
    }
  });

  it.each(RULES.flatMap((r) => Object.keys(r.meta.steps).map((step) => [step] as const)))('step %s has en and ja texts with the same placeholders', (step) => {
    const english = readFileSync(join(STEPS, 'en', `${step}.md`), 'utf8');
    const japanese = readFileSync(join(STEPS, 'ja', `${step}.md`), 'utf8');
    expect(english).toMatch(/^# \S/);
    expect(japanese).toMatch(/^# \S/);
    expect(stepPlaceholders(japanese)).toEqual(stepPlaceholders(english));
  });
});

describe('one catalogue for the pages and the terminal', () => {
  it('en and ja have exactly the same keys', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(ja)) expect(text.trim() === '', key).toBe(en[key as MessageKey].trim() === '');
  });

  it('every plural has an "other" form and only the categories its language has (Intl.PluralRules)', () => {
    let plurals = 0;
    for (const [lang, catalogue] of [['en', en], ['ja', ja]] as const) {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
      for (const [key, text] of Object.entries(catalogue)) {
        for (const plural of pluralFormsOf(text)) {
          plurals += 1;
          expect(plural.forms, `${lang} ${key}`).toContain('other');
          for (const form of plural.forms) expect(form.startsWith('=') || categories.includes(form), `${lang} ${key}: ${form}`).toBe(true);
        }
      }
    }
    expect(plurals).toBeGreaterThan(10);
  });

  it('no English count is written without its plural ("1 blockers", "error(s)")', () => {
    expect(countsWithoutPlural('{count} blockers in {files, plural, one {# file} other {# files}}; 2 error(s)')).toEqual(['error(s)', '{count} blockers']);
    expect(countsWithoutPlural('{count, plural, one {# blocker} other {# blockers}} in {dir}')).toEqual([]);
    expect(Object.entries(en).flatMap(([key, text]) => countsWithoutPlural(text).map((offence) => `${key}: "${offence}"`))).toEqual([]);
  });

  it('formats plurals by language: one and other in English, one form in Japanese', () => {
    const template = '{n, plural, =0 {no files} one {# file} other {# files}} in {dir}';
    expect([0, 1, 2, 21].map((n) => formatMessage(template, { n, dir: 'inv' }, 'en'))).toEqual(['no files in inv', '1 file in inv', '2 files in inv', '21 files in inv']);
    expect(formatMessage('{n, plural, other {# 件}}', { n: 1 }, 'ja')).toBe('1 件');
    expect(formatMessage('{n, plural, one {# {thing}} other {# {thing}s}}', { n: 2, thing: 'wave' }, 'en')).toBe('2 waves');
    expect(formatMessage('ForEach {$_.FileVersionInfo} {n, plural, one {# #1} other {# #s}}', { n: 1 }, 'en')).toBe('ForEach {$_.FileVersionInfo} 1 11');
    expect(placeholdersOf('{a} {n, plural, one {# {b}} other {# {c}}}')).toEqual(['a', 'b', 'c', 'n']);
    // In a plural inside a plural, # is the inner count (ICU MessageFormat).
    expect(formatMessage('{n, plural, one {# wave, {m, plural, one {# server} other {# servers}}} other {# waves, {m, plural, one {# server} other {# servers}}}}', { n: 2, m: 1 }, 'en')).toBe('2 waves, 1 server');
    expect(() => formatMessage('{n, plural, one {# x} other {# y}}', { n: 'two' }, 'en')).toThrow(/needs a number/);
    expect(() => formatMessage('{n, plural, one {# x}', { n: 1 }, 'en')).toThrow(/Unbalanced|Malformed/);
  });

  it('every key of the command line catalogue is used by the source (no stale messages)', () => {
    const source = sourceText(['src', 'bin']);
    const unused = Object.keys(cliEn).filter((key) => {
      const base = key.endsWith('.hint') ? key.slice(0, -'.hint'.length) : key;
      return !source.includes(`'${key}'`) && !source.includes(`'${base}'`);
    });
    expect(unused).toEqual([]);
  });

  it('every key of the pages catalogue is used by the source or a template (no stale messages)', () => {
    const templates = readdirSync('templates').filter((name) => name.endsWith('.hbs')).map((name) => readFileSync(join('templates', name), 'utf8'));
    const source = [sourceText(['src']), ...templates].join('\n');
    const pageKeys = Object.keys(en).filter((key) => !(key in cliEn) && !key.startsWith('diag.') && !key.startsWith('fileShape.'));
    const used = (key: string): boolean => {
      if (source.includes(`'${key}'`) || source.includes(`[${key}]`)) return true;
      // A key made in code from its prefix: `wave.reason.${wave.reason}`.
      const parts = key.split('.');
      return parts.some((_, i) => i > 0 && source.includes(`\`${parts.slice(0, i).join('.')}.\${`));
    };
    expect(pageKeys.length).toBeGreaterThan(100);
    expect(pageKeys.filter((key) => !used(key))).toEqual([]);
  });

  it('every error a user can act on is made from the catalogue (localizedError), never from a bare English string', () => {
    expect(bareErrors("throw new ExrunbookError('out-not-empty', 'usage', 'The folder is not empty');\nnew ExrunbookError('bug', 'internal', 'x')")).toEqual(['out-not-empty']);
    const offenders: string[] = [];
    for (const [file, text] of sourceFiles(['src'])) {
      // src/catalog is build-time tooling (scripts/rules-catalog.mjs) whose readers are developers.
      if (file.startsWith(join('src', 'catalog'))) continue;
      for (const code of bareErrors(text)) offenders.push(`${file}: ${code}`);
    }
    expect(offenders).toEqual([]);
  });
});

/** English counts outside a plural ("{count} blockers") and "(s)" plurals in a message. */
function countsWithoutPlural(text: string): string[] {
  const counts = /\{(count|servers|waves|blockers|files|lines|rows|pages|runbooks|blanks|errors|warnings|infos|needing)\} ([a-z-]+)/g;
  const outsidePlurals = text.replace(/\{\w+, plural,(?:[^{}]|\{[^{}]*\})*\}/g, '');
  return [...[...text.matchAll(/\w+\(s\)/g)].map((m) => m[0]), ...[...outsidePlurals.matchAll(counts)].filter((m) => m[2]?.endsWith('s')).map((m) => m[0])];
}

/** The codes of ExrunbookErrors made with a bare string instead of the catalogue (internal errors aside). */
function bareErrors(source: string): string[] {
  return [...source.matchAll(/new ExrunbookError\(\s*'([a-z0-9-]+)',\s*'(\w+)'/g)].filter((m) => m[2] !== 'internal').map((m) => m[1] ?? '');
}

function sourceFiles(roots: readonly string[]): [string, string][] {
  const files: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') && !full.includes(join('src', 'i18n'))) files.push([full, readFileSync(full, 'utf8')]);
    }
  };
  for (const root of roots) walk(root);
  return files;
}

function sourceText(roots: readonly string[]): string {
  return sourceFiles(roots)
    .map(([, text]) => text)
    .join('\n');
}
