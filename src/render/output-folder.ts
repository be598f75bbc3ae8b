import { createHash } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ExrunbookError, type ErrorClass } from '../errors.js';
import type { MessageRef } from '../i18n/format-message.js';
import { localizedError, type ErrorKey } from '../i18n/localized-error.js';
import { onInterrupt } from '../interrupt.js';
import { renderSha256Sums, sha256Hex } from './manifest.js';
import { foldersOfOtherRuns, makeTempFolder, processIsAlive, readJsonObject, sweepTempFolders, type TempFolderKind } from './temp-folders.js';

/**
 * Where exrunbook writes, and the only code that replaces a folder (README "What comes out"):
 *
 * - `--out` must not be, be inside, or contain any input of the run (the inventory folder, the
 *   `--config` and `--iu-catalog` files), compared as real paths, ignoring case where the file
 *   system does, and by file identity.
 * - An existing `--out` is replaced only when it is empty, or when exrunbook's own manifest
 *   ({@link MANIFEST_FILE}) lists every file in it with the hash it was written with (tool state such
 *   as the PDF cache aside) and names the same command. A `SHA256SUMS` proves nothing: transfers
 *   carry them too.
 * - Every file goes into a staging folder beside `--out` that replaces it in one rename, so an
 *   operator never finds a half-written runbook; a signal removes the staging folder, and what a
 *   killed run leaves (marked, see temp-folders) is swept by the next run into the same `--out`.
 *
 * Generic over commands: `build` and any other command that writes a folder call
 * {@link writeOutputFolder} with their own files.
 */

/** exrunbook's own bookkeeping inside an output folder: the manifest, the PDF cache. Never in SHA256SUMS. */
export const TOOL_STATE_DIR = '.exrunbook';

/** The mark of an exrunbook output folder: which command wrote it, and every file it wrote with its SHA-256. */
const MANIFEST_FILE = `${TOOL_STATE_DIR}/manifest.json`;

const CHECKSUMS_FILE = 'SHA256SUMS';

/** Marks a staging folder as exrunbook's while it is being filled; removed once it is `--out`. */
const STAGING_MARKER = `${TOOL_STATE_DIR}/staging.json`;

const MANIFEST_FORMAT = 1;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A file's content: text is written as UTF-8; a large text may come in pieces, written in order. */
export type OutputContent = string | Uint8Array | Iterable<string>;

/** An input of the run that the output must keep clear of. */
export interface ProtectedInput {
  /** How the message names it, in the run's language: messageRef('cli.input.inventory'). */
  readonly label: MessageRef;
  readonly path: string;
}

/** What the folder swap needs from the system; tests inject failures. */
export interface SwapSystem {
  readonly rename: (from: string, to: string) => void;
  /** Removes a folder and everything in it. */
  readonly remove: (folder: string) => void;
  /** True when another program holds `file` open so that its folder cannot be renamed (Windows). */
  readonly isHeld: (file: string) => boolean;
  readonly sleep: (ms: number) => Promise<void>;
  readonly platform: NodeJS.Platform;
}

export interface OutputFolderRequest {
  readonly outDir: string;
  /** The command writing the folder ('build', 'verify'): recorded in the manifest. */
  readonly command: string;
  readonly inputs: readonly ProtectedInput[];
  readonly files: Iterable<readonly [path: string, content: OutputContent]>;
  /**
   * Adds files (PDFs) to the staging folder after `files`; returns the digests of those it wrote, so
   * that only files without one are read back to be hashed. Its I/O failures exit 3 (PDF).
   */
  readonly fill?: ((stagingDir: string) => Promise<ReadonlyMap<string, string> | undefined>) | undefined;
  /**
   * Files under {@link TOOL_STATE_DIR} a previous run may have left in any state (the PDF cache): a
   * folder holding them is still exrunbook's.
   */
  readonly toolState?: readonly string[] | undefined;
  /** Tests only. */
  readonly system?: Partial<SwapSystem> | undefined;
}

/** Waits between attempts to move the old output aside (Windows: a viewer holding a runbook). */
const SWAP_RETRY_DELAYS_MS = [100, 200, 400, 800, 1600];

