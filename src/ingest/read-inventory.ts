import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { localizedError } from '../i18n/localized-error.js';
import { classifyRecordKind, noRecordsIsAnAnswer, type RecordKind } from './record-kind.js';
import { decodeText } from './decode-text.js';
import type { Diagnostic } from './diagnostic.js';
import { parseClixml, looksLikeClixml } from './parse-clixml.js';
import { parseCsv } from './parse-csv.js';
import { looksLikeFormatList, parseFormatList } from './parse-format-list.js';
import type { RawRow, RawTable, SourceFormat } from './raw-table.js';
import { shorten } from './shorten.js';

/** Larger than any real inventory export; protects the workstation from a mis-copied disk image. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface InputFile {
  /** Relative to the inventory root, '/'-separated. */
  readonly path: string;
  readonly sha256: string;
  readonly kind: RecordKind | null;
  readonly format: SourceFormat | null;
  readonly records: number;
}

/** The rows of one recognised file. */
export interface RecordSet {
  readonly file: string;
  readonly kind: RecordKind;
  readonly format: SourceFormat;
  /** Name of the folder holding the file ('' at the root): names the server when no column does. */
  readonly folder: string;
  readonly rows: readonly RawRow[];
}

export interface Inventory {
  readonly files: readonly InputFile[];
  readonly recordSets: readonly RecordSet[];
  readonly diagnostics: readonly Diagnostic[];
}

interface FormatParser {
  readonly format: SourceFormat;
  readonly sniff: (text: string) => boolean;
  readonly parse: (text: string, file: string) => { table: RawTable | null; diagnostics: Diagnostic[] };
}

/** Tried in order: the CSV sniffer accepts anything, so it comes last. */
const PARSERS: readonly FormatParser[] = [
  { format: 'clixml', sniff: looksLikeClixml, parse: parseClixml },
  { format: 'format-list', sniff: looksLikeFormatList, parse: parseFormatList },
  { format: 'csv', sniff: () => true, parse: parseCsv },
];

/**
 * Reads every file under the inventory folder (any depth, in sorted order), decodes, parses and
 * classifies it. The only stage that reads the inventory; it never writes.
 */
