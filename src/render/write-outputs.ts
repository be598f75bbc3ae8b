import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ExrunbookError } from '../errors.js';
import { renderSha256Sums } from './manifest.js';

/** A file in an output folder that exrunbook made; an existing folder without it is not ours to replace. */
export const OUTPUT_MARKER = 'SHA256SUMS';

/** exrunbook's own bookkeeping inside an output folder (the PDF cache): not a deliverable, not in SHA256SUMS. */
export const TOOL_STATE_DIR = '.exrunbook';

/**
 * Writes a run's output folder atomically: every file goes into a fresh sibling folder, which then
 * replaces the target in one rename. An operator never finds a half-written runbook, and a folder
 * that exrunbook did not make is never overwritten. SHA256SUMS covers every file, PDFs included,
 * except the tool state under {@link TOOL_STATE_DIR}.
 */
export async function writeOutputFolder(outDir: string, files: ReadonlyMap<string, Uint8Array>, fill?: (stagingDir: string) => Promise<void>): Promise<void> {
  const target = resolve(outDir);
  if (existsSync(target)) {
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
      throw new ExrunbookError('out-not-ours', 'usage', `The output folder "${outDir}" already exists and was not made by exrunbook; refusing to replace it.`, {
        hint: 'Choose another --out folder, or empty this one first.',
      });
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  try {
    for (const [path, bytes] of files) {
      const full = join(staging, ...path.split('/'));
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, bytes);
    }
    if (fill) await fill(staging);
    const deliverables = new Map([...readTree(staging)].filter(([path]) => !path.startsWith(`${TOOL_STATE_DIR}/`)));
    writeFileSync(join(staging, OUTPUT_MARKER), renderSha256Sums(deliverables));
    const old = existsSync(target) ? `${staging}-old` : null;
    if (old) renameSync(target, old);
    renameSync(staging, target);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function readTree(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(root, full).split(sep).join('/'), readFileSync(full));
    }
  };
  walk(root);
  return files;
}