/**
 * Writes a run's output folder (see the module comment). SHA256SUMS covers every file, PDFs
 * included, except the tool state under {@link TOOL_STATE_DIR}; the manifest covers every file.
 * Nothing is written before `--out` is known to be safe to replace; on any failure `--out` is as it
 * was and the staging folder is gone.
 */
export async function writeOutputFolder(request: OutputFolderRequest): Promise<void> {
  const target = resolve(request.outDir);
  checkOutputClearOfInputs(target, request.inputs);
  const toolState = new Set([MANIFEST_FILE, STAGING_MARKER, ...(request.toolState ?? [])]);
  const system: SwapSystem = { ...DEFAULT_SYSTEM, ...request.system };
  const parent = dirname(target);

  let errorClass: ErrorClass = 'usage';
  let createdParent: string | undefined;
  let staging: string | undefined;
  let release: (() => void) | undefined;
  try {
    sweepOutputLeftovers(target, toolState);
    const before = inspectExisting(target, request.command, toolState);
    createdParent = mkdirSync(parent, { recursive: true });
    // Not private like mkdtemp's: the output is an ordinary folder, shared as the umask allows.
    staging = makeTempFolder(parent, stagingKind(target), { shared: true });
    const stagingDir = staging;
    release = onInterrupt(() => {
      rmSync(stagingDir, { recursive: true, force: true, maxRetries: 3 });
    });
    const digests = new Map<string, string>();
    const folders = new Set<string>();
    let written = 0;
    for (const [path, content] of request.files) {
      // Let a signal's handler run now and then: Ctrl+C during a long write stops it at once.
      if (++written % 64 === 0) await new Promise((next) => setImmediate(next));
      const full = join(staging, ...path.split('/'));
      const folder = dirname(full);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      digests.set(path, writeAndHash(full, content));
    }
    errorClass = 'browser';
    for (const [path, digest] of (await request.fill?.(staging)) ?? []) if (SHA256_HEX.test(digest)) digests.set(path, digest);
    errorClass = 'usage';
    for (const [path, state] of snapshotOf(staging)) {
      if (state !== 'dir' && !digests.has(path) && path !== STAGING_MARKER) digests.set(path, sha256Hex(readFileSync(join(staging, ...path.split('/')))));
    }
    const sums = renderSha256Sums(new Map([...digests].filter(([path]) => !path.startsWith(`${TOOL_STATE_DIR}/`))));
    writeFileSync(join(staging, CHECKSUMS_FILE), sums);
    digests.set(CHECKSUMS_FILE, sha256Hex(Buffer.from(sums, 'utf8')));
    writeFileSync(join(staging, ...MANIFEST_FILE.split('/')), renderManifest(request.command, digests));
    await swapIn(staging, target, before, system);
    staging = undefined;
  } catch (error) {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
    if (createdParent !== undefined) removeEmptyFolders(createdParent, parent);
    throw outputWriteError(error, errorClass);
  } finally {
    release?.();
  }
}

/**
 * Refuses (exit 2) an `--out` that is, is inside, or contains one of the run's inputs. Call it
 * before any work whose result would be lost; {@link writeOutputFolder} calls it again.
 */
export function checkOutputClearOfInputs(outDir: string, inputs: readonly ProtectedInput[]): void {
  const out = realPathOf(resolve(outDir));
  for (const input of inputs) {
    const inReal = realPathOf(resolve(input.path));
    const ignoreCase = ignoresCase(out.existing) || ignoresCase(inReal.existing);
    const relation = pathRelation(out.real, inReal.real, ignoreCase) ?? identityRelation(out, inReal);
    if (relation === null) continue;
    const key = ({ is: 'error.out.isInput', inside: 'error.out.insideInput', contains: 'error.out.containsInput' } as const)[relation];
    const suggestion = join(dirname(inReal.real), `${basename(inReal.real)}-runbooks`);
    throw localizedError('out-overlaps-input', 'usage', key, { out: outDir, input: input.label, path: input.path, suggestion }, { hint: 'error.out.input.hint' });
  }
}

type Relation = 'is' | 'inside' | 'contains';

