import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One hash over a whole folder tree: every entry's relative path and type, every file's bytes, every
 * link's target. Equal before and after a run means the run neither changed, added nor removed
 * anything there.
 */
export function hashTree(root: string, skip: (path: string) => boolean = () => false): string {
  const hash = createHash('sha256');
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const path = `${prefix}${name}`;
      if (skip(path)) continue;
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) hash.update(`link ${path} -> ${readlinkSync(full)}\n`);
      else if (stats.isDirectory()) {
        hash.update(`dir ${path}\n`);
        walk(full, `${path}/`);
      } else if (stats.isFile()) hash.update(`file ${path} ${createHash('sha256').update(readFileSync(full)).digest('hex')}\n`);
      else hash.update(`other ${path}\n`);
    }
  };
  walk(root, '');
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
