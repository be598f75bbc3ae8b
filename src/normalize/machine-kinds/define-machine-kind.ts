import type { Diagnostic } from '../../ingest/diagnostic.js';
import type { RawRow } from '../../ingest/raw-table.js';
import type { RecordSet } from '../../ingest/read-inventory.js';
import type { RecordKind } from '../../ingest/record-kind.js';
import type { BuildCatalog } from '../../knowledge/build-catalog.js';
import type { MachineFacts, Provenance, Sourced } from '../server-facts.js';

/** One record with where it came from. */
export interface KindRow {
  readonly set: RecordSet;
  readonly row: RawRow;
  readonly from: Provenance;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A machine's facts while the records are read: every fact starts unknown (null). */
export type MachineDraft = Mutable<Required<MachineFacts>> & {
  /** The first FQDN a computer-name column gave, to check its domain against Get-ExchangeServer's. */
  fqdn: Sourced<string> | null;
};

/** What a per-machine kind gets to turn its rows into facts. */
export interface MachineKindContext {
  readonly catalog: BuildCatalog;
  readonly diagnostics: Diagnostic[];
  /** Every record set of the inventory (a kind may read header-only files of its own kind). */
  readonly recordSets: readonly RecordSet[];
  /** The machine a record belongs to (computer-name column, else folder), null when it names none (reported). */
  readonly machineFor: (row: KindRow) => MachineDraft | null;
  readonly machineNamed: (name: string, from: Provenance) => MachineDraft;
  /** Reports a record without the column that says what it belongs to. */
  readonly withoutKey: (row: KindRow, column: string) => void;
  /** Reports a fact two records give differently; the first is kept. */
  readonly conflict: (fact: string, kept: Provenance, dropped: Provenance, machine: string, keptValue: string, droppedValue: string) => void;
}

/**
 * A record kind whose records describe one computer (ExSetup's version, its updates, its OS …): one
 * module per kind under machine-kinds/, registered in machine-kinds/index.ts. `read` gets every row of
 * its kind, in path and line order, and writes facts onto the machines' drafts; `finish` (optional)
 * puts the kind's list facts in a stable order once every row is read.
 */
export interface MachineKind {
  readonly kind: RecordKind;
  read(rows: readonly KindRow[], context: MachineKindContext): void;
  finish?(draft: MachineDraft): void;
}

export function defineMachineKind(kind: MachineKind): MachineKind {
  return kind;
}

export function emptyMachineDraft(name: string): MachineDraft {
  return {
    name,
    fqdn: null,
    exsetup: null,
    patches: null,
    os: null,
    crlReachable: null,
    owaFiles: null,
    rpcProxy: null,
    dotNet: null,
    services: null,
    publisherRevocationCheck: null,
    setupLog: null,
  };
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

/** Adds a file to a list fact's sources once. */
export function noteSource(from: Provenance[], row: KindRow): void {
  if (!from.some((p) => p.file === row.from.file)) from.push({ file: row.from.file, line: row.from.line });
}