/** How `out` lies to `input` by path alone; `ignoreCase` where either file system ignores case. */
export function pathRelation(out: string, input: string, ignoreCase: boolean): Relation | null {
  const a = ignoreCase ? out.toLowerCase() : out;
  const b = ignoreCase ? input.toLowerCase() : input;
  if (a === b) return 'is';
  if (isWithin(a, b)) return 'inside';
  if (isWithin(b, a)) return 'contains';
  return null;
}

function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

interface RealPath {
  /** The real path: the nearest existing ancestor resolved, the rest appended. */
  readonly real: string;
  /** The nearest existing ancestor, resolved. */
  readonly existing: string;
  /** Whether the path itself exists. */
  readonly exists: boolean;
}

function realPathOf(path: string): RealPath {
  const rest: string[] = [];
  for (let existing = path; ; ) {
    try {
      const real = realpathSync.native(existing);
      return { real: rest.length === 0 ? real : join(real, ...rest.reverse()), existing: real, exists: rest.length === 0 };
    } catch {
      const up = dirname(existing);
      if (up === existing) return { real: path, existing: path, exists: false };
      rest.push(basename(existing));
      existing = up;
    }
  }
}

/**
 * Whether the file system at `path` (which exists) ignores case: the path with the case of its
 * last lettered name swapped names the same file. Without letters to swap, the platform's default.
 */
function ignoresCase(path: string): boolean {
  for (let current = path; ; current = dirname(current)) {
    const name = basename(current);
    const swapped = name.replace(/\p{L}/gu, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
    if (swapped !== name) return sameFile(current, join(dirname(current), swapped));
    if (dirname(current) === current) return process.platform === 'win32' || process.platform === 'darwin';
  }
}

function sameFile(a: string, b: string): boolean {
  const id = fileId(a);
  return id !== null && id === fileId(b);
}

/** The same relation by file identity (hard links, bind mounts, aliases the path strings hide). */
function identityRelation(out: RealPath, input: RealPath): Relation | null {
  if (!input.exists) return null;
  const inputId = fileId(input.real);
  if (inputId === null) return null;
  const outIds = ancestorIds(out.existing);
  if (outIds.has(inputId)) return out.exists && fileId(out.real) === inputId ? 'is' : 'inside';
  const outId = out.exists ? fileId(out.real) : null;
  if (outId !== null && ancestorIds(input.real).has(outId)) return 'contains';
  return null;
}

function fileId(path: string): string | null {
  try {
    const stats = statSync(path, { bigint: true });
    return stats.ino === 0n ? null : `${stats.dev}:${stats.ino}`;
  } catch {
    return null;
  }
}

function ancestorIds(path: string): Set<string> {
  const ids = new Set<string>();
  for (let current = path; ; current = dirname(current)) {
    const id = fileId(current);
    if (id !== null) ids.add(id);
    if (dirname(current) === current) return ids;
  }
}

/** path → `size:mtime` for files, `dir` for folders: what must not change between inspection and swap. */
type Snapshot = Map<string, string>;

/**
 * The existing `--out`: null when there is none; its snapshot when it is empty or exrunbook's own
 * output written by `command` (null: by any); otherwise the refusal (exit 2) saying why and what to do.
 */
function inspectExisting(target: string, command: string | null, toolState: ReadonlySet<string>): Snapshot | null {
  let stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw outputWriteError(error, 'usage');
  }
  const refuse = (key: ErrorKey, file?: string, hint?: 'error.out.notOurs.hint' | 'error.out.foreignFile.hint'): ExrunbookError =>
    localizedError('out-not-ours', 'usage', key, { folder: target, ...(file === undefined ? {} : { file }) }, hint === undefined ? {} : { hint });
  if (stats.isSymbolicLink()) throw refuse('error.out.link');
  if (!stats.isDirectory()) throw refuse('error.out.file');
  const snapshot = snapshotOf(target);
  if (snapshot.size === 0) return snapshot;
  const manifest = readManifest(target);
  if (manifest === null) {
    if (snapshot.has(MANIFEST_FILE)) throw refuse('error.out.badManifest', undefined, 'error.out.notOurs.hint');
    throw refuse(snapshot.has(CHECKSUMS_FILE) ? 'error.out.checksumsOnly' : 'error.out.notOurs', undefined, 'error.out.notOurs.hint');
  }
  // `verify --out` naming the runbooks' folder must not delete the runbooks, nor `build` a verification.
  if (command !== null && manifest.command !== command) throw localizedError('out-not-ours', 'usage', 'error.out.otherCommand', { folder: target, command, other: manifest.command });
  for (const [path, state] of snapshot) {
    // exrunbook writes no links or special files, not even as tool state (the PDF cache is read).
    if (state === 'other') throw refuse('error.out.special', path, 'error.out.notOurs.hint');
    if (state === 'dir' || toolState.has(path)) continue;
    const recorded = manifest.files.get(path);
    if (recorded === undefined) throw refuse('error.out.foreignFile', path);
    if (sha256Hex(readFileSync(join(target, ...path.split('/')))) !== recorded) throw refuse('error.out.changedFile', path, 'error.out.foreignFile.hint');
  }
  return snapshot;
}

