import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../src/render/manifest.js';
import { TOOL_STATE_DIR } from '../../src/render/output-folder.js';

/** Every file under `folder` ('/'-separated relative path → bytes), sorted, tool state included. */
export function readOutputTree(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(folder, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(folder, path)));
    }
  };
  walk('');
  return files;
}

/** The paths whose bytes differ between two output trees (or exist in only one): empty when identical. */
export function differingFiles(a: ReadonlyMap<string, Buffer>, b: ReadonlyMap<string, Buffer>): string[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((path) => {
    const left = a.get(path);
    const right = b.get(path);
    return left === undefined || right === undefined || !left.equals(right);
  });
}

/**
 * Checks a run folder's SHA256SUMS the way `sha256sum -c` would, with node:crypto so it also runs on
 * Windows: returns the lines that fail (empty when every listed file matches and every file is listed).
 */
export function failingSums(folder: string): string[] {
  const tree = readOutputTree(folder);
  const listed = new Set<string>();
  const failures: string[] = [];
  for (const line of (tree.get('SHA256SUMS') ?? Buffer.alloc(0)).toString('utf8').split('\n').filter((l) => l !== '')) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match?.[1] || !match[2]) {
      failures.push(`malformed: ${line}`);
      continue;
    }
    listed.add(match[2]);
    const bytes = tree.get(match[2]);
    if (bytes === undefined || sha256Hex(bytes) !== match[1]) failures.push(`FAILED: ${match[2]}`);
  }
  for (const path of tree.keys()) {
    if (path !== 'SHA256SUMS' && !path.startsWith(`${TOOL_STATE_DIR}/`) && !listed.has(path)) failures.push(`not listed: ${path}`);
  }
  return failures;
}
