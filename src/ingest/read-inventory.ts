import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, sep } from 'node:path';
import { localizedError } from '../i18n/localized-error.js';
import { classifyRecordKind, noRecordsIsAnAnswer, type RecordKind } from './record-kind.js';
import { decodeText } from './decode-text.js';
import type { Diagnostic } from './diagnostic.js';
import { parseClixml, looksLikeClixml } from './parse-clixml.js';
import { csvHeaderColumns, looksLikeCsv, parseCsv } from './parse-csv.js';
import { describeFileShape } from './describe-file-shape.js';
import { readRegularFile, type FileRefusal } from './read-regular-file.js';
import { looksLikeFormatList, parseFormatList } from './parse-format-list.js';
import { looksLikeFormatTable, parseFormatTable } from './parse-format-table.js';
import { looksLikeNameList, parseNameList } from './parse-name-list.js';
import { looksLikeRegExport, looksLikeRegQuery, parseRegExport, parseRegQuery } from './parse-registry.js';
import { isSysteminfoCsv, looksLikeSysteminfo, parseSysteminfo, systeminfoFromCsv } from './parse-systeminfo.js';
import type { RawRow, RawTable, SourceFormat } from './raw-table.js';

/** Larger than any real inventory export; protects the workstation from a mis-copied disk image. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Above any real export: one server has a few dozen Exchange updates and a few thousand OWA files, and
 * an organisation-wide export has one row per server. A generated or concatenated file above it would
 * only cost minutes and a runbook nobody can use.
 */
export const MAX_ROWS_PER_FILE = 100_000;

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
  for (const { absolute, path, stat, realPath } of listed) {
    // The size is checked before reading, so a mis-copied disk image is never loaded into memory.
    const read = readRegularFile(absolute, MAX_FILE_BYTES, { stat, realPath });
    if (!read.ok) {
      diagnostics.push(refusal(read, path));
      continue;
    }
    const bytes = read.bytes;
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
    for (const [rowKind, rows] of parsed.rowsByKind) recordSets.push({ file: path, kind: rowKind, format: table.format, folder, rows });
  }
  return { files, recordSets, diagnostics };
}

interface ParsedFile {
  readonly table: RawTable | null;
  /** The file's kind: a registry file's first. */
  readonly kind: RecordKind | null;
  readonly format: SourceFormat | null;
  /** The table's rows, all of its kind; a registry file's by the kind of each key (NDP and RpcProxy in one export). */
  readonly rowsByKind: ReadonlyMap<RecordKind, readonly RawRow[]>;
}

/**
 * Decodes, parses and classifies one file. Only a file recognised as a record kind can be damaged: the
 * parser's errors about any other file (systeminfo output read as CSV, notes read as Format-List)
 * describe the shape of something exrunbook does not read, so they give way to one unrecognised-file
 * warning saying what the file looks like.
 */