function snapshotOf(root: string): Snapshot {
  const snapshot: Snapshot = new Map();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const path = relative(root, full).split(sep).join('/');
      const stats = lstatSync(full);
      if (stats.isDirectory()) {
        snapshot.set(path, 'dir');
        walk(full);
      } else snapshot.set(path, stats.isFile() ? `${stats.size}:${stats.mtimeMs}` : 'other');
    }
  };
  walk(root);
  return snapshot;
}

function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return a.size === b.size && [...a].every(([path, state]) => b.get(path) === state);
}

/** The manifest of the output folder at `outDir` (the command that wrote it, path → SHA-256), or null when there is none that exrunbook wrote. */
export function readManifest(outDir: string): { command: string; files: Map<string, string> } | null {
  const read = readJsonObject(join(outDir, ...MANIFEST_FILE.split('/')), MAX_MANIFEST_BYTES);
  if (read === undefined) return null;
  const { tool, format, command, files } = read.value;
  if (tool !== 'exrunbook' || format !== MANIFEST_FORMAT || typeof command !== 'string' || typeof files !== 'object' || files === null) return null;
  const digests = new Map<string, string>();
  for (const [path, digest] of Object.entries(files)) {
    if (typeof digest !== 'string' || !SHA256_HEX.test(digest)) return null;
    digests.set(path, digest);
  }
  return { command, files: digests };
}

