import type { BuildCatalog } from '../../knowledge/build-catalog.js';
import type { KindContext, KindModule, KindRow } from '../kind-module.js';
import type { MachineFacts, Provenance, Sourced } from '../server-facts.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A machine's facts while the records are read: every fact starts unknown (null). */
export type MachineDraft = Mutable<Required<MachineFacts>> & {
  /** The first FQDN a computer-name column gave, to check its domain against Get-ExchangeServer's. */
  fqdn: Sourced<string> | null;
};

/** What a per-machine kind gets to turn its rows into facts. */
export interface MachineKindContext extends KindContext {
  readonly catalog: BuildCatalog;
  /** The machine a record belongs to (computer-name column, else folder), null when it names none (reported). */
  readonly machineFor: (row: KindRow) => MachineDraft | null;
  readonly machineNamed: (name: string, from: Provenance) => MachineDraft;
}

/**
 * A record kind whose records describe one computer (ExSetup's version, its updates, its OS …): one
 * module per kind under machine-kinds/, registered in machine-kinds/index.ts.
 */
export type MachineKind = KindModule<MachineKindContext, MachineDraft>;

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

/** Adds a file to a list fact's sources once. */
export function noteSource(from: Provenance[], row: KindRow): void {
  if (!from.some((p) => p.file === row.from.file)) from.push({ file: row.from.file, line: row.from.line });
}
