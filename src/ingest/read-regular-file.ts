import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';

/** Why a file was not read. `detail` is the errno code when the system refused. */
export type FileRefusal =
  | { readonly reason: 'missing' | 'folder' | 'not-regular' | 'special-file-system' | 'changed' }
  | { readonly reason: 'too-large'; readonly bytes: number }
  | { readonly reason: 'unreadable'; readonly detail: string };

export type ReadResult = { readonly ok: true; readonly bytes: Buffer } | ({ readonly ok: false } & FileRefusal);

/**
 * Linux pseudo file systems: their "regular" files report size 0 and some block on read (/proc/kmsg)
 * or never end; nothing in them is an export.
 */
const SPECIAL_ROOTS = process.platform === 'linux' ? ['/proc', '/sys', '/dev'] : [];

/** `realPath`: resolved, as bytes read as latin1 (the roots are ASCII; any other byte stays itself). */
export function isOnSpecialFileSystem(realPath: string): boolean {
  return SPECIAL_ROOTS.some((root) => realPath === root || realPath.startsWith(root + sep));
}

/** Opening a FIFO for reading blocks until a writer appears; O_NONBLOCK returns at once instead (absent on Windows). */
const OPEN_FLAGS = constants.O_RDONLY | ((constants as Partial<typeof constants>).O_NONBLOCK ?? 0);

/**
 * Reads a file only if it is a regular file of at most `maxBytes`, on no pseudo file system, never
 * blocking. `checked`: the stat the caller already classified the path by, and its resolved path;
 * without it the path is stat'ed and resolved here (following links). The open file is fstat'ed and must be that same file (device and
 * inode) and still regular, so a file swapped for a FIFO or a link between check and open is refused;
 * it is read in bounded chunks, so a file that grew past the limit is refused too.
 */
export function readRegularFile(path: string | Buffer, maxBytes: number, checked?: { readonly stat: Stats; readonly realPath: Buffer }): ReadResult {
  let stat = checked?.stat;
  if (stat === undefined) {
    try {
      stat = statSync(path);
    } catch (error) {
      return refusedBy(error);
    }
  }
  if (stat.isDirectory()) return { ok: false, reason: 'folder' };
  if (!stat.isFile()) return { ok: false, reason: 'not-regular' };
  if (stat.size > maxBytes) return { ok: false, reason: 'too-large', bytes: stat.size };
  let fd: number;
  try {
    const realPath = checked?.realPath ?? realpathSync.native(path, { encoding: 'buffer' });
    if (isOnSpecialFileSystem(realPath.toString('latin1'))) return { ok: false, reason: 'special-file-system' };
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return refusedBy(error);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== stat.ino || opened.dev !== stat.dev) return { ok: false, reason: 'changed' };
    return readAtMost(fd, stat.size, maxBytes);
  } catch (error) {
    return refusedBy(error);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, refusing past maxBytes; the first read asks for the size stat gave, plus one byte to see the end. */
function readAtMost(fd: number, expectedBytes: number, maxBytes: number): ReadResult {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(total === 0 ? expectedBytes + 1 : 1024 * 1024, maxBytes + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) return { ok: false, reason: 'too-large', bytes: total };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

function refusedBy(error: unknown): { ok: false } & FileRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing' };
  return { ok: false, reason: 'unreadable', detail: code ?? String(error) };
}
