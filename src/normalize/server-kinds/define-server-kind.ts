import type { KindContext, KindModule } from '../kind-module.js';
import type { OutlookAnywhere, OwaVirtualDirectory, Provenance, Sourced } from '../server-facts.js';

/** A server's facts from organisation-wide exports while they are read. */
export interface ServerDraft {
  owaVirtualDirectories: OwaVirtualDirectory[];
  outlookAnywhere: Sourced<OutlookAnywhere> | null;
}

export interface ServerKindContext extends KindContext {
  /** The server a record names (checked against the fleet afterwards: an unknown name is reported). */
  readonly serverNamed: (name: string, from: Provenance) => ServerDraft;
}

/**
 * A record kind exported once for the organisation whose records each name an Exchange server by a
 * column (Get-OwaVirtualDirectory, Get-OutlookAnywhere): one module per kind under server-kinds/,
 * registered in server-kinds/index.ts. `finish` runs for every server of the fleet, named by a record
 * or not (a server that an Outlook Anywhere export does not list has it disabled).
 */
export type ServerKind = KindModule<ServerKindContext, ServerDraft>;

export function defineServerKind(kind: ServerKind): ServerKind {
  return kind;
}

export function emptyServerDraft(): ServerDraft {
  return { owaVirtualDirectories: [], outlookAnywhere: null };
}
