import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { localizedError } from '../i18n/localized-error.js';
import { renderSha256Sums, sha256Hex } from './manifest.js';

/** A file in an output folder that exrunbook made; an existing folder without it is not ours to replace. */
export const OUTPUT_MARKER = 'SHA256SUMS';

/** exrunbook's own bookkeeping inside an output folder (the PDF cache): not a deliverable, not in SHA256SUMS. */
export const TOOL_STATE_DIR = '.exrunbook';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A file's content: text is written as UTF-8; a large text may come in pieces, written in order. */
export type OutputContent = string | Uint8Array | Iterable<string>;

/**
 * Writes a run's output folder atomically: every file goes into a fresh sibling folder, which then
 * replaces the target in one rename. An operator never finds a half-written runbook, and a folder
 * that exrunbook did not make is never overwritten. SHA256SUMS covers every file, PDFs included,
 * except the tool state under {@link TOOL_STATE_DIR}: `files` are hashed from memory as they are
 * written; `fill` may only add files (PDFs), and returns the digests of those it wrote, so that only
 * files it has no digest for are read back to be hashed.
 */
export async function writeOutputFolder(
  outDir: string,
  files: Iterable<readonly [path: string, content: OutputContent]>,
  fill?: (stagingDir: string) => Promise<ReadonlyMap<string, string> | undefined>,
): Promise<void> {
  const target = resolve(outDir);
  if (existsSync(target)) {
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
      throw localizedError('out-not-ours', 'usage', 'error.out.notOurs', { folder: outDir });
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  try {
    const digests = new Map<string, string>();
    const folders = new Set<string>();
    for (const [path, content] of files) {
      const full = join(staging, ...path.split('/'));
      const folder = dirname(full);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      digests.set(path, writeAndHash(full, content));
    }
    for (const [path, digest] of (await fill?.(staging)) ?? []) if (SHA256_HEX.test(digest)) digests.set(path, digest);
    for (const [path, full] of listTree(staging)) {
      if (!digests.has(path) && !path.startsWith(`${TOOL_STATE_DIR}/`)) digests.set(path, sha256Hex(readFileSync(full)));
    }
    writeFileSync(join(staging, OUTPUT_MARKER), renderSha256Sums(digests));
    const old = existsSync(target) ? `${staging}-old` : null;
    if (old) renameSync(target, old);
    renameSync(staging, target);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Writes one file and returns its hex SHA-256, holding no more than one piece of it encoded at a time. */
function writeAndHash(path: string, content: OutputContent): string {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    writeFileSync(path, bytes);
    return sha256Hex(bytes);
  }
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (const piece of content) {
      const bytes = Buffer.from(piece, 'utf8');
      hash.update(bytes);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Every file under root: '/'-separated relative path → absolute path. */
function listTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(root, full).split(sep).join('/'), full);
    }
  };
  walk(root);
  return files;
}
