import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { localizedError } from '../i18n/localized-error.js';
import { classifyRecordKind, noRecordsIsAnAnswer, type RecordKind } from './record-kind.js';
import { decodeText } from './decode-text.js';
import type { Diagnostic } from './diagnostic.js';
import { parseClixml, looksLikeClixml } from './parse-clixml.js';
import { csvHeaderColumns, looksLikeCsv, parseCsv } from './parse-csv.js';
import { describeFileShape } from './describe-file-shape.js';
import { looksLikeFormatList, parseFormatList } from './parse-format-list.js';
import { looksLikeFormatTable, parseFormatTable } from './parse-format-table.js';
import { looksLikeNameList, parseNameList } from './parse-name-list.js';
import { looksLikeRegExport, looksLikeRegQuery, parseRegExport, parseRegQuery } from './parse-registry.js';
import { isSysteminfoCsv, looksLikeSysteminfo, parseSysteminfo, systeminfoFromCsv } from './parse-systeminfo.js';
import type { RawRow, RawTable, SourceFormat } from './raw-table.js';

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

/** Tried in order; a file none of them claims is an unrecognised file. */
const PARSERS: readonly FormatParser[] = [
  { format: 'clixml', sniff: looksLikeClixml, parse: parseClixml },
  { format: 'reg-export', sniff: looksLikeRegExport, parse: parseRegExport },
  { format: 'reg-query', sniff: looksLikeRegQuery, parse: parseRegQuery },
  { format: 'systeminfo', sniff: looksLikeSysteminfo, parse: parseSysteminfo },
  { format: 'format-table', sniff: looksLikeFormatTable, parse: parseFormatTable },
  { format: 'format-list', sniff: looksLikeFormatList, parse: parseFormatList },
  { format: 'csv', sniff: looksLikeCsv, parse: parseCsv },
  { format: 'name-list', sniff: looksLikeNameList, parse: parseNameList },
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
    if (!parsed.table || !parsed.kind) {
      files.push({ path, sha256, kind: null, format: parsed.format, records: 0 });
      continue;
    }
    const { table, kind } = parsed;
    if (table.rows.length === 0 && !noRecordsIsAnAnswer(kind)) diagnostics.push({ severity: 'warning', code: 'no-records', file: path, data: { kind } });
    files.push({ path, sha256, kind, format: table.format, records: table.rows.length });
    // A registry file can hold keys of several kinds (NDP and RpcProxy in one export): one record set each.
    for (const [rowKind, rows] of registryKinds(table, kind)) recordSets.push({ file: path, kind: rowKind, format: table.format, folder, rows });
  }
  return { files, recordSets, diagnostics };
}

interface ParsedFile {
  readonly table: RawTable | null;
  readonly kind: RecordKind | null;
  readonly format: SourceFormat | null;
}

/**
 * Decodes, parses and classifies one file. Only a file recognised as a record kind can be damaged: the
 * parser's errors about any other file (systeminfo output read as CSV, notes read as Format-List)
 * describe the shape of something exrunbook does not read, so they give way to one unrecognised-file
 * warning saying what the file looks like.
 */
function parseFile(bytes: Buffer, path: string, diagnostics: Diagnostic[]): ParsedFile {
  const none: ParsedFile = { table: null, kind: null, format: null };
  const decoded = decodeText(bytes, path);
  if (!decoded.ok) {
    diagnostics.push(decoded.diagnostic);
    return none;
  }
  // `cmdlet > file` with no output leaves a bare BOM; an editor may leave blank lines: nothing to read.
  if (decoded.text.replace(/^\uFEFF/, '').trim() === '') {
    diagnostics.push({ severity: 'warning', code: 'empty-file', file: path, data: {} });
    return none;
  }
  diagnostics.push(...decoded.diagnostics);
  const parser = PARSERS.find((p) => p.sniff(decoded.text));
  if (!parser) {
    diagnostics.push(unrecognised(decoded.text, null, null, path));
    return none;
  }
  const parsedTable = parser.parse(decoded.text, path);
  const parseDiagnostics = parsedTable.diagnostics;
  // `systeminfo /fo csv`: its labels as columns, read like systeminfo's text.
  const table = parsedTable.table && parser.format === 'csv' && isSysteminfoCsv(parsedTable.table.columns) ? systeminfoFromCsv(parsedTable.table) : parsedTable.table;
  const columns = table?.columns ?? (parser.format === 'csv' ? csvHeaderColumns(decoded.text) : null);
  const kind = columns === null ? null : table && isRegistry(table) ? (registryKinds(table, null).keys().next().value ?? null) : classifyRecordKind(columns);
  // Columns that name no kind: not ours. No columns at all (an Export-Csv cut after its #TYPE line): damaged.
  if (kind === null && columns !== null && columns.length > 0) {
    diagnostics.push(unrecognised(decoded.text, columns, parser.format, path));
    return { ...none, format: parser.format };
  }
  diagnostics.push(...parseDiagnostics);
  if (table === null) return { ...none, format: parser.format };
  if (table.columns.length > 0 || table.rows.length > 0) return { table, kind, format: parser.format };
  // Nothing read: the parser said why, or the export held no objects (`Export-Clixml` of nothing).
  if (!parseDiagnostics.some((d) => d.severity !== 'info')) diagnostics.push({ severity: 'warning', code: 'empty-file', file: path, data: {} });
  return { ...none, format: parser.format };
}

function isRegistry(table: RawTable): boolean {
  return table.format === 'reg-export' || table.format === 'reg-query';
}

/**
 * The rows of a table by kind: a registry file's keys each by their own value names (the first kind
 * found first; keys of no kind, such as the Exchange product key itself, are left out), any other
 * table's rows all of its kind.
 */
function registryKinds(table: RawTable, kind: RecordKind | null): Map<RecordKind, RawRow[]> {
  const byKind = new Map<RecordKind, RawRow[]>();
  if (!isRegistry(table)) {
    if (kind !== null) byKind.set(kind, [...table.rows]);
    return byKind;
  }
  for (const row of table.rows) {
    const rowKind = classifyRecordKind(Object.keys(row.values));
    if (rowKind === null) continue;
    byKind.set(rowKind, [...(byKind.get(rowKind) ?? []), row]);
  }
  return byKind;
}

/**
 * The analyst's interim-update catalogue (KB, FixedIn) is read through --iu-catalog, never from the
 * inventory; any other file is named by what it looks like.
 */
function unrecognised(text: string, columns: readonly string[] | null, format: SourceFormat | null, file: string): Diagnostic {
  const has = (c: string): boolean => (columns ?? []).some((x) => x.toLowerCase() === c.toLowerCase());
  if (has('FixedIn') && (has('KB') || has('InterimUpdate'))) return { severity: 'warning', code: 'iu-catalog-in-inventory', file, data: {} };
  const { shape, detail } = describeFileShape(text, columns, format);
  return { severity: 'warning', code: 'unrecognised-file', file, data: { shape, detail } };
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
