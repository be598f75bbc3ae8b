/**
 * A diagnostic is something ingest or normalize ignored, rejected or guessed at. It carries a stable
 * code and data; the human message and hint come from the message catalogue (src/i18n), so the same
 * diagnostic reads in Japanese or English.
 */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** Stable id, e.g. 'csv-malformed'. Message key: `diag.<code>` and hint key `diag.<code>.hint`. */
  readonly code: string;
  /** Path relative to the inventory root, '/'-separated. */
  readonly file: string;
  readonly line?: number;
  readonly data: Readonly<Record<string, string | number>>;
}
