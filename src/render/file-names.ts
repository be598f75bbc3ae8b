import { createHash } from 'node:crypto';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name for a server's runbook. Server names come from inventory data: anything outside
 * [A-Za-z0-9._-] (path separators, markup, control characters) is replaced, and a short hash keeps
 * altered names unique. Plain NetBIOS names pass unchanged. Windows reserves device names whatever
 * follows the first dot (`CON.contoso.html` is the console), so those are altered too.
 */
export function serverFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 64);
  if (safe === name && !RESERVED.test(name.split('.')[0] ?? '') && name !== '') return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${safe || 'server'}-${hash}`;
}
