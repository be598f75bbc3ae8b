import { createHash } from 'node:crypto';
import { compareText } from '../compare-text.js';

/** `sha256sum -c`-compatible manifest of every output file, sorted by path. */
export function renderSha256Sums(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([path, bytes]) => `${createHash('sha256').update(bytes).digest('hex')}  ${path}\n`)
    .join('');
}
