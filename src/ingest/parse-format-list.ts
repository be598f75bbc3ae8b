import type { Diagnostic } from './diagnostic.js';
import type { RawRow, RawTable } from './raw-table.js';
import { displayCells, isWide } from './display-cells.js';
import { shorten } from './shorten.js';

/**
 * Parses `… | Format-List > file.txt` output into a table: one row per record (records are separated by
 * blank lines), one column per property name (union over records, first-seen order).
 *
 * How Windows PowerShell writes it (ListWriter): every label is the property name padded to the longest
 * name of the object, then ` : `, then the value. A value longer than the console width is split into
 * chunks and every chunk after the first is indented with spaces to the value column. Collections are
 * printed `{a, b}` (cut to `{a, b, c, d...}` by $FormatEnumerationLimit); the cell keeps that raw text.
 *
 * Joining wrapped chunks — the one lossy part of the format. PowerShell splits a value in one of two ways,
 * chosen by the *server's* culture (StringManipulationHelper.GenerateLines): en/fr/de/it/pt/es word-wrap
 * and leave the space at the end of the earlier line; every other culture (ja among them) cuts mid-word
 * at exactly the field width. So a continuation indented to the value column is appended to the value
 * with nothing in between when
 *   1. the previous line ends with whitespace (word wrap; the space is already in the value), or
 *   2. the previous line is full, i.e. as wide as the widest property or continuation line of the file,
 *      counted in characters or in display cells (a double-width character that did not fit leaves the
 *      line one cell short).
 * Otherwise the break was not a wrap PowerShell made at full width: either an editor stripped the trailing
 * space of a word-wrapped line (the next word would not have fitted → join with ' '), or the value had an
 * embedded line break (join with '\n'). A continuation indented less than the value column (re-flowed or
 * hand-edited text) is trimmed and joined with ' '. Indentation beyond the value column is content (word
 * wrap can start a line with a space; it can even leave a line of spaces alone, which is told from a blank
 * line by being longer than the value column and followed by another continuation). Known ambiguity: a
 * label with double-width characters padded by characters, followed by a continuation that starts with a
 * space, reads as indented to the cell column. Values are trimmed at both ends.
 *
 * A property repeated within one record means two records lost their blank line (common in copied
 * console output): a new record starts there — quietly when the repeated property is the record's first
 * (whole records, one after another), with a warning otherwise (a record cut or re-ordered by hand).
 */
export function parseFormatList(text: string, file: string): { table: RawTable; diagnostics: Diagnostic[] } {
  const parser = new FormatListParser(text, file);
  return parser.run();
}

/** Cheap content sniff: most top-level lines of the first records are `Name : value`. */
export function looksLikeFormatList(text: string): boolean {
  const head = stripBom(text).slice(0, 64 * 1024);
  if (head.trimStart().startsWith('<')) return false;
  let properties = 0;
  let others = 0;
  let seen = 0;
  for (const line of head.split(LINE_BREAK)) {
    if (line.trim() === '' || startsWithWhitespace(line)) continue;
    if (++seen > 200) break;
    const m = PROPERTY_LINE.exec(line);
    if (m !== null && SNIFF_NAME.test((m[1] ?? '').trimEnd())) properties++;
    else others++;
  }
  return properties > 0 && others * 4 <= properties;
}

const LINE_BREAK = /\r\n|\r|\n/;
/** `Name<padding> : value` — the first ` :` followed by a space or the end of the line separates. */
const PROPERTY_LINE = /^(\S.*?) :(?: |$)/;
/** `PS C:\>`, `[PS] C:\Windows\system32>` (Exchange Management Shell), `PS>`: a console prompt line. */
export const CONSOLE_PROMPT = /^(?:\[PS\] |PS )?(?:[A-Za-z]:\\[^>]*|PS)>/;
/** `Directory: C:\…` (trimmed) — the group header Format-List prints for Get-ChildItem output. */
const GROUP_HEADER = /^([^:]+):\s+(.+)$/;
/** Property names as the sniffer accepts them: no CSV punctuation. */
const SNIFF_NAME = /^[^\s",;][^",;\t]*$/;
const MAX_UNPARSED_WARNINGS = 20;

interface OpenProperty {
  readonly name: string;
  readonly line: number;
  /** Value column counted in characters and in display cells (they differ only for wide labels). */
  readonly columnChars: number;
  readonly columnCells: number;
  value: string;
  /** The raw physical line the value was last extended from. */
  lastLine: string;
}

