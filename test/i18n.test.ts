import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, ja, type MessageKey } from '../src/i18n/messages.js';
import { placeholdersOf } from '../src/i18n/format-message.js';
import { RULES } from '../src/rules/index.js';

const STEPS = 'templates/steps';
const stepPlaceholders = (text: string): string[] => [...new Set([...text.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort();

describe('message catalogues', () => {
  it('ja has every en key with the same placeholders', () => {
    for (const key of Object.keys(en) as MessageKey[]) expect(placeholdersOf(ja[key]), key).toEqual(placeholdersOf(en[key]));
  });

  it('every diagnostic code the source emits has a message and a hint in both languages', () => {
    const codes = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const source = readFileSync(full, 'utf8');
          for (const m of source.matchAll(/severity: '(?:error|warning|info)',\s*code: '([a-z0-9-]+)'/g)) codes.add(m[1] ?? '');
        }
      }
    };
    walk('src/ingest');
    walk('src/normalize');
    expect(codes.size).toBeGreaterThan(10);
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
