import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ExrunbookError } from '../errors.js';
import { localizedError } from '../i18n/localized-error.js';
import { readPackageBytes } from '../package-files.js';

/** The shipped collector: written out byte for byte, never generated, so every copy is the tested one. */
export const COLLECTOR_SCRIPT = 'Collect-ExrunbookInventory.ps1';
export const COLLECTOR_README = 'README.txt';

export interface WrittenCollector {
  readonly script: string;
  readonly readme: string;
}

/**
 * `exrunbook collector [--out FILE]`: writes the collector script and README.txt beside it. `out` may
 * name the script or an existing folder (default: the current folder). A file already there is replaced
 * only when it is a collector file exrunbook wrote before (same first line); anything else is refused
 * before either file is written.
 */
export function writeCollector(out: string | undefined, cwd: string): WrittenCollector {
  let script = resolve(cwd, out ?? COLLECTOR_SCRIPT);
  if (isFolder(script)) script = join(script, COLLECTOR_SCRIPT);
  if (!/\.ps1$/i.test(script)) {
    throw localizedError('collector-not-ps1', 'usage', 'error.collector.notPs1', { file: script });
  }
  const readme = join(dirname(script), COLLECTOR_README);
  const files = [
    { path: script, bytes: readPackageBytes(`templates/collector/${COLLECTOR_SCRIPT}`) },
    { path: readme, bytes: readPackageBytes(`templates/collector/${COLLECTOR_README}`) },
  ];
  let current = script;
  try {
    for (const file of files) {
      current = file.path;
      if (!replaceable(file.path, file.bytes)) {
        throw localizedError('collector-target-exists', 'usage', 'error.collector.exists', { file: file.path });
      }
    }
    current = dirname(script);
    mkdirSync(current, { recursive: true });
    for (const file of files) {
      current = file.path;
      // A new file ('wx'), so nothing planted at the name (a link) is written through; removed if the rename fails.
      const temporary = join(dirname(file.path), `.${basename(file.path)}.${String(process.pid)}-${randomBytes(6).toString('hex')}.tmp`);
      writeFileSync(temporary, file.bytes, { flag: 'wx' });
      try {
        renameSync(temporary, file.path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
    }
  } catch (error) {
    if (error instanceof ExrunbookError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw localizedError('collector-unwritable', 'usage', 'error.collector.unwritable', { file: current, reason }, { cause: error, hint: 'error.collector.exists.hint' });
  }
  return { script, readme };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Absent, or a file whose first line is the template's: a collector file exrunbook wrote before. */
function replaceable(path: string, template: Buffer): boolean {
  let existing: Buffer;
  try {
    if (!statSync(path).isFile()) return false;
    existing = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  return firstLine(existing) === firstLine(template);
}

function firstLine(bytes: Buffer): string {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return text.slice(0, text.search(/\r?\n|$/));
}
