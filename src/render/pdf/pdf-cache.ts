import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareText } from '../../compare-text.js';
import { sha256Hex } from '../manifest.js';
import { readManifest, TOOL_STATE_DIR } from '../output-folder.js';
import { readJsonObject } from '../temp-folders.js';

/**
 * What a previous run printed, kept in its output folder so the next run into the same `--out` can
 * reuse every PDF whose key has not changed. Tool state, not a deliverable: SHA256SUMS leaves it out.
 */
export const PDF_CACHE_FILE = `${TOOL_STATE_DIR}/pdf-cache.json`;

/** Bump when the cache file or the meaning of a key changes. */
const CACHE_FORMAT = 1;

/** Far above any real fleet's cache (about 200 bytes a PDF). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export interface PdfCacheEntry {
  /** {@link pdfCacheKey} of everything that went into the PDF. */
  readonly key: string;
  /** SHA-256 of the PDF as written: a file changed since is printed again, never reused. */
  readonly sha256: string;
}

/** Output path ('/'-separated, relative to the run folder) → entry. */
export type PdfCacheEntries = ReadonlyMap<string, PdfCacheEntry>;

/**
 * A key over length-prefixed parts, so no two different part lists can produce the same byte
 * stream. The parts are whatever decides the printed bytes: the exact HTML, the `page.pdf` options
 * (with header and footer templates where the browser draws no margin boxes), the browser version, the
 * installed fonts, the tool version.
 */
export function pdfCacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256').update(`exrunbook-pdf-cache ${CACHE_FORMAT}\n`);
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part);
  return hash.digest('hex');
}


/**
 * The cache of the exrunbook output folder at `outDir`. Anything missing, unreadable or malformed
 * (and any folder without exrunbook's marker) reads as an empty cache: the worst outcome of a bad
 * cache is printing again.
 */
export function readPdfCache(outDir: string): Map<string, PdfCacheEntry> {
  const entries = new Map<string, PdfCacheEntry>();
  if (readManifest(outDir) === null) return entries;
  const parsed = readJsonObject(join(outDir, ...PDF_CACHE_FILE.split('/')), MAX_CACHE_BYTES)?.value;
  if (parsed?.['format'] !== CACHE_FORMAT || !isRecord(parsed['entries'])) return entries;
  for (const [path, entry] of Object.entries(parsed['entries'])) {
    if (isRecord(entry) && isHex(entry['key']) && isHex(entry['sha256'])) entries.set(path, { key: entry['key'], sha256: entry['sha256'] });
  }
  return entries;
}

/**
 * The previous run's bytes for `path` when its recorded key equals `key` and the file still has the
 * recorded hash; otherwise undefined (print it). Only regular files are read: a link planted in the
 * folder is never followed.
 */
export function reusablePdf(outDir: string, cache: PdfCacheEntries, path: string, key: string): Uint8Array | undefined {
  const entry = cache.get(path);
  if (entry?.key !== key) return undefined;
  const file = join(outDir, ...path.split('/'));
  try {
    if (!lstatSync(file).isFile()) return undefined;
    const bytes = readFileSync(file);
    return sha256Hex(bytes) === entry.sha256 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** The cache file for this run's PDFs; sorted, so the same run writes the same bytes. */
export function renderPdfCache(entries: PdfCacheEntries): string {
  const sorted = Object.fromEntries([...entries.entries()].sort(([a], [b]) => compareText(a, b)).map(([path, { key, sha256 }]) => [path, { key, sha256 }]));
  return `${JSON.stringify({ format: CACHE_FORMAT, entries: sorted }, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