class FormatListParser {
  private readonly lines: string[];
  private readonly widestChars: number;
  private readonly widestCells: number;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly rows: RawRow[] = [];
  private readonly columns = new Map<string, true>();
  private record = new Map<string, string>();
  private recordLine = 0;
  private property: OpenProperty | null = null;
  /** True while inside a group-header block (its wrapped lines are skipped silently). */
  private inHeader = false;
  private blockStart = true;
  private unparsed = 0;

  constructor(
    text: string,
    private readonly file: string,
  ) {
    this.lines = stripBom(text).split(LINE_BREAK);
    // The wrap width is measured on property and continuation lines only: a long transcript line or
    // group header must not make every wrapped line look short.
    let chars = 0;
    let cells = 0;
    let inValue = false;
    for (const line of this.lines) {
      const t = line.trimEnd();
      if (t === '') inValue = false;
      else if (!startsWithWhitespace(line)) inValue = PROPERTY_LINE.test(line);
      if (!inValue) continue;
      chars = Math.max(chars, t.length);
      cells = Math.max(cells, displayCells(t));
    }
    this.widestChars = chars;
    this.widestCells = cells;
  }

  run(): { table: RawTable; diagnostics: Diagnostic[] } {
    this.lines.forEach((line, index) => {
      this.consume(line, index + 1);
    });
    this.endRecord();
    this.dropCutRecord();
    if (this.unparsed > MAX_UNPARSED_WARNINGS) {
      this.diagnostics.push({
        severity: 'warning',
        code: 'format-list-unparsed-lines-suppressed',
        file: this.file,
        data: { count: this.unparsed - MAX_UNPARSED_WARNINGS },
      });
    }
    const table: RawTable = { format: 'format-list', columns: [...this.columns.keys()], rows: this.rows, typeName: null };
    return { table, diagnostics: this.diagnostics };
  }

  private consume(line: string, lineNo: number): void {
    if (line.trim() === '' && !this.isSpaceChunk(line, lineNo)) {
      this.endRecord();
      this.blockStart = true;
      this.inHeader = false;
      return;
    }
    const first = this.blockStart;
    this.blockStart = false;
    if (!startsWithWhitespace(line)) {
      this.inHeader = false;
      const prompt = CONSOLE_PROMPT.exec(line);
      if (prompt !== null) {
        // A console copy: the command that made the records, not a record.
        this.endRecord();
        this.blockStart = true;
        this.diagnostics.push({ severity: 'info', code: 'console-prompt-line', file: this.file, line: lineNo, data: { text: shorten(line.trim()) } });
        return;
      }
      const m = PROPERTY_LINE.exec(line);
      const rawName = m?.[1];
      if (rawName === undefined) {
        this.endProperty();
        this.unparsedLine(line, lineNo);
        return;
      }
      this.startProperty(rawName, line, lineNo);
      return;
    }
    if (this.property !== null) {
      this.continueProperty(this.property, line);
      return;
    }
    if (this.inHeader) return;
    const header = first ? GROUP_HEADER.exec(line.trim()) : null;
    if (header !== null) {
      this.inHeader = true;
      this.diagnostics.push({
        severity: 'info',
        code: 'format-list-group-header',
        file: this.file,
        line: lineNo,
        data: { label: (header[1] ?? '').trim(), value: header[2] ?? '' },
      });
      return;
    }
    this.unparsedLine(line, lineNo);
  }

  /**
   * Word wrap can put a lone run of spaces on its own line (a word exactly as wide as the field, then
   * its space). Such a line is longer than the value column and is followed by more of the value; a
   * blank line between records is empty (or shorter) and followed by the next record.
   */
  private isSpaceChunk(line: string, lineNo: number): boolean {
    const property = this.property;
    if (property === null || line.length <= Math.max(property.columnChars, property.columnCells)) return false;
    const next = this.lines[lineNo];
    return next !== undefined && next.trim() !== '' && startsWithWhitespace(next);
  }

