import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readInventory } from '../src/ingest/read-inventory.js';

/**
 * Permission errors, injected: chmod 000 does not stop root (CI containers often run as root), so the
 * unreadable file and folder of the bad-input corpus are simulated here by making node:fs throw EACCES
 * for chosen paths, whoever runs the tests. The same spy shows a too-large file is never opened.
 */
const denied = new Set<string>();
const reads: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const refuse = (path: fs.PathLike): void => {
    if (denied.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
  };
  return {
    ...actual,
    openSync: (path: fs.PathLike, ...rest: unknown[]) => {
      reads.push(String(path));
      refuse(path);
      return (actual.openSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
    readdirSync: (path: fs.PathLike, ...rest: unknown[]) => {
      refuse(path);
      return (actual.readdirSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const work = fs.mkdtempSync(join(tmpdir(), 'exrunbook-eacces-'));
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function inventory(name: string): string {
  const dir = join(work, name);
  fs.cpSync(join(process.cwd(), 'fixtures', 'bad', 'baseline'), dir, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  return dir;
}

describe('files and folders the account may not read', () => {
  it('an unreadable file: error file-unreadable naming it, the others still read', () => {
    const dir = inventory('file');
    denied.add(join(dir, 'EXCAS01', 'ExSetup.csv'));
    const result = readInventory(dir);
    expect(result.diagnostics).toEqual([{ severity: 'error', code: 'file-unreadable', file: 'EXCAS01/ExSetup.csv', data: { reason: 'EACCES' } }]);
    expect(result.recordSets.map((s) => s.file)).toEqual(['EXCAS01/InstalledPatches.csv', 'ExchangeServer.csv']);
  });

  it('an unreadable folder: error folder-unreadable naming it, the rest still read', () => {
    const dir = inventory('folder');
    denied.add(join(dir, 'EXCAS01'));
    const result = readInventory(dir);
    expect(result.diagnostics).toEqual([{ severity: 'error', code: 'folder-unreadable', file: 'EXCAS01', data: { reason: 'EACCES' } }]);
    expect(result.recordSets.map((s) => s.file)).toEqual(['ExchangeServer.csv']);
  });

  it('an unreadable inventory root: error folder-unreadable on ".", and no "empty" claim', () => {
    const dir = inventory('root');
    denied.add(dir);
    expect(readInventory(dir).diagnostics).toEqual([{ severity: 'error', code: 'folder-unreadable', file: '.', data: { reason: 'EACCES' } }]);
  });

  it('a file above the size limit is refused without being opened', () => {
    const dir = inventory('large');
    const big = join(dir, 'EXCAS01', 'disk.img');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 65 * 1024 * 1024);
    reads.length = 0;
    const result = readInventory(dir);
    expect(result.diagnostics).toEqual([{ severity: 'error', code: 'file-too-large', file: 'EXCAS01/disk.img', data: { bytes: 65 * 1024 * 1024, limit: 64 * 1024 * 1024 } }]);
    expect(reads).not.toContain(big);
    expect(reads).toHaveLength(3);
  });
});