function parseFile(bytes: Buffer, path: string, diagnostics: Diagnostic[]): ParsedFile {
  const none: ParsedFile = { table: null, kind: null, format: null, rowsByKind: new Map() };
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
  // Counted before parsing, which would take minutes: a CSV row is a line (a quoted value seldom spans
  // two); a CLIXML record is a top-level <Obj> (the DOM parser costs ~150 µs and ~7 KB per object).
  const rowsBeforeParsing = parser.format === 'csv' ? countRows(decoded.text) : parser.format === 'clixml' ? countTopLevelClixmlObjects(decoded.text) : 0;
  if (rowsBeforeParsing > MAX_ROWS_PER_FILE) {
    diagnostics.push({ severity: 'error', code: 'too-many-rows', file: path, data: { rows: rowsBeforeParsing, limit: MAX_ROWS_PER_FILE } });
    return { ...none, format: parser.format };
  }
  const parsedTable = parser.parse(decoded.text, path);
  const rowCount = parsedTable.table?.rows.length ?? 0;
  if (rowCount > MAX_ROWS_PER_FILE) {
    diagnostics.push({ severity: 'error', code: 'too-many-rows', file: path, data: { rows: rowCount, limit: MAX_ROWS_PER_FILE } });
    return { ...none, format: parser.format };
  }
  const parseDiagnostics = parsedTable.diagnostics;
  // `systeminfo /fo csv`: its labels as columns, read like systeminfo's text.
  const table = parsedTable.table && parser.format === 'csv' && isSysteminfoCsv(parsedTable.table.columns) ? systeminfoFromCsv(parsedTable.table) : parsedTable.table;
  const columns = table?.columns ?? (parser.format === 'csv' ? csvHeaderColumns(decoded.text) : null);
  const registryRows = table && isRegistry(table) ? registryRowsByKind(table) : null;
  const kind = columns === null ? null : registryRows ? (registryRows.keys().next().value ?? null) : classifyRecordKind(columns);
  // Columns that name no kind: not ours. No columns at all (an Export-Csv cut after its #TYPE line): damaged.
  if (kind === null && columns !== null && columns.length > 0) {
    diagnostics.push(unrecognised(decoded.text, columns, parser.format, path));
    return { ...none, format: parser.format };
  }
  diagnostics.push(...parseDiagnostics);
  if (table === null) return { ...none, format: parser.format };
  if (table.columns.length > 0 || table.rows.length > 0) return { table, kind, format: parser.format, rowsByKind: registryRows ?? new Map(kind === null ? [] : [[kind, table.rows]]) };
  // Nothing read: the parser said why, or the export held no objects (`Export-Clixml` of nothing).
  if (!parseDiagnostics.some((d) => d.severity !== 'info')) diagnostics.push({ severity: 'warning', code: 'empty-file', file: path, data: {} });
  return { ...none, format: parser.format };
}

function isRegistry(table: RawTable): boolean {
  return table.format === 'reg-export' || table.format === 'reg-query';
}

/**
 * A registry file's keys, each by the kind its own value names give (the first kind found first; keys
 * of no kind, such as the Exchange product key itself, are left out).
 */
function registryRowsByKind(table: RawTable): Map<RecordKind, RawRow[]> {
  const byKind = new Map<RecordKind, RawRow[]>();
  for (const row of table.rows) {
    const rowKind = classifyRecordKind(Object.keys(row.values));
    if (rowKind === null) continue;
    const rows = byKind.get(rowKind);
    if (rows) rows.push(row);
    else byKind.set(rowKind, [row]);
  }
  return byKind;
}

function refusal(refused: FileRefusal, file: string): Diagnostic {
  switch (refused.reason) {
    case 'too-large':
      return { severity: 'error', code: 'file-too-large', file, data: { bytes: refused.bytes, limit: MAX_FILE_BYTES } };
    case 'unreadable':
      return { severity: 'error', code: 'file-unreadable', file, data: { reason: refused.detail } };
    case 'missing':
    case 'changed':
      // Listed a moment ago: removed or replaced while exrunbook ran.
      return { severity: 'error', code: 'file-unreadable', file, data: { reason: refused.reason === 'missing' ? 'ENOENT' : 'replaced while being read' } };
    case 'folder':
    case 'not-regular':
    case 'special-file-system':
      return { severity: 'warning', code: 'not-a-regular-file', file, data: {} };
  }
}

/** Top-level `<Obj>` elements of an Export-Clixml file (children of `<Objs>`), by one scan of the tags. */
function countTopLevelClixmlObjects(text: string): number {
  let depth = 0;
  let objects = 0;
  for (const match of text.matchAll(/<(\/?)Obj\b[^>]*?(\/?)>/g)) {
    if (match[1] === '/') depth = Math.max(0, depth - 1);
    else if (match[2] === '/') objects += depth === 0 ? 1 : 0;
    else {
      if (depth === 0) objects++;
      depth++;
    }
  }
  return objects;
}

/** Non-blank lines after the header (and the #TYPE line before it). */
function countRows(text: string): number {
  let lines = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (/\S/.test(text.slice(start, Math.min(end, start + 64)))) lines++;
    start = end + 1;
  }
  return Math.max(0, lines - (text.trimStart().startsWith('#TYPE') ? 2 : 1));
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

