/**
 * What every parser produces: a table of string values with the line each row starts on.
 * Parsers know formats (CSV, Format-List, CLIXML), not Exchange; classification by columns
 * happens afterwards (classify-record-kind.ts), so a new format slots in without touching rules.
 */
export type SourceFormat = 'csv' | 'format-list' | 'format-table' | 'clixml' | 'reg-export' | 'reg-query' | 'systeminfo' | 'name-list';

export interface RawRow {
  /** 1-based line in the decoded text where this row (or record) starts. */
  readonly line: number;
  /** Column name exactly as written in the file → value as text ('' for empty / $null). */
  readonly values: Readonly<Record<string, string>>;
}

export interface RawTable {
  readonly format: SourceFormat;
  /** Column names in file order (union over all rows for formats without a header). */
  readonly columns: readonly string[];
  readonly rows: readonly RawRow[];
  /** Export-Csv's `#TYPE` line, or the CLIXML TypeNames[0], when present. */
  readonly typeName: string | null;
}
