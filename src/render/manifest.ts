import { createHash } from 'node:crypto';
import { compareText } from '../compare-text.js';

/** `sha256sum -c`-compatible manifest of every output file (path → hex SHA-256), sorted by path. */
export function renderSha256Sums(digests: ReadonlyMap<string, string>): string {
  return [...digests.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([path, digest]) => `${digest}  ${path}\n`)
    .join('');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
