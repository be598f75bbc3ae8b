import type { Diagnostic } from '../ingest/diagnostic.js';
import type { ConfigValue, HostOverride } from '../ingest/read-config.js';
import type { MachineFacts, ServerFacts } from './server-facts.js';

export interface HostOverrides {
  readonly servers: ServerFacts[];
  /** Exchange server name (as in the plan) → the window its runbook shows. */
  readonly windows: ReadonlyMap<string, string>;
  /** Exchange server name → the target as written in the config (parsed by the caller, which knows the catalogue). */
  readonly targets: ReadonlyMap<string, ConfigValue<string>>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Pure: the config file's per-host overrides applied to the facts. A host is an Exchange server (its
 * name or FQDN) or one machine of a clustered mailbox server (a node). `internetAccess` replaces the
 * CRL test of every machine it names — as a fact whose provenance is the config line, so the runbook
 * still says where it came from; `window` and `target` belong to the Exchange server (a CMS is updated
 * as one). A host the inventory does not know is a warning: a typo must not silently drop an override.
 */
export function applyHostOverrides(servers: readonly ServerFacts[], hosts: readonly HostOverride[], file: string): HostOverrides {
  const windows = new Map<string, string>();
  const targets = new Map<string, ConfigValue<string>>();
  const diagnostics: Diagnostic[] = [];
  const overridesByServer = new Map<string, { server: ServerFacts; machines: Map<string, ConfigValue<boolean>> }>();

  for (const host of hosts) {
    const match = findHost(servers, host.name);
    if (!match) {
      diagnostics.push({ severity: 'warning', code: 'config-unknown-host', file, line: host.line, data: { host: host.name } });
      continue;
    }
    const { server, machines } = match;
    if (host.window) windows.set(server.name, host.window.value);
    if (host.target) targets.set(server.name, host.target);
    if (host.internetAccess) {
      const entry = overridesByServer.get(server.name) ?? { server, machines: new Map<string, ConfigValue<boolean>>() };
      for (const machine of machines) entry.machines.set(machine.name, host.internetAccess);
      overridesByServer.set(server.name, entry);
    }
  }

  const result = servers.map((server) => {
    const entry = overridesByServer.get(server.name);
    if (!entry) return server;
    return {
      ...server,
      machines: server.machines.map((machine): MachineFacts => {
        const override = entry.machines.get(machine.name);
        return override ? { ...machine, crlReachable: { value: override.value, from: { file, line: override.line } } } : machine;
      }),
    };
  });
  return { servers: result, windows, targets, diagnostics };
}

/** The Exchange server a host name means, and which of its machines: all of them, or the one node named. */
function findHost(servers: readonly ServerFacts[], name: string): { server: ServerFacts; machines: readonly MachineFacts[] } | null {
  const wanted = (name.split('.')[0] ?? name).toUpperCase();
  const included = servers.filter((s) => s.excluded === null);
  const server = included.find((s) => s.name.toUpperCase() === wanted);
  if (server) return { server, machines: server.machines };
  for (const candidate of included) {
    const machine = candidate.machines.find((m) => m.name.toUpperCase() === wanted);
    if (machine) return { server: candidate, machines: [machine] };
  }
  return null;
}