interface ListedFile {
  readonly absolute: Buffer;
  /** Relative to the root, '/'-separated; a name that is not UTF-8 shown with `\xHH` escapes. */
  readonly path: string;
  readonly stat: Stats;
  readonly realPath: Buffer;
}

/**
 * Files under root in a stable order. Names are read as bytes, so a name that is not UTF-8 (cp932 from
 * a Japanese Windows zip) is found, named with escapes and read. Nothing outside the inventory is read:
 * a link, to a file or a folder, must resolve inside it; loops are reported instead of followed; FIFOs,
 * sockets and devices are never opened (opening a FIFO would block for ever).
 */
function listFiles(root: string, diagnostics: Diagnostic[]): ListedFile[] {
  const out: ListedFile[] = [];
  const visited = new Set<string>();
  const realRoot = realpathSync.native(root, { encoding: 'buffer' });
  const sepByte = Buffer.from(sep);
  const inside = (real: Buffer): boolean =>
    real.equals(realRoot) || (real.length > realRoot.length && real.subarray(0, realRoot.length).equals(realRoot) && (realRoot.at(-1) === sepByte[0] || real[realRoot.length] === sepByte[0]));
  const reason = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

  const child = (parent: Buffer, name: Buffer): Buffer => Buffer.concat(parent.at(-1) === sepByte[0] ? [parent, name] : [parent, sepByte, name]);

  // `real`: the folder's resolved path (inside the inventory: links are checked before they are walked),
  // known without a syscall below a folder reached without a link (realpath on every folder would cost
  // depth² lookups in a deeply nested tree).
  const walk = (dir: Buffer, real: Buffer, shown: string): void => {
    const key = real.toString('hex');
    if (visited.has(key)) {
      diagnostics.push({ severity: 'warning', code: 'symlink-loop', file: shown || '.', data: {} });
      return;
    }
    visited.add(key);
    let names: Buffer[];
    try {
      names = readdirSync(dir, { encoding: 'buffer' });
    } catch (error) {
      diagnostics.push({ severity: 'error', code: 'folder-unreadable', file: shown || '.', data: { reason: reason(error) } });
      return;
    }
    const entries = names.map((name) => ({ name, text: nameText(name) })).sort((a, b) => compareNames(a.text, b.text) || Buffer.compare(a.name, b.name));
    for (const { name, text } of entries) {
      if (text.startsWith('.') || isDocumentation(text)) continue;
      const full = child(dir, name);
      let realFull = child(real, name);
      const path = shown === '' ? text : `${shown}/${text}`;
      if (!isUtf8(name)) diagnostics.push({ severity: 'warning', code: 'name-not-utf8', file: path, data: { cp932: new TextDecoder('shift_jis').decode(name) } });
      let stat: Stats;
      try {
        stat = lstatSync(full);
        if (stat.isSymbolicLink()) {
          realFull = realpathSync.native(full, { encoding: 'buffer' });
          if (!inside(realFull)) {
            diagnostics.push({ severity: 'warning', code: 'link-outside-inventory', file: path, data: { target: nameText(realFull) } });
            continue;
          }
          stat = statSync(full);
        }
      } catch (error) {
        if (reason(error) === 'ELOOP') diagnostics.push({ severity: 'warning', code: 'symlink-loop', file: path, data: {} });
        else diagnostics.push({ severity: 'warning', code: 'broken-link', file: path, data: { reason: reason(error) } });
        continue;
      }
      if (stat.isDirectory()) walk(full, realFull, path);
      else if (stat.isFile()) out.push({ absolute: full, path, stat, realPath: realFull });
      else diagnostics.push({ severity: 'warning', code: 'not-a-regular-file', file: path, data: {} });
    }
  };
  walk(Buffer.from(root), realRoot, '');
  return out;
}

/** A file name for people: as it is when UTF-8, else printable ASCII kept and every other byte `\xHH`. */
function nameText(name: Buffer): string {
  if (isUtf8(name)) return name.toString('utf8');
  return [...name].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Notes that travel with an inventory (the collector's README.txt and collector.log, an analyst's README.md). */
function isDocumentation(name: string): boolean {
  return /^readme(\.[a-z]+)?$/i.test(name) || /\.(md|log)$/i.test(basename(name));
}