export function readInventory(root: string): Inventory {
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch (cause) {
    throw localizedError('inventory-missing', 'input', 'error.inventory.missing', { folder: root }, { cause });
  }
  if (!rootStat.isDirectory()) {
    throw localizedError('inventory-not-folder', 'input', 'error.inventory.notFolder', { folder: root });
  }
  const diagnostics: Diagnostic[] = [];
  const files: InputFile[] = [];
  const recordSets: RecordSet[] = [];
  const listed = listFiles(root, diagnostics);
  if (listed.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ severity: 'error', code: 'inventory-empty', file: '.', data: {} });
  }
  for (const { absolute, size } of listed) {
    const path = relative(root, absolute).split(sep).join('/');
    // Checked before reading, so a mis-copied disk image is never loaded into memory.
    if (size > MAX_FILE_BYTES) {
      diagnostics.push({ severity: 'error', code: 'file-too-large', file: path, data: { bytes: size, limit: MAX_FILE_BYTES } });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch (error) {
      diagnostics.push({ severity: 'error', code: 'file-unreadable', file: path, data: { reason: (error as NodeJS.ErrnoException).code ?? String(error) } });
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const folderParts = path.split('/').slice(0, -1);
    const folder = folderParts.at(-1) ?? '';
    const parsed = parseFile(bytes, path, diagnostics);
    if (!parsed) {
      files.push({ path, sha256, kind: null, format: null, records: 0 });
      continue;
    }
    const kind = classifyRecordKind(parsed.columns);
    if (!kind) {
      diagnostics.push(unrecognised(parsed, path));
      files.push({ path, sha256, kind: null, format: parsed.format, records: 0 });
      continue;
    }
    if (parsed.rows.length === 0 && !noRecordsIsAnAnswer(kind)) diagnostics.push({ severity: 'warning', code: 'no-records', file: path, data: { kind } });
    files.push({ path, sha256, kind, format: parsed.format, records: parsed.rows.length });
    recordSets.push({ file: path, kind, format: parsed.format, folder, rows: parsed.rows });
  }
  return { files, recordSets, diagnostics };
}

function parseFile(bytes: Buffer, path: string, diagnostics: Diagnostic[]): RawTable | null {
  const decoded = decodeText(bytes, path);
  if (!decoded.ok) {
    diagnostics.push(decoded.diagnostic);
    return null;
  }
  // `cmdlet > file` with no output leaves a bare BOM; an editor may leave blank lines: nothing to read.
  if (decoded.text.replace(/^\uFEFF/, '').trim() === '') {
    diagnostics.push({ severity: 'warning', code: 'empty-file', file: path, data: {} });
    return null;
  }
  diagnostics.push(...decoded.diagnostics);
  const parser = PARSERS.find((p) => p.sniff(decoded.text));
  if (!parser) return null;
  const { table, diagnostics: parseDiagnostics } = parser.parse(decoded.text, path);
  diagnostics.push(...parseDiagnostics);
  if (table === null || table.columns.length > 0 || table.rows.length > 0) return table;
  // Nothing read: the parser said why, or the export held no objects (`Export-Clixml` of nothing).
  if (!parseDiagnostics.some((d) => d.severity !== 'info')) diagnostics.push({ severity: 'warning', code: 'empty-file', file: path, data: {} });
  return null;
}

/**
 * The analyst's interim-update catalogue (KB, FixedIn) is read through --iu-catalog, never from the
 * inventory; other unknown files are named with their first columns.
 */
function unrecognised(table: RawTable, file: string): Diagnostic {
  const has = (c: string): boolean => table.columns.some((x) => x.toLowerCase() === c.toLowerCase());
  if (has('FixedIn') && (has('KB') || has('InterimUpdate'))) return { severity: 'warning', code: 'iu-catalog-in-inventory', file, data: {} };
  return { severity: 'warning', code: 'unrecognised-file', file, data: { columns: shorten(table.columns.slice(0, 6).map((c) => shorten(c, 40)).join(', '), 160) } };
}

/**
 * Files under root in a stable order. Follows symlinks once, reporting loops instead of hanging, and
 * never into a folder outside the inventory (a link to `..` or `/` would read the whole disk).
 */
function listFiles(root: string, diagnostics: Diagnostic[]): { absolute: string; size: number }[] {
  const out: { absolute: string; size: number }[] = [];
  const visited = new Set<string>();
  const shown = (full: string): string => relative(root, full).split(sep).join('/') || '.';
  const realRoot = realpathSync(root);
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) {
      diagnostics.push({ severity: 'warning', code: 'link-outside-inventory', file: shown(dir), data: { target: real } });
      return;
    }
    if (visited.has(real)) {
      diagnostics.push({ severity: 'warning', code: 'symlink-loop', file: shown(dir), data: {} });
      return;
    }
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ severity: 'error', code: 'folder-unreadable', file: shown(dir), data: { reason: (error as NodeJS.ErrnoException).code ?? String(error) } });
      return;
    }
    const names = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      if (name.startsWith('.') || isDocumentation(name)) continue;
      const full = join(dir, name);
      let stat;
      try {
        stat = statSync(full);
      } catch (error) {
        diagnostics.push({ severity: 'warning', code: 'broken-link', file: shown(full), data: { reason: (error as NodeJS.ErrnoException).code ?? String(error) } });
        continue;
      }
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) out.push({ absolute: full, size: stat.size });
      // A named pipe would block the read forever; sockets and devices are no exports either.
      else diagnostics.push({ severity: 'warning', code: 'not-a-regular-file', file: shown(full), data: {} });
    }
  };
  walk(root);
  return out;
}

/** Notes that travel with an inventory (the collector's README.txt and collector.log, an analyst's README.md). */
function isDocumentation(name: string): boolean {
  return /^readme(\.[a-z]+)?$/i.test(name) || /\.(md|log)$/i.test(basename(name));
}
