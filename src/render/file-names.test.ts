import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runbookPath, serverFileName, serverFileNames } from './file-names.js';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Pieces that make names collide: separators, case twins, device names, dots, characters no file name holds. */
const PIECES = ['EX', 'ex', 'A', 'a', ' ', '_', '-', '.', '..', '/', '\\', ':', '*', '?', '"', '<', '|', '\u0000', '\t', 'CON', 'nul', 'Com1', 'LPT9', 'サーバー', 'é', 'É', '6c0bb10f', '-6c0bb10f', '0', '9'];
const piecesName = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 6 }).map((parts) => parts.join(''));
const anyName = fc.oneof(piecesName, fc.string({ maxLength: 90 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
/** A fleet with deliberate twins: each name also appears upper-cased, lower-cased, and as another name's file name. */
const fleet = fc.array(anyName, { minLength: 1, maxLength: 40 }).map((names) => [...names, ...names.slice(0, 5).map((n) => n.toUpperCase()), ...names.slice(0, 5).map((n) => n.toLowerCase()), ...names.slice(0, 5).map(serverFileName)]);

function isSafeFileName(file: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,160}$/.test(file) && !RESERVED.test(file.split('.')[0] ?? '');
}

describe('serverFileNames', () => {
  it('gives every server its own safe file name, distinct ignoring case, whatever the names', () => {
    fc.assert(
      fc.property(fleet, (names) => {
        const files = serverFileNames(names);
        expect(files.size).toBe(new Set(names).size);
        const folded = new Set([...files.values()].map((file) => file.toLowerCase()));
        expect(folded.size).toBe(files.size);
        for (const file of files.values()) expect(isSafeFileName(file), file).toBe(true);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('depends only on the set of names, not on their order', () => {
    fc.assert(
      fc.property(fleet, fc.integer(), (names, shift) => {
        const rotated = [...names.slice(shift % names.length), ...names.slice(0, shift % names.length)].reverse();
        expect([...serverFileNames(rotated)].sort()).toEqual([...serverFileNames(names)].sort());
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('keeps an ordinary name unchanged when no other name competes for it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,14}$/), (name) => {
        fc.pre(!RESERVED.test(name));
        expect(serverFileNames([name, 'EXOTHER01']).get(name)).toBe(name);
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it.each([
    ['a space and the name its file name would have', ['EX A', 'EX_A-6c0bb10f']],
    ['case-only twins', ['EXA', 'exa', 'Exa']],
    ['names differing only in characters a file cannot hold', ['EX:A', 'EX*A', 'EX?A', 'EX/A', 'EX\\A']],
    ['device names', ['CON', 'con', 'CON-f2f3b6b9', 'NUL.contoso', 'nul.contoso', 'COM1']],
    ['dots and spaces at the end', ['EXA', 'EXA.', 'EXA ', 'EXA..']],
    ['long names sharing their first 64 characters', [`${'X'.repeat(64)}1`, `${'X'.repeat(64)}2`, 'x'.repeat(65)]],
  ])('%s get distinct runbooks', (_label, names) => {
    const files = [...serverFileNames(names).values()];
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(names.length);
    for (const file of files) expect(isSafeFileName(file), file).toBe(true);
  });

  it('keeps the names the sample fleet and earlier runs have: plain names as they are, others hashed as before', () => {
    const files = serverFileNames(['EXCAS01', 'EXMBX01', 'EX A', 'CON', '../etc/passwd']);
    expect(files.get('EXCAS01')).toBe('EXCAS01');
    expect(files.get('EXMBX01')).toBe('EXMBX01');
    expect(files.get('EX A')).toBe('EX_A-6c0bb10f');
    expect(files.get('CON')).toBe(serverFileName('CON'));
    expect(files.get('../etc/passwd')).toMatch(/^_[A-Za-z0-9._-]+-[0-9a-f]{8}$/);
  });

  it('gives runbook paths to the plan\'s servers only: another name would dodge the collision check', () => {
    const plan = { servers: [{ facts: { name: 'EX A' } }, { facts: { name: 'EX_A-6c0bb10f' } }] };
    expect([runbookPath(plan, 'EX A'), runbookPath(plan, 'EX_A-6c0bb10f')]).toEqual(['servers/EX_A-6c0bb10f1cb28b37', 'servers/EX_A-6c0bb10f']);
    expect(() => runbookPath(plan, 'EXCAS01')).toThrow('no runbook for "EXCAS01": not a server of the plan');
  });
});
