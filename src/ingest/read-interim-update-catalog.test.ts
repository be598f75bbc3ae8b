import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExrunbookError } from '../errors.js';
import { catalog } from '../../test/support/facts.js';
import { readInterimUpdateCatalog } from './read-interim-update-catalog.js';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-iu-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
let written = 0;
function file(content: string | Uint8Array): string {
  const path = join(work, `iu-${String(written++)}.csv`);
  writeFileSync(path, content);
  return path;
}

function failure(path: string): ExrunbookError {
  try {
    readInterimUpdateCatalog(path, catalog);
  } catch (error) {
    if (error instanceof ExrunbookError) return error;
    throw error;
  }
  throw new Error('expected the catalogue to be refused');
}

describe('readInterimUpdateCatalog', () => {
  it('reads KB → the level whose build contains the fix, from a KB, a level or a build', () => {
    const fixes = readInterimUpdateCatalog(file('KB,FixedIn,Note\r\nKB2814847,SP3-RU11,x\r\nKB 2000001,KB2873746,\r\nkb2000002,8.3.327.1,\r\n'), catalog);
    expect([...fixes.keys()]).toEqual(['KB2814847', 'KB2000001', 'KB2000002']);
    expect(new Set([...fixes.values()].map((l) => `${l.servicePack} RU${String(l.rollup)}`))).toEqual(new Set(['SP3 RU11']));
  });

  it('accepts the same KB twice when both rows say the same', () => {
    expect(readInterimUpdateCatalog(file('KB,FixedIn\r\nKB2814847,SP3-RU11\r\nKB2814847,KB2873746\r\n'), catalog).size).toBe(1);
  });

  const bad: { name: string; content: string | Uint8Array; line: number | undefined; why: RegExp }[] = [
    { name: 'a KB that is not a number', content: 'KB,FixedIn\r\nKB2814847x,SP3-RU11\r\n', line: 2, why: /"KB2814847x" is not a KB number/ },
    { name: 'a level that does not exist', content: 'KB,FixedIn\r\nKB2814847,SP3-RU99\r\n', line: 2, why: /SP3 has no rollup 99/ },
    { name: 'a build that was never released', content: 'KB,FixedIn\r\nKB2814847,8.3.999.0\r\n', line: 2, why: /not a released/ },
    { name: 'no FixedIn column', content: 'KB,Note\r\nKB2814847,x\r\n', line: 1, why: /its columns are KB, Note/ },
    { name: 'the same KB with two answers', content: 'KB,FixedIn\r\nKB2814847,SP3-RU11\r\nKB2814847,SP3-RU12\r\n', line: 3, why: /listed again/ },
    { name: 'a row with a field too many', content: 'KB,FixedIn\r\nKB2814847,SP3-RU11,x\r\n', line: 2, why: /csv-column-count/ },
    { name: 'an empty file', content: '', line: 1, why: /not a readable CSV/ },
    { name: 'a ZIP archive', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), line: undefined, why: /not text \(binary-file\)/ },
  ];
  it.each(bad)('refuses $name, naming file and line', ({ content, line, why }) => {
    const path = file(content);
    const error = failure(path);
    expect(error.code).toBe('iu-catalog-invalid');
    expect(error.errorClass).toBe('input');
    expect(error.message).toMatch(why);
    expect(error.location).toEqual({ file: path, ...(line === undefined ? {} : { line }) });
    expect(error.hint).toContain('KB,FixedIn');
  });

  it('says when the file cannot be read at all', () => {
    expect(failure(join(work, 'missing.csv')).code).toBe('iu-catalog-unreadable');
  });
});

describe('readInterimUpdateCatalog properties', () => {
  const cell = fc.oneof(fc.constantFrom('KB2814847', 'kb 2873746', 'SP3-RU11', 'SP3', '8.3.327.1', 'KB', 'FixedIn', '', '"', '東京'), fc.string({ maxLength: 10 }));
  const csvText = fc
    .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 })
    .map((rows) => ['KB,FixedIn', ...rows.map((r) => r.join(','))].join('\r\n'));

  it('on arbitrary bytes or near-CSV text: a map of known levels, or ExrunbookError — nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), csvText), (content) => {
        const path = file(content);
        try {
          const fixes = readInterimUpdateCatalog(path, catalog);
          for (const [kb, level] of fixes) {
            expect(kb).toMatch(/^KB\d{6,7}$/);
            expect(catalog.levels).toContain(level);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ExrunbookError);
          expect((error as ExrunbookError).code).toBe('iu-catalog-invalid');
        }
      }),
      { numRuns: 150 },
    );
  });
});
