import type { BuildCatalog } from '../../knowledge/build-catalog.js';
import type { KindContext, KindModule, KindRow } from '../kind-module.js';
import type { InstalledPatch, MachineFacts, OwaFile, Provenance, ServiceState, Sourced } from '../server-facts.js';

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

/** The machine facts that are lists, by the item they hold. */
interface ListItems {
  patches: InstalledPatch;
  owaFiles: OwaFile;
  services: ServiceState;
}

/** One machine's list fact while its kind's rows are read. */
export interface ListBuilder<Item> {
  readonly size: number;
  /** Names the file among the fact's sources, once per file. */
  noteSource(from: Provenance): void;
  /** Adds the item unless an item with its key is there already (a null key is never a duplicate). */
  add(item: Item): void;
}

/**
 * The list facts (updates, OWA files, services) of one kind, per machine: a duplicate item or a file
 * already named is found in constant time, whatever the rows per machine (a listing may hold 100,000).
 * The draft holds the list from the first call on, started from what it held before.
 */
export function listFacts<F extends keyof ListItems>(field: F, keyOf: (item: ListItems[F]) => string | null): (m: MachineDraft) => ListBuilder<ListItems[F]> {
  const builders = new Map<MachineDraft, ListBuilder<ListItems[F]>>();
  return (m) => {
    const known = builders.get(m);
    if (known) return known;
    const held = m[field] as { readonly items: readonly ListItems[F][]; readonly from: readonly Provenance[] } | null;
    const items = [...(held?.items ?? [])];
    const from = [...(held?.from ?? [])];
    const keys = new Set(items.flatMap((item) => keyOf(item) ?? []));
    const files = new Set(from.map((p) => p.file));
    m[field] = { items, from } as MachineDraft[F];
    const builder: ListBuilder<ListItems[F]> = {
      get size() {
        return items.length;
      },
      noteSource(source) {
        if (files.has(source.file)) return;
        files.add(source.file);
        from.push({ file: source.file, line: source.line });
      },
      add(item) {
        const key = keyOf(item);
        if (key !== null) {
          if (keys.has(key)) return;
          keys.add(key);
        }
        items.push(item);
      },
    };
    builders.set(m, builder);
    return builder;
  };
}
