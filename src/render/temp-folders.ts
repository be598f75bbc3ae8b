import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { readRegularFile } from '../ingest/read-regular-file.js';

/**
 * Temporary folders exrunbook makes while it runs (the output staging folder beside `--out`, the
 * browser profile in the temp folder), each named `<prefix><pid>-<random>` and holding a marker file
 * that says so. A run killed outright (SIGKILL, a power cut) cannot remove them; the next run sweeps
 * them, and only them: a folder is removed when its name has the prefix, it is a real folder (not a
 * link) owned by this user, its marker is exrunbook's and names the pid in the folder's name, and
 * either that process is gone on this machine or the marker is older than {@link ABANDONED_AFTER_MS}
 * (a run on another machine sharing the folder); one without its marker yet only when it is empty
 * (but for the half-written marker) and its pid is gone here. Anything else is left alone.
 */
export interface TempFolderKind {
  /** Folder name up to the pid: `.runbooks.exrunbook-`, `exrunbook-browser-`. */
  readonly prefix: string;
  /** The marker file, relative to the folder ('/'-separated). */
  readonly marker: string;
  /** What the folder is, recorded in the marker: 'staging', 'browser-profile'. */
  readonly kind: string;
}

/**
 * The browser profile: a marked folder in the temp folder (render/pdf/browser-session), swept by
 * the next build (PDF or not) once the run that made it is gone.
 */
export const BROWSER_PROFILE_FOLDER: TempFolderKind = { prefix: 'exrunbook-browser-', marker: 'exrunbook-profile.json', kind: 'browser-profile' };

interface TempMarker {
  readonly tool: 'exrunbook';
  readonly kind: string;
  readonly pid: number;
  readonly host: string;
}

/** A marker from another machine is trusted to be abandoned only after a week. */
const ABANDONED_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

const MAX_MARKER_BYTES = 4096;
const RANDOM = /^[A-Za-z0-9]{6}$/;

/**
 * Creates `<parent>/<prefix><pid>-<random>` with its marker written (atomically) before anything
 * else: private (0700, like mkdtemp) unless `shared`, then with the permissions the umask gives.
 */
export function makeTempFolder(parent: string, kind: TempFolderKind, { shared = false } = {}): string {
  const folder = shared ? makeSharedFolder(join(parent, `${kind.prefix}${process.pid}-`)) : mkdtempSync(join(parent, `${kind.prefix}${process.pid}-`));
  const marker = join(folder, ...kind.marker.split('/'));
  mkdirSync(dirname(marker), { recursive: true });
  const content: TempMarker = { tool: 'exrunbook', kind: kind.kind, pid: process.pid, host: hostname() };
  writeFileSync(`${marker}.part`, `${JSON.stringify(content)}\n`);
  renameSync(`${marker}.part`, marker);
  return folder;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** mkdtemp's naming, with mkdir's permissions. */
function makeSharedFolder(prefix: string): string {
  for (;;) {
    const folder = `${prefix}${[...randomBytes(6)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length] ?? 'x').join('')}`;
    try {
      mkdirSync(folder);
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export interface SweepEnvironment {
  readonly now: number;
  readonly host: string;
  readonly isAlive: (pid: number) => boolean;
  readonly uid: number | undefined;
}

function currentSweepEnvironment(): SweepEnvironment {
  return { now: Date.now(), host: hostname(), isAlive: processIsAlive, uid: process.getuid?.() };
}

/**
 * Removes the abandoned temporary folders of `kind` in `parent` (see {@link TempFolderKind});
 * returns the folders removed. Never throws: a folder it cannot judge or remove stays.
 */
export function sweepTempFolders(parent: string, kind: TempFolderKind, environment: SweepEnvironment = currentSweepEnvironment()): string[] {
  const removed: string[] = [];
  for (const { folder, pid } of foldersOfOtherRuns(parent, kind.prefix)) {
    try {
      if (!isOwnFolder(folder, environment.uid)) continue;
      const marker = readMarker(join(folder, ...kind.marker.split('/')));
      if (marker === undefined) {
        // Killed between creating the folder and writing its marker: only empty folders go, and
        // only once their process is gone (a run starting now is between those two steps).
        if (!environment.isAlive(pid) && removeIfEmptyShell(folder, kind)) removed.push(folder);
        continue;
      }
      if (marker.value.kind !== kind.kind || marker.value.pid !== pid) continue;
      const abandoned = marker.value.host === environment.host ? !environment.isAlive(pid) : environment.now - marker.mtimeMs > ABANDONED_AFTER_MS;
      if (!abandoned) continue;
      rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
      removed.push(folder);
    } catch {
      // judged again by the next run
    }
  }
  return removed;
}

/** The entries of `parent` named `<prefix><pid>-<random>` by another process than this one. */
export function foldersOfOtherRuns(parent: string, prefix: string): { folder: string; pid: number }[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const pid = pidOfName(name, prefix);
    return pid === undefined || pid === process.pid ? [] : [{ folder: join(parent, name), pid }];
  });
}

/** The pid in `<prefix><pid>-<random>`, or undefined for any other name. */
function pidOfName(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(\d{1,10})-(.*)$/.exec(name.slice(prefix.length));
  if (!match?.[1] || !RANDOM.test(match[2] ?? '')) return undefined;
  const pid = Number(match[1]);
  return pid > 0 ? pid : undefined;
}

/** A live process, or one we may not signal (EPERM: it exists). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isOwnFolder(folder: string, uid: number | undefined): boolean {
  const stats = lstatSync(folder);
  return stats.isDirectory() && !stats.isSymbolicLink() && (uid === undefined || stats.uid === uid);
}

function readMarker(file: string): { value: TempMarker; mtimeMs: number } | undefined {
  const read = readJsonObject(file, MAX_MARKER_BYTES);
  if (read === undefined) return undefined;
  const { tool, kind, pid, host } = read.value;
  if (tool !== 'exrunbook' || typeof kind !== 'string' || typeof pid !== 'number' || !Number.isInteger(pid) || typeof host !== 'string') return undefined;
  return { value: { tool, kind, pid, host }, mtimeMs: read.mtimeMs };
}

/**
 * The JSON object in `file` when it is a regular file (not a link, FIFO or device: tool state a
 * previous run left is read, never followed) of at most `maxBytes`; otherwise undefined.
 */
export function readJsonObject(file: string, maxBytes: number): { value: Record<string, unknown>; mtimeMs: number } | undefined {
  try {
    const stats = lstatSync(file);
    if (!stats.isFile()) return undefined;
    const read = readRegularFile(file, maxBytes);
    if (!read.ok) return undefined;
    const value = JSON.parse(read.bytes.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { value: value as Record<string, unknown>, mtimeMs: stats.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A folder holding nothing but the empty folders on the way to its marker, or a half-written
 * marker (`.part`): removed entry by entry with calls that refuse to remove anything else.
 */
function removeIfEmptyShell(folder: string, kind: TempFolderKind): boolean {
  const parts = kind.marker.split('/');
  const partial = join(folder, ...parts) + '.part';
  try {
    const stats = lstatSync(partial, { throwIfNoEntry: false });
    if (stats?.isFile() === true && stats.size <= MAX_MARKER_BYTES) unlinkSync(partial);
    for (let depth = parts.length - 1; depth >= 1; depth--) {
      const inner = join(folder, ...parts.slice(0, depth));
      try {
        rmdirSync(inner);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    rmdirSync(folder);
    return true;
  } catch {
    return false;
  }
}