  private startProperty(rawName: string, line: string, lineNo: number): void {
    this.endProperty();
    const name = rawName.trimEnd();
    if (this.record.has(name)) {
      // Two records glued together (blank line lost in a copy, or re-flowed by hand): start a new one. When
      // the repeated property is the record's first, the records are whole and in order: split quietly.
      if (this.record.keys().next().value !== name) this.diagnostics.push({
        severity: 'warning',
        code: 'format-list-duplicate-property',
        file: this.file,
        line: lineNo,
        data: { column: name },
      });
      this.endRecord();
    }
    if (this.record.size === 0) this.recordLine = lineNo;
    const separator = rawName.length;
    this.property = {
      name,
      line: lineNo,
      columnChars: separator + 3,
      columnCells: displayCells(rawName) + 3,
      value: line.slice(separator + 3),
      lastLine: line,
    };
  }

  private continueProperty(property: OpenProperty, line: string): void {
    const indent = leadingSpaces(line);
    const wide = Math.max(property.columnChars, property.columnCells);
    const narrow = Math.min(property.columnChars, property.columnCells);
    const column = indent >= wide ? wide : indent >= narrow ? narrow : -1;
    const previous = property.lastLine;
    let piece: string;
    let joiner: string;
    if (column < 0) {
      piece = line.trim();
      joiner = endsWithWhitespace(previous) ? '' : ' ';
    } else {
      piece = line.slice(column);
      joiner = this.joinerFor(property, previous, piece);
    }
    property.value += joiner + piece;
    property.lastLine = line;
  }

  private joinerFor(property: OpenProperty, previous: string, piece: string): string {
    if (endsWithWhitespace(previous)) return '';
    const chars = previous.length;
    const cells = displayCells(previous);
    if (chars >= this.widestChars || cells >= this.widestCells) return '';
    const firstCodePoint = piece.codePointAt(0);
    if (cells === this.widestCells - 1 && firstCodePoint !== undefined && isWide(firstCodePoint)) return '';
    const used = cells - property.columnCells;
    const field = this.widestCells - property.columnCells;
    const nextWord = piece.split(' ', 1)[0] ?? '';
    return used + 1 + displayCells(nextWord) > field ? ' ' : '\n';
  }

  private endProperty(): void {
    const property = this.property;
    if (property === null) return;
    this.property = null;
    const value = property.value.trim();
    this.record.set(property.name, value);
    this.columns.set(property.name, true);
    if (value.startsWith('{') && value.endsWith('...}')) {
      this.diagnostics.push({
        severity: 'warning',
        code: 'format-list-truncated-collection',
        file: this.file,
        line: property.line,
        data: { column: property.name },
      });
    }
  }

  private endRecord(): void {
    this.endProperty();
    if (this.record.size > 0) {
      // fromEntries defines own properties, so a column named `__proto__` stays a column.
      this.rows.push({ line: this.recordLine, values: Object.fromEntries(this.record) });
    }
    this.record = new Map();
  }

  /**
   * PowerShell ends Format-List output with blank lines. A file that stops mid-line, after at least two
   * records with the same properties (one cmdlet's objects), in a last record that lacks some of them,
   * was cut short (an interrupted copy): that record is dropped, with an error, rather than read as a
   * server with missing facts. Files of mixed objects (Get-ChildItem's folders and files) never match.
   */
  private dropCutRecord(): void {
    const last = this.lines.at(-1) ?? '';
    const cut = this.rows.at(-1);
    const complete = this.rows.slice(0, -1);
    const shape = (row: RawRow): string => Object.keys(row.values).join('\u0000');
    const first = complete[0];
    if (last.trim() === '' || cut === undefined || first === undefined || complete.length < 2 || complete.some((r) => shape(r) !== shape(first))) return;
    const missing = Object.keys(first.values).filter((name) => !Object.hasOwn(cut.values, name));
    if (missing.length === 0) return;
    this.rows.pop();
    this.diagnostics.push({
      severity: 'error',
      code: 'format-list-truncated',
      file: this.file,
      line: this.lines.length,
      data: { missing: missing.slice(0, 3).join(', ') },
    });
  }

  private unparsedLine(line: string, lineNo: number): void {
    this.unparsed++;
    if (this.unparsed > MAX_UNPARSED_WARNINGS) return;
    this.diagnostics.push({
      severity: 'warning',
      code: 'format-list-unparsed-line',
      file: this.file,
      line: lineNo,
      data: { text: shorten(line.trim()) },
    });
  }
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function startsWithWhitespace(line: string): boolean {
  return /^\s/.test(line);
}

function endsWithWhitespace(line: string): boolean {
  return /\s$/.test(line);
}

function leadingSpaces(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 0x20) n++;
  return n;
}
