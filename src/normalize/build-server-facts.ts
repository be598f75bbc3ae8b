import { compareText } from '../compare-text.js';
import type { Diagnostic } from '../ingest/diagnostic.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import { readColumn } from '../ingest/record-kind.js';
import { shorten } from '../ingest/shorten.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { formatBuildNumber, parseAdminDisplayVersion } from '../knowledge/build-number.js';
import { crossCheckFacts } from './cross-check-facts.js';
import { readExchangeProduct } from './exchange-version.js';
import type { RecordKind } from '../ingest/record-kind.js';
import type { KindRow } from './kind-module.js';
import { emptyMachineDraft, type MachineDraft, type MachineKindContext } from './machine-kinds/define-machine-kind.js';
import { MACHINE_KINDS } from './machine-kinds/index.js';
import { emptyServerDraft, type ServerDraft, type ServerKindContext } from './server-kinds/define-server-kind.js';
import { SERVER_KINDS } from './server-kinds/index.js';
import { parseBoolean, parseOperationalMachines, parseRoles, parseSite, serverKey, splitCollection } from './parse-values.js';
import type { ClusterFacts, MachineFacts, Provenance, ServerFacts } from './server-facts.js';

/** Columns that name the computer a per-server record came from, in order of preference. */
const COMPUTER_COLUMNS = ['PSComputerName', 'ComputerName', 'CSName', '__SERVER', 'Server'] as const;

type Row = KindRow;

/**
 * Joins every recognised record into one ServerFacts per Exchange server object. Pure: the same
 * record sets give the same facts in the same order. Everything it cannot attribute or had to
 * choose between becomes a diagnostic.
 */
