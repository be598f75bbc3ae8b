import { CONSOLE_PROMPT } from './parse-format-list.js';
import type { Diagnostic } from './diagnostic.js';
import { isWide } from './display-cells.js';
import type { RawRow, RawTable } from './raw-table.js';
import { shorten } from './shorten.js';

/**
 * Parses `… | Format-Table` output (`ft`, `select` of few properties, `Out-String -Width`, `-AutoSize`,
 * `-Wrap`, `Invoke-Command`'s PSComputerName column) into a table.
 *
 * How PowerShell writes it (TableWriter): a header line of the property names, each padded to its
 * column's width and aligned like its values, a line of dashes under each name, then one line per
 * object. Columns are separated by one space and never overlap; a value wider than its column is cut
 * and ends with `...` (Windows PowerShell) or `…` (PowerShell 7), except in the last column, which runs
 * to the console width, and with -Wrap, which continues the value on the next lines in the same column.
 * Widths are console cells: a Japanese character takes two.
 *
 * So columns are found from the dash line: between two dash groups, the boundary is the cell nearest
 * the later group that is blank on every line of the table (the separator; a left-aligned value may run
 * past its dashes to the right, a right-aligned one to the left, never across it). A line whose first column is blank continues the
 * row above (-Wrap): each piece is appended to its column, with nothing between when the piece above
 * filled its column (a cut mid-word: cultures other than en/fr/de/it/pt/es cut there, as in
 * Format-List), else a space (a word wrap). The last column's width is the console's, not on the page:
 * there only a single word as wide as the widest line counts as filled. A cut value is no value: it is left
 * out of the row (so the record reads as if that property were not exported) with one warning per
 * column. A file can hold several tables (Format-Table starts a new one for another type of object, or
 * -GroupBy); every header starts a new layout.
 */
