import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../manifest.js';
import { PDF_CACHE_FILE, pdfCacheKey, readPdfCache, renderPdfCache, reusablePdf, type PdfCacheEntry } from './pdf-cache.js';

let outDir = '';
beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'exrunbook-cache-test-'));
});
afterEach(() => {
  rmSync(outDir, { recursive: true, force: true });
});

const PDF = new TextEncoder().encode('%PDF-1.4 EXCAS01');
const KEY = pdfCacheKey(['exrunbook 0.1.0', 'HeadlessChrome/156', '<html>EXCAS01</html>']);

/** A previous run's output folder holding servers/EXCAS01.pdf and a cache entry for it. */
function previousRun(entries: Record<string, PdfCacheEntry>, { marker = true } = {}): void {
  mkdirSync(join(outDir, 'servers'), { recursive: true });
  mkdirSync(join(outDir, '.exrunbook'), { recursive: true });
  writeFileSync(join(outDir, 'servers', 'EXCAS01.pdf'), PDF);
  if (marker) writeFileSync(join(outDir, '.exrunbook', 'manifest.json'), JSON.stringify({ tool: 'exrunbook', format: 1, command: 'build', files: {} }));
  writeFileSync(join(outDir, ...PDF_CACHE_FILE.split('/')), renderPdfCache(new Map(Object.entries(entries))));
}

describe('pdfCacheKey', () => {
  it('tells apart part lists that concatenate to the same text', () => {
    expect(pdfCacheKey(['ab', 'c'])).not.toBe(pdfCacheKey(['a', 'bc']));
    expect(pdfCacheKey(['a', ''])).not.toBe(pdfCacheKey(['a']));
    expect(pdfCacheKey(['日本', 'x'])).toBe(pdfCacheKey(['日本', 'x']));
  });
});

describe('reusing a previous PDF', () => {
  it('returns the old bytes when the key matches and the file still has its recorded hash', () => {
    previousRun({ 'servers/EXCAS01.pdf': { key: KEY, sha256: sha256Hex(PDF) } });
    const cache = readPdfCache(outDir);
    expect(Buffer.from(reusablePdf(outDir, cache, 'servers/EXCAS01.pdf', KEY) ?? []).toString()).toBe('%PDF-1.4 EXCAS01');
  });

  it.each([
    ['the key changed (other HTML, options, browser or fonts)', () => undefined, pdfCacheKey(['other'])],
    [
      'the PDF was edited after it was written',
      () => {
        writeFileSync(join(outDir, 'servers', 'EXCAS01.pdf'), '%PDF-1.4 EXCAS01 tampered');
      },
      KEY,
    ],
    [
      'the PDF was replaced by a link',
      () => {
        rmSync(join(outDir, 'servers', 'EXCAS01.pdf'));
        writeFileSync(join(outDir, 'elsewhere.pdf'), PDF);
        symlinkSync(join(outDir, 'elsewhere.pdf'), join(outDir, 'servers', 'EXCAS01.pdf'));
      },
      KEY,
    ],
    [
      'the PDF is gone',
      () => {
        rmSync(join(outDir, 'servers', 'EXCAS01.pdf'));
      },
      KEY,
    ],
  ])('prints again when %s', (_name, change, key) => {
    previousRun({ 'servers/EXCAS01.pdf': { key: KEY, sha256: sha256Hex(PDF) } });
    change();
    expect(reusablePdf(outDir, readPdfCache(outDir), 'servers/EXCAS01.pdf', key)).toBeUndefined();
  });

  it.each([
    ['no cache file', '.exrunbook/pdf-cache.json', null],
    ['a cache file that is not JSON', '.exrunbook/pdf-cache.json', '{ nope'],
    ['another cache format', '.exrunbook/pdf-cache.json', JSON.stringify({ format: 99, entries: {} })],
    ['entries that are not hashes', '.exrunbook/pdf-cache.json', JSON.stringify({ format: 1, entries: { 'servers/EXCAS01.pdf': { key: 'x', sha256: 'y' } } })],
    ['a folder without exrunbook’s manifest', '.exrunbook/manifest.json', null],
  ])('reads as an empty cache: %s', (_name, file, contents) => {
    previousRun({ 'servers/EXCAS01.pdf': { key: KEY, sha256: sha256Hex(PDF) } });
    expect(readPdfCache(outDir).size).toBe(1);
    if (contents === null) rmSync(join(outDir, file));
    else writeFileSync(join(outDir, file), contents);
    expect(readPdfCache(outDir).size).toBe(0);
  });

  const plantedCaches: [string, (cache: string) => void][] = [
    [
      'a link to a valid cache elsewhere',
      (cache) => {
        const elsewhere = join(outDir, 'elsewhere.json');
        writeFileSync(elsewhere, renderPdfCache(new Map([['servers/EXCAS01.pdf', { key: KEY, sha256: sha256Hex(PDF) }]])));
        symlinkSync(elsewhere, cache);
      },
    ],
  ];
  // Windows has no FIFOs to make.
  if (process.platform !== 'win32') {
    plantedCaches.push([
      'a FIFO (reading it would wait for ever)',
      (cache) => {
        expect(spawnSync('mkfifo', [cache]).status).toBe(0);
      },
    ]);
  }
  it.each(plantedCaches)('reads as an empty cache, never following or opening it: the cache file is %s', (_name, plant) => {
    previousRun({});
    const cache = join(outDir, ...PDF_CACHE_FILE.split('/'));
    rmSync(cache);
    plant(cache);
    expect(readPdfCache(outDir).size).toBe(0);
  });

  it('reads an empty cache from a folder that does not exist', () => {
    expect(readPdfCache(join(outDir, 'missing')).size).toBe(0);
  });
});

describe('renderPdfCache', () => {
  it('writes entries sorted by path, so the same run writes the same bytes, and reads back what it wrote', () => {
    const entry = { key: KEY, sha256: sha256Hex(PDF) };
    const a = renderPdfCache(new Map([['servers/EXMBX01.pdf', entry], ['index.pdf', entry], ['binder.pdf', entry]]));
    const b = renderPdfCache(new Map([['binder.pdf', entry], ['servers/EXMBX01.pdf', entry], ['index.pdf', entry]]));
    expect(a).toBe(b);
    expect(Object.keys((JSON.parse(a) as { entries: object }).entries)).toEqual(['binder.pdf', 'index.pdf', 'servers/EXMBX01.pdf']);
    previousRun({});
    writeFileSync(join(outDir, '.exrunbook', 'pdf-cache.json'), a);
    expect([...readPdfCache(outDir).entries()]).toEqual([
      ['binder.pdf', entry],
      ['index.pdf', entry],
      ['servers/EXMBX01.pdf', entry],
    ]);
  });
});
