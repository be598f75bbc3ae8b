import { CsvError, parse } from 'csv-parse/sync';
import type { Diagnostic } from './diagnostic.js';
import type { RawRow, RawTable } from './raw-table.js';

/** Export-Csv's `,`, `-UseCulture`'s `;` (de-DE, fr-FR …), tab, and `|`, a common `-Delimiter` choice. */
const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Parses Export-Csv / ConvertTo-Csv output: an optional `#TYPE` line, a header row, then one record
 * per row, quoted or not, `,` `;` tab or `|` delimited (`-Delimiter` / `-UseCulture`), CRLF or LF.
 */
export function parseCsv(text: string, file: string): { table: RawTable | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  let headerIndex = 0;
  let typeName: string | null = null;
  while (headerIndex < lines.length && (lines[headerIndex] ?? '').trim() === '') headerIndex++;
  const first = lines[headerIndex] ?? '';
  if (first.startsWith('#TYPE')) {
    typeName = first.slice('#TYPE'.length).trim() || null;
    headerIndex++;
  }
  const headerLine = lines[headerIndex];
  if (headerLine === undefined || headerLine.trim() === '') {
    diagnostics.push({ severity: 'error', code: 'csv-no-header', file, line: Math.min(headerIndex + 1, lines.length), data: {} });
    return { table: null, diagnostics };
  }
  const delimiter = detectDelimiter(headerLine);
  const body = lines.slice(headerIndex).join('\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const at = typeof error.lines === 'number' ? error.lines + headerIndex : headerIndex + 1;
      diagnostics.push({ severity: 'error', code: 'csv-malformed', file, line: at, data: { reason: error.message } });
      return { table: null, diagnostics };
    }
    throw error;
  }
  const [header, ...rest] = records;
  if (!header) {
    diagnostics.push({ severity: 'error', code: 'csv-no-header', file, line: headerIndex + 1, data: {} });
    return { table: null, diagnostics };
  }
  const columns = header.record.map((c) => c.trim());
  const seen = new Set<string>();
  for (const column of columns) {
    const key = column.toLowerCase();
    if (seen.has(key)) diagnostics.push({ severity: 'warning', code: 'csv-duplicate-column', file, line: headerIndex + 1, data: { column } });
    seen.add(key);
  }
  const rows: RawRow[] = [];
  // Compared as written: a repeated header is the cmdlet's header again, byte for byte; a value that
  // only trims to a column name (`"\nName"`) is data.
  const headerKey = header.record.join('\u0000').toLowerCase();
  let repeatedHeader: number | null = null;
  let firstBad: { line: number; actual: number } | null = null;
  let badRows = 0;
  for (const { record, info } of rest) {
    const newlines = record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - newlines + headerIndex;
    // Exports appended to one file (`ConvertTo-Csv >> all.csv`) repeat their #TYPE line and header.
    if ((record.length === 1 && (record[0] ?? '').startsWith('#TYPE')) || record.join('\u0000').toLowerCase() === headerKey) {
      repeatedHeader ??= line;
      continue;
    }
    if (record.length !== columns.length) {
      // Export-Csv writes every column of every row: another count means a damaged or hand-edited file
      // whose values may sit under the wrong column, so the file is not used.
      firstBad ??= { line, actual: record.length };
      badRows++;
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (!(column in values)) values[column] = record[i] ?? '';
    });
    rows.push({ line, values });
  }
  if (repeatedHeader !== null) diagnostics.push({ severity: 'info', code: 'csv-repeated-header', file, line: repeatedHeader, data: {} });
  if (firstBad !== null) {
    diagnostics.push({ severity: 'error', code: 'csv-column-count', file, line: firstBad.line, data: { expected: columns.length, actual: firstBad.actual, rows: badRows } });
    return { table: null, diagnostics };
  }
  return { table: { format: 'csv', columns, rows, typeName }, diagnostics };
}

/**
 * Export-Csv's shape: an optional `#TYPE` line, then a header of two or more property names split by one
 * delimiter (or one quoted name, as Export-Csv writes a single column). Arbitrary text — systeminfo
 * output, notes, `Host Name:  EX01` — is not claimed, so it is reported as what it is, never as a
 * damaged CSV.
 */
export function looksLikeCsv(text: string): boolean {
  if (text.replace(/^\uFEFF/, '').trimStart().startsWith('#TYPE')) return true;
  const columns = csvHeaderColumns(text);
  if (columns === null || columns.length === 0) return false;
  const header = headerLineOf(text) ?? '';
  if (columns.length === 1 && !/^\s*"[^"]+"\s*$/.test(header)) return false;
  // Export-Csv quotes every name; a name with a space in an unquoted header is a sentence, not a column.
  const name = header.includes('"') ? /^[\p{L}\p{N}_$#@][\p{L}\p{N}_ .\-()$#@/\\]*$/u : /^[\p{L}_$#@][\p{L}\p{N}_.\-$#@]*$/u;
  return columns.every((c) => name.test(c) && c.length <= 128);
}

/** The header's column names (after an optional `#TYPE` line), or null when there is no header line. */
export function csvHeaderColumns(text: string): string[] | null {
  const header = headerLineOf(text);
  if (header === null) return null;
  try {
    const records: string[][] = parse(header, { delimiter: detectDelimiter(header), relax_column_count: true, relax_quotes: true, bom: true, to_line: 1 });
    const record = records[0];
    return (record ?? []).map((c) => c.trim());
  } catch {
    return null;
  }
}

function headerLineOf(text: string): string | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/, 200);
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  if ((lines[i] ?? '').startsWith('#TYPE')) i++;
  const header = lines[i];
  return header === undefined || header.trim() === '' ? null : header;
}

/** The delimiter that splits the header line (outside quotes) into the most fields. */
export function detectDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === delimiter) count++;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