export function buildServerFacts(recordSets: readonly RecordSet[], catalog: BuildCatalog): { servers: ServerFacts[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Grouped once: every kind reads its own sets, and a server kind's `finish` runs once per server.
  const setsByKind = new Map<RecordKind, RecordSet[]>();
  for (const set of recordSets) {
    const sets = setsByKind.get(set.kind);
    if (sets) sets.push(set);
    else setsByKind.set(set.kind, [set]);
  }
  const setsOf = (kind: RecordKind): readonly RecordSet[] => setsByKind.get(kind) ?? [];
  const rowsOf = (kind: RecordKind): Row[] => setsOf(kind).flatMap((set) => set.rows.map((row) => ({ set, row, from: { file: set.file, line: row.line } })));

  // 1. The fleet: Get-ExchangeServer rows, one per server key (NetBIOS name, any case; an FQDN by its first label).
  const serverRows = readFleet(rowsOf('exchange-server'), diagnostics);

  // 2. Clusters: Get-MailboxServer (storage type, redundant machines) and Get-ClusteredMailboxServerStatus (markers).
  const clusters = new Map<string, ClusterFacts>();
  // A record without the column that says what it belongs to cannot be used: say so, never skip it silently.
  const withoutKey = (r: Row, column: string): void => {
    diagnostics.push({ severity: 'warning', code: 'row-without-key', file: r.from.file, line: r.from.line, data: { column } });
  };
  for (const r of rowsOf('mailbox-server')) {
    const name = readColumn(r.row.values, 'Name');
    const storage = readColumn(r.row.values, 'ClusteredStorageType').toLowerCase();
    if (!name) {
      withoutKey(r, 'Name');
      continue;
    }
    if (storage === '' || storage === 'disabled') continue;
    const type = storage === 'shared' ? 'scc' : 'ccr';
    const nodes = splitCollection(readColumn(r.row.values, 'RedundantMachines')).map((n) => ({ name: n, active: false, quorumOwner: false }));
    clusters.set(serverKey(name), { type, nodes, from: r.from });
  }
  const typed = new Set(clusters.keys());
  const withStatus = new Set<string>();
  for (const r of rowsOf('clustered-mailbox-server-status')) {
    const identity = readColumn(r.row.values, 'Identity') || readColumn(r.row.values, 'ClusteredMailboxServerName');
    if (!identity) {
      withoutKey(r, 'Identity');
      continue;
    }
    const key = serverKey(identity);
    withStatus.add(key);
    const machines = parseOperationalMachines(readColumn(r.row.values, 'OperationalMachines'));
    const known = clusters.get(key);
    const names = new Map<string, { name: string; active: boolean; quorumOwner: boolean }>();
    for (const n of known?.nodes ?? []) names.set(serverKey(n.name), n);
    for (const m of machines) names.set(serverKey(m.name), { ...m, name: names.get(serverKey(m.name))?.name ?? m.name });
    const nodes = [...names.values()].sort((a, b) => compareText(a.name, b.name));
    clusters.set(key, { type: known?.type ?? 'ccr', nodes, from: known?.from ?? r.from });
  }
  for (const [key, cluster] of [...clusters.entries()].sort(([a], [b]) => compareText(a, b))) {
    const server = serverRows.get(key);
    if (!server) continue;
    const name = readColumn(server.row.values, 'Name');
    const at = { file: cluster.from.file, line: cluster.from.line };
    if (cluster.nodes.length === 0) diagnostics.push({ severity: 'error', code: 'cluster-without-nodes', ...at, data: { server: shorten(name) } });
    else if (!withStatus.has(key)) diagnostics.push({ severity: 'info', code: 'cluster-status-missing', ...at, data: { server: shorten(name) } });
    if (!typed.has(key)) diagnostics.push({ severity: 'warning', code: 'cluster-type-unknown', ...at, data: { server: shorten(name) } });
    for (const node of cluster.nodes) reportUnusualName(node.name, at, diagnostics);
  }

  // 3. Machines: per-server records, named by a computer-name column or else by the nearest folder
  // named after a server or node (inventory/EXCAS01/registry/x.csv belongs to EXCAS01).
  const knownMachines = new Set([...serverRows.keys(), ...[...clusters.values()].flatMap((c) => c.nodes.map((n) => serverKey(n.name)))]);
  const machines = new Map<string, MachineDraft>();
  const reported = new Set<string>();
  const oncePerFile = (diagnostic: Diagnostic): void => {
    if (reported.has(`${diagnostic.code}\u0000${diagnostic.file}`)) return;
    reported.add(`${diagnostic.code}\u0000${diagnostic.file}`);
    diagnostics.push(diagnostic);
  };
  const machineFor = (r: Row): MachineDraft | null => {
    const column = COMPUTER_COLUMNS.find((c) => readColumn(r.row.values, c) !== '');
    const folders = r.set.file.split('/').slice(0, -1);
    const folder = [...folders].reverse().find((f) => knownMachines.has(serverKey(f))) ?? folders.at(-1) ?? '';
    let name: string;
    if (column !== undefined) {
      name = readColumn(r.row.values, column);
      const nodeOfFolder = clusters.get(serverKey(folder))?.nodes.some((n) => serverKey(n.name) === serverKey(name)) ?? false;
      if (knownMachines.has(serverKey(folder)) && serverKey(folder) !== serverKey(name) && !nodeOfFolder) {
        oncePerFile({ severity: 'warning', code: 'folder-name-disagrees', file: r.from.file, line: r.from.line, data: { folder: shorten(folder), column, machine: shorten(name) } });
      }
    } else if (folder !== '') {
      name = folder;
    } else {
      oncePerFile({ severity: 'warning', code: 'machine-unnamed', file: r.from.file, line: r.from.line, data: {} });
      return null;
    }
    return machineNamed(name, r.from);
  };
  const machineNamed = (name: string, from: Provenance): MachineDraft => {
    const key = serverKey(name);
    let m = machines.get(key);
    if (!m) {
      m = emptyMachineDraft(name.split('.')[0] ?? name);
      machines.set(key, m);
    }
    if (name.includes('.')) m.fqdn ??= { value: name.trim(), from };
    return m;
  };
  const conflict = (fact: string, kept: Provenance, dropped: Provenance, machine: string, keptValue: string, droppedValue: string): void => {
    diagnostics.push({
      severity: 'warning',
      code: 'conflicting-facts',
      file: dropped.file,
      line: dropped.line,
      data: { fact, machine: shorten(machine), kept: `${kept.file}:${kept.line}`, keptValue: shorten(keptValue), droppedValue: shorten(droppedValue) },
    });
  };

  for (const kind of MACHINE_KINDS) {
    const context: MachineKindContext = { catalog, diagnostics, sets: setsOf(kind.kind), machineFor, machineNamed, withoutKey, conflict };
    kind.read(rowsOf(kind.kind), context);
  }
  for (const m of machines.values()) for (const kind of MACHINE_KINDS) kind.finish?.(m, setsOf(kind.kind));

  // 4. Organisation-wide records that name their server (OWA virtual directories, Outlook Anywhere).
  const serverDrafts = new Map<string, ServerDraft>();
  // Servers that organisation-wide records name, with the first record naming each: checked against the fleet below.
  const namedByOrgRecords = new Map<string, { readonly name: string; readonly from: Provenance }>();
  const serverNamed = (server: string, from: Provenance): ServerDraft => {
    const key = serverKey(server);
    if (!namedByOrgRecords.has(key)) namedByOrgRecords.set(key, { name: server, from });
    let draft = serverDrafts.get(key);
    if (!draft) {
      draft = emptyServerDraft();
      serverDrafts.set(key, draft);
    }
    return draft;
  };
  for (const kind of SERVER_KINDS) {
    const context: ServerKindContext = { diagnostics, sets: setsOf(kind.kind), serverNamed, withoutKey, conflict };
    kind.read(rowsOf(kind.kind), context);
  }

  // 6. Assemble, in name order.
  const claimed = new Set<string>();
  const servers: ServerFacts[] = [];
  for (const [key, r] of [...serverRows.entries()].sort(([a], [b]) => compareText(a, b))) {
    const v = r.row.values;
    const name = readColumn(v, 'Name');
    const fqdn = readColumn(v, 'Fqdn') || null;
    const adminText = readColumn(v, 'AdminDisplayVersion');
    const product = readExchangeProduct(v);
    const admin = parseAdminDisplayVersion(adminText);
    if (!admin && product.exchange2007 !== false) diagnostics.push({ severity: 'warning', code: 'bad-admin-display-version', file: r.from.file, line: r.from.line, data: { server: shorten(name), value: shorten(adminText) } });
    const excluded = product.exchange2007 === false ? { reason: 'other-version' as const, version: [product.product, adminText].filter(Boolean).join(', ') } : null;
    if (excluded) diagnostics.push({ severity: 'info', code: 'server-not-exchange-2007', file: r.from.file, line: r.from.line, data: { server: shorten(name), version: shorten(excluded.version) } });
    const cluster = clusters.get(key) ?? null;
    const serverDraft = serverDrafts.get(key) ?? emptyServerDraft();
    for (const kind of SERVER_KINDS) kind.finish?.(serverDraft, setsOf(kind.kind));
    const machineNames = cluster ? cluster.nodes.map((n) => n.name) : [name];
    const serverMachines: MachineFacts[] = machineNames.map((machineName) => {
      const mKey = serverKey(machineName);
      claimed.add(mKey);
      const shortName = machineName.split('.')[0] ?? machineName;
      const m = machines.get(mKey);
      if (!m) {
        if (!excluded) diagnostics.push({ severity: 'warning', code: 'machine-without-data', file: (cluster ?? r).from.file, line: (cluster ?? r).from.line, data: { machine: shorten(shortName), server: shorten(name) } });
        return machineFacts(emptyMachineDraft(shortName));
      }
      if (m.fqdn && fqdn && domainOf(m.fqdn.value) !== domainOf(fqdn)) {
        diagnostics.push({ severity: 'warning', code: 'fqdn-mismatch', file: m.fqdn.from.file, line: m.fqdn.from.line, data: { machine: shorten(shortName), fqdn: shorten(m.fqdn.value), expected: shorten(fqdn) } });
      }
      return machineFacts({ ...m, name: shortName });
    });
    servers.push({
      name,
      fqdn,
      roles: parseRoles(readColumn(v, 'ServerRole')),
      site: parseSite(readColumn(v, 'Site')),
      edition: readColumn(v, 'Edition') || null,
      adminDisplayVersion: admin ? { value: admin, from: r.from } : null,
      excluded,
      cluster,
      owaVirtualDirectories: serverDraft.owaVirtualDirectories,
      outlookAnywhere: serverDraft.outlookAnywhere,
      machines: serverMachines,
      from: r.from,
    });
  }
  for (const [key, m] of [...machines.entries()].sort(([a], [b]) => compareText(a, b))) {
    if (claimed.has(key)) continue;
    const first = firstSource(m);
    const at = { file: first?.file ?? '', ...(first ? { line: first.line } : {}) };
    const cluster = clusters.get(key);
    const cms = serverRows.get(key);
    if (cluster && cms && cluster.nodes.length > 0) {
      diagnostics.push({ severity: 'warning', code: 'data-for-cms-not-node', ...at, data: { server: shorten(readColumn(cms.row.values, 'Name')), nodes: shorten(cluster.nodes.map((n) => n.name).join(', ')) } });
    } else {
      diagnostics.push({ severity: 'warning', code: 'machine-not-in-fleet', ...at, data: { machine: shorten(m.name) } });
    }
  }
  // Organisation-wide records naming a server the fleet does not list (a typo, another organisation's export).
  for (const [key, record] of [...namedByOrgRecords.entries()].sort(([a], [b]) => compareText(a, b))) {
    if (serverRows.has(key)) continue;
    diagnostics.push({ severity: 'warning', code: 'machine-not-in-fleet', file: record.from.file, line: record.from.line, data: { machine: shorten(record.name) } });
  }
  if (serverRows.size === 0) {
    diagnostics.push({ severity: 'error', code: 'no-exchange-servers', file: '', data: {} });
  }
  diagnostics.push(...crossCheckFacts(servers, catalog));
  return { servers, diagnostics };
}

/** Columns of Get-ExchangeServer compared when a server is listed twice, as the plan reads them. */
const FLEET_FIELDS: readonly { readonly column: string; readonly read: (text: string) => string }[] = [
  { column: 'Fqdn', read: (t) => t.toLowerCase() },
  { column: 'ServerRole', read: (t) => parseRoles(t).join(', ') },
  { column: 'Edition', read: (t) => t.toLowerCase() },
  { column: 'AdminDisplayVersion', read: (t) => { const b = parseAdminDisplayVersion(t); return b ? formatBuildNumber(b) : t; } },
  { column: 'Site', read: (t) => parseSite(t) ?? '' },
  { column: 'IsMemberOfCluster', read: (t) => String(parseBoolean(t) ?? t.toLowerCase()) },
];

/**
 * One Get-ExchangeServer row per server key. A server listed again is merged silently when both records
 * say the same (the org's export and an Edge server's own); when they disagree, a warning names both
 * records and the one used: the server's own export (in its own folder) wins, else the first in path order.
 */
function readFleet(rows: readonly Row[], diagnostics: Diagnostic[]): Map<string, Row> {
  const serverRows = new Map<string, Row>();
  for (const r of rows) {
    const name = readColumn(r.row.values, 'Name');
    if (!name) {
      diagnostics.push({ severity: 'warning', code: 'server-without-name', file: r.from.file, line: r.from.line, data: {} });
      continue;
    }
    const key = serverKey(name);
    const existing = serverRows.get(key);
    if (!existing) {
      serverRows.set(key, r);
      reportUnusualName(name, r.from, diagnostics);
      continue;
    }
    const ownFolder = serverKey(r.set.folder) === key && serverKey(existing.set.folder) !== key;
    const chosen = ownFolder ? r : existing;
    const other = ownFolder ? existing : r;
    serverRows.set(key, chosen);
    const at = { file: other.from.file, line: other.from.line };
    const kept = `${chosen.from.file}:${chosen.from.line}`;
    const fields = FLEET_FIELDS.filter(({ column, read }) => {
      const a = readColumn(chosen.row.values, column);
      const b = readColumn(other.row.values, column);
      return a !== '' && b !== '' && read(a) !== read(b);
    }).map((f) => f.column);
    if (fields.length > 0) diagnostics.push({ severity: 'warning', code: 'server-records-disagree', ...at, data: { server: shorten(name), fields: fields.join(', '), kept } });
    else if (other.from.file === chosen.from.file) diagnostics.push({ severity: 'info', code: 'server-listed-twice', ...at, data: { server: shorten(name), chosen: kept } });
  }
  return serverRows;
}

/**
 * Names no Windows computer can have (KB 909264 forbids \ / : * ? " < > |; no control or format
 * characters, no spaces, no leading dot, at most 63 characters per DNS label). Such a name is kept as
 * written — escaped in every output, never used raw in a file name — with a warning.
 */
function reportUnusualName(name: string, from: Provenance, diagnostics: Diagnostic[]): void {
  const unusual = /[\\/:*?"<>|\s\p{Cc}\p{Cf}]/u.test(name) || name.startsWith('.') || name.split('.').some((label) => label.length > 63);
  if (!unusual) return;
  diagnostics.push({ severity: 'warning', code: 'unusual-server-name', file: from.file, line: from.line, data: { server: shorten(name) } });
}

function domainOf(fqdn: string): string {
  return fqdn.trim().toLowerCase().split('.').slice(1).join('.');
}

/** The machine's facts without the draft's working fields. */
function machineFacts(draft: MachineDraft): MachineFacts {
  return {
    name: draft.name,
    exsetup: draft.exsetup,
    patches: draft.patches,
    os: draft.os,
    crlReachable: draft.crlReachable,
    owaFiles: draft.owaFiles,
    rpcProxy: draft.rpcProxy,
    dotNet: draft.dotNet,
    services: draft.services,
    publisherRevocationCheck: draft.publisherRevocationCheck,
    setupLog: draft.setupLog,
  };
}

/** Where a machine's first fact came from, to point a diagnostic at it. */
function firstSource(m: MachineDraft): Provenance | undefined {
  return (
    m.exsetup?.from ?? m.os?.from ?? m.crlReachable?.from ?? m.dotNet?.from ?? m.rpcProxy?.from ?? m.publisherRevocationCheck?.from ?? m.setupLog?.from ?? m.owaFiles?.from[0] ?? m.patches?.from[0] ?? m.services?.from[0]
  );
}
