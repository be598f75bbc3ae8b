import type { Diagnostic } from '../../ingest/diagnostic.js';
import type { RecordSet } from '../../ingest/read-inventory.js';
import type { RecordKind } from '../../ingest/record-kind.js';
import type { KindRow } from '../machine-kinds/define-machine-kind.js';
import type { OutlookAnywhere, OwaVirtualDirectory, Provenance, Sourced } from '../server-facts.js';

/** A server's facts from organisation-wide exports while they are read. */
export interface ServerDraft {
  owaVirtualDirectories: OwaVirtualDirectory[];
  outlookAnywhere: Sourced<OutlookAnywhere> | null;
}

export interface ServerKindContext {
  readonly diagnostics: Diagnostic[];
  readonly recordSets: readonly RecordSet[];
  /** The server a record names (checked against the fleet afterwards: an unknown name is reported). */
  readonly serverNamed: (name: string, from: Provenance) => ServerDraft;
  readonly withoutKey: (row: KindRow, column: string) => void;
  readonly conflict: (fact: string, kept: Provenance, dropped: Provenance, machine: string, keptValue: string, droppedValue: string) => void;
}

/**
 * A record kind exported once for the organisation whose records each name an Exchange server by a
 * column (Get-OwaVirtualDirectory, Get-OutlookAnywhere): one module per kind under server-kinds/,
 * registered in server-kinds/index.ts. `finish` runs for every server of the fleet, named by a record
 * or not (a server that an Outlook Anywhere export does not list has it disabled).
 */
export interface ServerKind {
  readonly kind: RecordKind;
  read(rows: readonly KindRow[], context: ServerKindContext): void;
  finish?(draft: ServerDraft, recordSets: readonly RecordSet[]): void;
}

export function defineServerKind(kind: ServerKind): ServerKind {
  return kind;
}

export function emptyServerDraft(): ServerDraft {
  return { owaVirtualDirectories: [], outlookAnywhere: null };
}
