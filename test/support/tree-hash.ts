import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * Every entry below a folder, keyed by its path as bytes (`/`-joined hex of each name, so names that
 * are not UTF-8 count too): files by mode and sha256, links by their target text (never followed),
 * folders, and other kinds by kind. Empty when the folder does not exist. Equal before and after a run
 * means the run neither changed, added nor removed anything there; `toEqual` on two of them names the
 * entries that differ. `skip`: '/'-separated paths below the root left out, with what is below them.
 */
export function treeEntries(root: string, skip: readonly string[] = []): Map<string, string> {
  const entries = new Map<string, string>();
  if (!existsSync(root)) return entries;
  const skipped = new Set(skip.map(keyOf));
  const walk = (dir: Buffer, key: string): void => {
    for (const name of readdirSync(dir, { encoding: 'buffer' }).sort((a, b) => Buffer.compare(a, b))) {
      const full = Buffer.concat([dir, Buffer.from(sep), name]);
      const entryKey = `${key}/${name.toString('hex')}`;
      if (skipped.has(entryKey)) continue;
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) entries.set(entryKey, `link:${readlinkSync(full, { encoding: 'buffer' }).toString('hex')}`);
      else if (stat.isDirectory()) {
        entries.set(entryKey, 'folder');
        walk(full, entryKey);
      } else if (stat.isFile()) entries.set(entryKey, `${String(stat.mode)}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
      else entries.set(entryKey, stat.isFIFO() ? 'fifo' : stat.isSocket() ? 'socket' : 'device');
    }
  };
  walk(Buffer.from(root), '');
  return entries;
}

/** The `treeEntries` key of a '/'-separated path below the root. */
function keyOf(path: string): string {
  return path
    .split('/')
    .map((name) => `/${Buffer.from(name).toString('hex')}`)
    .join('');
}

/** One hash over `treeEntries(root, skip)`: equal trees, equal hashes. */
export function hashTree(root: string, skip: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const [key, value] of treeEntries(root, skip)) hash.update(`${key} ${value}\n`);
  return hash.digest('hex');
}

/** Every entry under root, '/'-separated, sorted: what a test prints when a tree changed. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = `${prefix}${name}`;
      out.push(path);
      const stats = lstatSync(join(dir, name));
      if (stats.isDirectory() && !stats.isSymbolicLink()) walk(join(dir, name), `${path}/`);
    }
  };
  walk(root, '');
  return out;
}