export function parseFormatTable(text: string, file: string): { table: RawTable; diagnostics: Diagnostic[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const diagnostics: Diagnostic[] = [];
  const columns = new Map<string, true>();
  const rows: RawRow[] = [];
  const cut = new Map<string, { line: number; count: number; value: string }>();
  let i = 0;
  while (i < lines.length) {
    const header = lines[i] ?? '';
    const dashes = lines[i + 1];
    if (dashes !== undefined && isTableHeader(header, dashes)) {
      i = readTable(lines, i, (name) => columns.set(name, true), rows, cut);
      continue;
    }
    const trimmed = header.trim();
    if (trimmed !== '') {
      if (CONSOLE_PROMPT.test(header)) diagnostics.push({ severity: 'info', code: 'console-prompt-line', file, line: i + 1, data: { text: shorten(trimmed) } });
      else if (/^\s+\S[^:]*:\s+\S/.test(header)) diagnostics.push({ severity: 'info', code: 'format-list-group-header', file, line: i + 1, data: { label: trimmed.split(':')[0] ?? '', value: trimmed.slice(trimmed.indexOf(':') + 1).trim() } });
      else diagnostics.push({ severity: 'warning', code: 'format-table-unparsed-line', file, line: i + 1, data: { text: shorten(trimmed) } });
    }
    i++;
  }
  for (const [column, at] of [...cut.entries()].sort(([, a], [, b]) => a.line - b.line)) {
    diagnostics.push({ severity: 'warning', code: 'format-table-cut-value', file, line: at.line, data: { column, value: shorten(at.value), rows: at.count } });
  }
  return { table: { format: 'format-table', columns: [...columns.keys()], rows, typeName: null }, diagnostics };
}

/** Cheap content sniff: a header line over a line of dash groups, one under each of its words. */
export function looksLikeFormatTable(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').slice(0, 64 * 1024).split(/\r\n|\r|\n/, 200);
  return lines.some((line, i) => i + 1 < lines.length && isTableHeader(line, lines[i + 1] ?? ''));
}

const DASH_LINE = /^ *-+( +-+)* *$/;

/** Dash groups as [start, end) cell ranges. */
function dashGroups(dashes: string): [number, number][] {
  const groups: [number, number][] = [];
  for (const m of dashes.matchAll(/-+/g)) groups.push([m.index, m.index + m[0].length]);
  return groups;
}

function isTableHeader(header: string, dashes: string): boolean {
  if (!DASH_LINE.test(dashes) || header.trim() === '' || header.trimStart().startsWith('-')) return false;
  const cells = toCells(header);
  const groups = dashGroups(dashes);
  // Every name sits over its dashes, and the header has nothing outside them.
  const covered = new Set<number>();
  for (const [start, end] of groups) {
    const name = sliceCells(cells, start, end);
    if (name.trim() === '') return false;
    for (let c = start; c < end; c++) covered.add(c);
  }
  return cells.every((ch, c) => ch === '' || ch === ' ' || covered.has(c));
}

function readTable(
  lines: readonly string[],
  headerIndex: number,
  addColumn: (name: string) => void,
  rows: RawRow[],
  cut: Map<string, { line: number; count: number; value: string }>,
): number {
  const header = toCells(lines[headerIndex] ?? '');
  const groups = dashGroups(lines[headerIndex + 1] ?? '');
  let end = headerIndex + 2;
  while (end < lines.length && (lines[end] ?? '').trim() !== '' && !isTableHeader(lines[end] ?? '', lines[end + 1] ?? '')) end++;
  const body = lines.slice(headerIndex + 2, end).map(toCells);
  const blankEverywhere = (c: number): boolean => [header, ...body].every((cells) => c >= cells.length || cells[c] === ' ');
  // Column starts: after the separator, the blank-everywhere cell nearest to the column's dashes (a
  // left-aligned value of the column before may hold spaces; a right-aligned one of this column rarely does).
  const starts = groups.map(([start], g) => {
    if (g === 0) return 0;
    const previousEnd = groups[g - 1]?.[1] ?? start;
    for (let c = start - 1; c >= previousEnd; c--) if (blankEverywhere(c)) return c + 1;
    return start;
  });
  // The last column runs to the console width: the widest line of the table (PowerShell 7 pads the dashes to it).
  const width = Math.max(...[header, toCells(lines[headerIndex + 1] ?? ''), ...body].map((cells) => cells.length));
  const names = groups.map(([start, stop]) => sliceCells(header, start, stop).trim());
  const usable = names.map((name) => !isCut(name));
  names.forEach((name, g) => {
    if (usable[g]) addColumn(name);
  });
  let current: { line: number; values: Map<number, string>; filled: Map<number, boolean> } | null = null;
  const flush = (): void => {
    if (current === null) return;
    const values: Record<string, string> = {};
    for (const [g, value] of current.values) {
      const name = names[g] ?? '';
      if (!usable[g] || Object.hasOwn(values, name)) continue;
      if (isCut(value)) {
        const seen = cut.get(name);
        cut.set(name, seen ? { ...seen, count: seen.count + 1 } : { line: current.line, count: 1, value });
        continue;
      }
      values[name] = value;
    }
    rows.push({ line: current.line, values });
    current = null;
  };
  body.forEach((cells, k) => {
    const pieces = starts.map((start, g) => sliceCells(cells, start, g + 1 < starts.length ? (starts[g + 1] ?? start) - 1 : cells.length));
    const continuation = current !== null && (pieces[0] ?? '').trim() === '';
    if (!continuation) {
      flush();
      current = { line: headerIndex + 3 + k, values: new Map(), filled: new Map() };
    }
    const row = current;
    if (row === null) return;
    pieces.forEach((piece, g) => {
      const value = piece.trim();
      if (value === '') return;
      const before = row.values.get(g);
      const end = g + 1 < starts.length ? (starts[g + 1] ?? 0) - 1 : width;
      row.values.set(g, before === undefined ? value : before + ((row.filled.get(g) ?? false) ? '' : ' ') + value);
      // The last column's width is not on the page (the console's): there only a single word as wide as
      // the widest line reads as cut mid-word; a line of words was wrapped at a space.
      const reachesEnd = (starts[g] ?? 0) + cellsOf(piece.trimEnd()) >= end;
      row.filled.set(g, reachesEnd && (g + 1 < starts.length || !value.includes(' ')));
    });
  });
  flush();
  return end;
}

function isCut(value: string): boolean {
  return value.endsWith('...') || value.endsWith('…');
}

/** A line as console cells: a wide character fills its cell and leaves '' in the next. */
function toCells(line: string): string[] {
  const cells: string[] = [];
  for (const ch of line) {
    cells.push(ch);
    if (isWide(ch.codePointAt(0) ?? 0)) cells.push('');
  }
  return cells;
}

function sliceCells(cells: readonly string[], start: number, end: number): string {
  return cells.slice(start, end).join('');
}

function cellsOf(text: string): number {
  return toCells(text).length;
}