function renderManifest(command: string, digests: ReadonlyMap<string, string>): string {
  const files = Object.fromEntries([...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ tool: 'exrunbook', format: MANIFEST_FORMAT, command, files }, null, 2)}\n`;
}

function stagingKind(target: string): TempFolderKind {
  return { prefix: `.${basename(target)}.exrunbook-`, marker: STAGING_MARKER, kind: 'staging' };
}

function oldPrefix(target: string): string {
  return `.${basename(target)}.exrunbook-old-`;
}

/**
 * What a killed run left beside `target`: its staging folders (by their marker), and the previous
 * output it had moved aside for the swap — put back when `target` is missing (killed between the
 * two renames), else removed; either only when it still is a whole exrunbook output.
 */
function sweepOutputLeftovers(target: string, toolState: ReadonlySet<string>): string[] {
  const parent = dirname(target);
  const swept = sweepTempFolders(parent, stagingKind(target));
  for (const { folder: old, pid } of foldersOfOtherRuns(parent, oldPrefix(target))) {
    if (processIsAlive(pid)) continue;
    try {
      if (inspectExisting(old, null, toolState) === null) continue;
      if (lstatSync(target, { throwIfNoEntry: false }) !== undefined) rmSync(old, { recursive: true, force: true, maxRetries: 3 });
      else renameSync(old, target);
      swept.push(old);
    } catch {
      // not provably a whole exrunbook output: left alone
    }
  }
  return swept;
}

/**
 * Moves the old output aside, the staging folder in, and removes the old output. Moving aside is
 * retried (Windows refuses to rename a folder while a viewer holds a file in it); if it still
 * fails, the error names the held file and `--out` is untouched. The old output is compared with
 * `before` (its inspection) once aside, where no one writes by its path any more: anything written
 * into `--out` since puts it back and refuses.
 */
async function swapIn(staging: string, target: string, before: Snapshot | null, system: SwapSystem): Promise<void> {
  let old: string | null = null;
  if (before !== null) {
    old = join(dirname(staging), oldPrefix(target) + basename(staging).slice(stagingKind(target).prefix.length));
    await moveAsideRetrying(target, old, system);
    if (!sameSnapshot(before, snapshotOf(old))) {
      system.rename(old, target);
      throw localizedError('out-changed', 'usage', 'error.out.changedMeanwhile', { folder: target });
    }
  }
  try {
    system.rename(staging, target);
  } catch (error) {
    if (old !== null) system.rename(old, target);
    throw error;
  }
  try {
    unlinkSync(join(target, ...STAGING_MARKER.split('/')));
  } catch {
    // left as tool state; the next run's output goes without it
  }
  if (old === null) return;
  try {
    system.remove(old);
  } catch {
    // The new output is in place; the old one (a scanner or viewer still holds a file in it on
    // Windows) is swept by the next run into this --out.
  }
}

async function moveAsideRetrying(target: string, old: string, system: SwapSystem): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      system.rename(target, old);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const delay = SWAP_RETRY_DELAYS_MS[attempt];
      // Elsewhere EPERM and EACCES mean what they say; on Windows they also mean "open in a viewer".
      const busy = code === 'EBUSY' || (system.platform === 'win32' && (code === 'EPERM' || code === 'EACCES'));
      if (!busy) throw error;
      if (delay === undefined) {
        const held = heldFile(target, system);
        const data = { folder: target, code, ...(held === undefined ? {} : { file: held }) };
        throw localizedError('out-in-use', 'usage', held === undefined ? 'error.out.held' : 'error.out.heldFile', data, { hint: 'error.out.held.hint', cause: error });
      }
      await system.sleep(delay);
    }
  }
}

function heldFile(target: string, system: SwapSystem): string | undefined {
  try {
    for (const [path, state] of snapshotOf(target)) {
      if (state !== 'dir' && state !== 'other' && system.isHeld(join(target, ...path.split('/')))) return path;
    }
  } catch {
    // named generically
  }
  return undefined;
}

const FS_FAILURES: Readonly<Record<string, ErrorKey>> = {
  ENOSPC: 'error.out.fs.full',
  EDQUOT: 'error.out.fs.full',
  EACCES: 'error.out.fs.denied',
  EPERM: 'error.out.fs.denied',
  EROFS: 'error.out.fs.readOnly',
  ENOTDIR: 'error.out.fs.notFolder',
  EEXIST: 'error.out.fs.notFolder',
  ENAMETOOLONG: 'error.out.fs.tooLong',
  EMFILE: 'error.out.fs.tooManyOpen',
  ENFILE: 'error.out.fs.tooManyOpen',
  EIO: 'error.out.fs.io',
  ENOTEMPTY: 'error.out.fs.appeared',
};

/**
 * An operating-system error met while writing the output, as an error a user can act on (which
 * file, what happened, what to do) of `errorClass` (exit 2; 3 while printing PDFs); anything else
 * is passed on unchanged, to be reported as a bug.
 */
function outputWriteError(error: unknown, errorClass: ErrorClass): unknown {
  if (error instanceof ExrunbookError || !(error instanceof Error)) return error;
  const { code, path } = error as NodeJS.ErrnoException;
  const key = code === undefined ? undefined : FS_FAILURES[code];
  if (key === undefined) return error;
  return localizedError(`out-${code?.toLowerCase() ?? 'fs'}`, errorClass, key, { code: code ?? '', file: path ?? '—' }, { cause: error });
}

/** Opening for writing fails while a Windows program holds the file without sharing it. */
function isHeldForWriting(file: string): boolean {
  try {
    closeSync(openSync(file, 'r+'));
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
  }
}

const DEFAULT_SYSTEM: SwapSystem = {
  rename: renameSync,
  remove: (folder) => {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  },
  isHeld: isHeldForWriting,
  sleep: (ms) =>
    new Promise((done) => {
      setTimeout(done, ms);
    }),
  platform: process.platform,
};

/** Removes `from` and its parents up to `created` (the first folder this run created) while they are empty. */
function removeEmptyFolders(created: string, from: string): void {
  for (let current = from; ; current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
    if (current === created || dirname(current) === current) return;
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
