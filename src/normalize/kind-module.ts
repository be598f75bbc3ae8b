import type { Diagnostic } from '../ingest/diagnostic.js';
import type { RawRow } from '../ingest/raw-table.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import type { RecordKind } from '../ingest/record-kind.js';
import type { Provenance } from './server-facts.js';

/** One record with where it came from. */
export interface KindRow {
  readonly set: RecordSet;
  readonly row: RawRow;
  readonly from: Provenance;
}

/** What every kind module gets, whether its records describe one machine or name a server. */
export interface KindContext {
  readonly diagnostics: Diagnostic[];
  /**
   * The kind's own record sets in path order, header-only ones included: a file of the kind with no
   * records can be an answer (no update installed, Outlook Anywhere enabled nowhere).
   */
  readonly sets: readonly RecordSet[];
  /** Reports a record without the column that says what it belongs to. */
  readonly withoutKey: (row: KindRow, column: string) => void;
  /** Reports a fact two records give differently; the first is kept. */
  readonly conflict: (fact: string, kept: Provenance, dropped: Provenance, machine: string, keptValue: string, droppedValue: string) => void;
}

/**
 * One record kind's module: `read` gets every row of its kind, in path and line order, and writes facts
 * onto the drafts the context hands out; `finish` (optional) runs once per draft after every kind has
 * read, with the kind's record sets (to put list facts in a stable order, or to say "none" for a draft
 * no record named).
 */
export interface KindModule<Context extends KindContext, Draft> {
  readonly kind: RecordKind;
  read(rows: readonly KindRow[], context: Context): void;
  finish?(draft: Draft, sets: readonly RecordSet[]): void;
}

/** Rows grouped by the file they came from, in order. */
export function rowsByFile(rows: readonly KindRow[]): KindRow[][] {
  const groups = new Map<string, KindRow[]>();
  for (const r of rows) {
    const group = groups.get(r.from.file);
    if (group) group.push(r);
    else groups.set(r.from.file, [r]);
  }
  return [...groups.values()];
}
