import { compareText } from '../compare-text.js';
import type { Diagnostic } from '../ingest/diagnostic.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import { readColumn } from '../ingest/record-kind.js';
import type { RawRow } from '../ingest/raw-table.js';
import { shorten } from '../ingest/shorten.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { compareBuildNumbers, formatBuildNumber, parseAdminDisplayVersion, parseBuildNumber, type BuildNumber } from '../knowledge/build-number.js';
import { crossCheckFacts } from './cross-check-facts.js';
import {
  normalizeInstallDate,
  parseBoolean,
  parseOperationalMachines,
  parseOsFamily,
  parsePatchName,
  parseRoles,
  parseSite,
  serverKey,
  splitCollection,
} from './parse-values.js';
import type { ClusterFacts, DotNetFacts, InstalledPatch, MachineFacts, OperatingSystem, OutlookAnywhere, OwaFile, OwaVirtualDirectory, Provenance, RpcProxySettings, ServerFacts, Sourced } from './server-facts.js';
import { parseDateTime } from './parse-date-time.js';

/** Columns that name the computer a per-server record came from, in order of preference. */
const COMPUTER_COLUMNS = ['PSComputerName', 'ComputerName', 'CSName', '__SERVER', 'Server'] as const;

interface Row {
  readonly set: RecordSet;
  readonly row: RawRow;
  readonly from: Provenance;
}

/**
 * The Exchange 2007 updates of one machine number a few dozen (every rollup of the build catalogue plus
 * interim updates): thousands mean a generated, concatenated or mis-exported file, and a runbook that
 * removes them all is no runbook.
 */
const MAX_PATCHES_PER_MACHINE = 5_000;

interface MachineDraft {
  name: string;
  /** The first FQDN a computer-name column gave, to check its domain against Get-ExchangeServer's. */
  fqdn: Sourced<string> | null;
  exsetup: Sourced<BuildNumber> | null;
  /** `kbs` / `paths` / `files`: what items and from hold, so a duplicate is found in constant time (a listing can hold a million rows, an inventory 10,000 files). */
  patches: { items: InstalledPatch[]; from: Provenance[]; files: Set<string>; kbs: Set<string> } | null;
  os: Sourced<OperatingSystem> | null;
  crlReachable: Sourced<boolean> | null;
  dotNet: Sourced<DotNetFacts> | null;
  owaFiles: { items: OwaFile[]; from: Provenance[]; files: Set<string>; paths: Set<string> } | null;
  rpcProxy: Sourced<RpcProxySettings> | null;
}

/**
 * Joins every recognised record into one ServerFacts per Exchange server object. Pure: the same
 * record sets give the same facts in the same order. Everything it cannot attribute or had to
 * choose between becomes a diagnostic.
 */
export function buildServerFacts(recordSets: readonly RecordSet[], catalog: BuildCatalog): { servers: ServerFacts[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rowsOf = (kind: RecordSet['kind']): Row[] =>
    recordSets.filter((s) => s.kind === kind).flatMap((set) => set.rows.map((row) => ({ set, row, from: { file: set.file, line: row.line } })));

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
      m = { name: name.split('.')[0] ?? name, fqdn: null, exsetup: null, patches: null, os: null, crlReachable: null, dotNet: null, owaFiles: null, rpcProxy: null };
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

  for (const r of rowsOf('exsetup-version')) {
    const fileName = readColumn(r.row.values, 'FileName');
    if (!/exsetup\.exe$/i.test(fileName)) {
      diagnostics.push({ severity: 'warning', code: 'not-exsetup', file: r.from.file, line: r.from.line, data: { fileName: shorten(fileName) } });
      continue;
    }
    const text = readColumn(r.row.values, 'FileVersion') || readColumn(r.row.values, 'ProductVersion');
    const build = parseBuildNumber(text);
    if (!build) {
      diagnostics.push({ severity: 'error', code: 'bad-build-number', file: r.from.file, line: r.from.line, data: { value: shorten(text) } });
      continue;
    }
    const m = machineFor(r);
    if (!m) continue;
    const found = { value: build, from: r.from };
    if (m.exsetup && compareBuildNumbers(m.exsetup.value, build) !== 0) {
      // The lower build is the safe reading: planning from it can repeat an update, never skip one.
      const [kept, dropped] = compareBuildNumbers(build, m.exsetup.value) < 0 ? [found, m.exsetup] : [m.exsetup, found];
      diagnostics.push({
        severity: 'warning',
        code: 'conflicting-exsetup-version',
        file: dropped.from.file,
        line: dropped.from.line,
        data: { machine: shorten(m.name), kept: `${kept.from.file}:${kept.from.line}`, keptValue: formatBuildNumber(kept.value), droppedValue: formatBuildNumber(dropped.value) },
      });
      m.exsetup = kept;
      continue;
    }
    m.exsetup ??= found;
  }

  // A header-only listing is the collector's answer for a machine without any update installed: known, and none.
  for (const set of recordSets) {
    if (set.kind !== 'installed-patches' || set.rows.length > 0 || set.folder === '') continue;
    const m = machineNamed(set.folder, { file: set.file, line: 1 });
    m.patches ??= { items: [], from: [], files: new Set(), kbs: new Set() };
    m.patches.files.add(set.file);
    m.patches.from.push({ file: set.file, line: 1 });
  }
  const overPatchLimit = new Set<MachineDraft>();
  for (const r of rowsOf('installed-patches')) {
    const m = machineFor(r);
    if (!m || overPatchLimit.has(m)) continue;
    m.patches ??= { items: [], from: [], files: new Set(), kbs: new Set() };
    if (m.patches.items.length >= MAX_PATCHES_PER_MACHINE) {
      overPatchLimit.add(m);
      diagnostics.push({ severity: 'error', code: 'too-many-patches', file: r.from.file, line: r.from.line, data: { machine: shorten(m.name), limit: MAX_PATCHES_PER_MACHINE } });
      continue;
    }
    if (!m.patches.files.has(r.from.file)) {
      m.patches.files.add(r.from.file);
      m.patches.from.push({ file: r.from.file, line: r.from.line });
    }
    const displayName = readColumn(r.row.values, 'DisplayName');
    const dateColumn = readColumn(r.row.values, 'Installed') !== '' ? 'Installed' : 'InstallDate';
    const installedText = readColumn(r.row.values, dateColumn);
    if (installedText !== '' && normalizeInstallDate(installedText) === null) {
      diagnostics.push({ severity: 'warning', code: 'bad-date-time', file: r.from.file, line: r.from.line, data: { column: dateColumn, value: shorten(installedText) } });
    }
    const patch = classifyPatch(displayName, installedText, r.from, catalog);
    if (!patch) continue;
    if (patch.kb !== null) {
      if (m.patches.kbs.has(patch.kb)) continue;
      m.patches.kbs.add(patch.kb);
    }
    m.patches.items.push(patch);
  }

  for (const r of rowsOf('operating-system')) {
    const m = machineFor(r);
    if (!m) continue;
    const version = readColumn(r.row.values, 'Version');
    const os: OperatingSystem = {
      caption: readColumn(r.row.values, 'Caption'),
      version,
      servicePack: readColumn(r.row.values, 'CSDVersion'),
      family: parseOsFamily(version),
      language: readColumn(r.row.values, 'OSLanguage'),
    };
    if (m.os && m.os.value.version !== os.version) conflict('os', m.os.from, r.from, m.name, m.os.value.version, os.version);
    m.os ??= { value: os, from: r.from };
  }

  for (const r of rowsOf('crl-reachability')) {
    const value = parseBoolean(readColumn(r.row.values, 'Reachable'));
    if (value === null) {
      diagnostics.push({ severity: 'warning', code: 'bad-boolean', file: r.from.file, line: r.from.line, data: { column: 'Reachable', value: shorten(readColumn(r.row.values, 'Reachable')) } });
      continue;
    }
    const m = machineFor(r);
    if (!m) continue;
    if (m.crlReachable && m.crlReachable.value !== value) {
      // Safe reading: one failed test means the host may not reach the CRL during setup.
      const found = { value, from: r.from };
      const [kept, dropped] = value ? [m.crlReachable, found] : [found, m.crlReachable];
      diagnostics.push({
        severity: 'warning',
        code: 'conflicting-crl-reachability',
        file: dropped.from.file,
        line: dropped.from.line,
        data: { machine: shorten(m.name), kept: `${kept.from.file}:${kept.from.line}` },
      });
      m.crlReachable = kept;
      continue;
    }
    m.crlReachable ??= { value, from: r.from };
  }

  // .NET: NDP\v2.0.50727 (and its language subkeys) give the CLR 2.0 SP; NDP\v3.5 brings CLR 2.0 SP1+.
  for (const r of rowsOf('dotnet-framework')) {
    const version = readColumn(r.row.values, 'Version');
    const installed = readColumn(r.row.values, 'Install') !== '0';
    const m = machineFor(r);
    if (!m) continue;
    m.dotNet ??= { value: { clr2ServicePack: null, has35: false }, from: r.from };
    if (!installed) continue;
    const sp = /^\d+$/.test(readColumn(r.row.values, 'SP')) ? Number(readColumn(r.row.values, 'SP')) : null;
    const current = m.dotNet.value;
    if (/^2\.0\.50727(\.|$)/.test(version) && sp !== null) {
      m.dotNet = { value: { ...current, clr2ServicePack: Math.max(current.clr2ServicePack ?? 0, sp) }, from: m.dotNet.from };
    } else if (/^3\.5(\.|$)/.test(version)) {
      m.dotNet = { value: { ...current, has35: true }, from: m.dotNet.from };
    }
  }

  // OWA file listing (auth and themes): evidence of Logon.aspx and theme customisation.
  for (const r of rowsOf('owa-files')) {
    const path = readColumn(r.row.values, 'FullName');
    if (!path) {
      withoutKey(r, 'FullName');
      continue;
    }
    const m = machineFor(r);
    if (!m) continue;
    m.owaFiles ??= { items: [], from: [], files: new Set(), paths: new Set() };
    if (!m.owaFiles.files.has(r.from.file)) {
      m.owaFiles.files.add(r.from.file);
      m.owaFiles.from.push({ file: r.from.file, line: r.from.line });
    }
    const lengthText = readColumn(r.row.values, 'Length');
    const timeText = readColumn(r.row.values, 'LastWriteTime');
    const lastWriteTime = parseDateTime(timeText);
    if (lastWriteTime === null && timeText !== '') {
      diagnostics.push({ severity: 'warning', code: 'bad-date-time', file: r.from.file, line: r.from.line, data: { column: 'LastWriteTime', value: shorten(timeText) } });
    }
    if (m.owaFiles.paths.has(path.toLowerCase())) continue;
    m.owaFiles.paths.add(path.toLowerCase());
    m.owaFiles.items.push({ path, length: /^\d+$/.test(lengthText) ? Number(lengthText) : null, lastWriteTime, from: r.from });
  }

  // RPC proxy registry key: a record means the key exists on that machine.
  for (const r of rowsOf('rpc-proxy')) {
    const m = machineFor(r);
    if (!m) continue;
    const enabledText = readColumn(r.row.values, 'Enabled');
    const settings: RpcProxySettings = { validPorts: readColumn(r.row.values, 'ValidPorts'), enabled: enabledText === '' ? null : parseBoolean(enabledText) };
    if (m.rpcProxy && m.rpcProxy.value.validPorts !== settings.validPorts) {
      conflict('rpc-proxy', m.rpcProxy.from, r.from, m.name, m.rpcProxy.value.validPorts, settings.validPorts);
      continue;
    }
    m.rpcProxy ??= { value: settings, from: r.from };
  }

  // 4. OWA virtual directories, by their Server column.
  const owa = new Map<string, OwaVirtualDirectory[]>();
  // Servers that organisation-wide records name, with the first record naming each: checked against the fleet below.
  const namedByOrgRecords = new Map<string, { readonly name: string; readonly from: { readonly file: string; readonly line: number } }>();
  const noteOrgRecord = (server: string, from: { readonly file: string; readonly line: number }): void => {
    if (!namedByOrgRecords.has(serverKey(server))) namedByOrgRecords.set(serverKey(server), { name: server, from });
  };
  for (const r of rowsOf('owa-virtual-directory')) {
    const server = readColumn(r.row.values, 'Server') || r.set.folder;
    if (!server) {
      withoutKey(r, 'Server');
      continue;
    }
    noteOrgRecord(server, r.from);
    const list = owa.get(serverKey(server)) ?? [];
    list.push({
      name: readColumn(r.row.values, 'Name'),
      internalUrl: readColumn(r.row.values, 'InternalUrl'),
      externalUrl: readColumn(r.row.values, 'ExternalUrl'),
      from: r.from,
    });
    owa.set(serverKey(server), list);
  }

  // 5. Outlook Anywhere (Get-OutlookAnywhere, organisation-wide): a record means enabled on its server; a
  // server that no export lists has it disabled, but only when some export was collected at all.
  const outlookAnywhere = new Map<string, Sourced<OutlookAnywhere>>();
  for (const r of rowsOf('outlook-anywhere')) {
    const v = r.row.values;
    const server = readColumn(v, 'Server') || readColumn(v, 'ServerName') || readColumn(v, 'Identity').split('\\')[0] || r.set.folder;
    if (!server) {
      withoutKey(r, 'Server');
      continue;
    }
    noteOrgRecord(server, r.from);
    const settings: OutlookAnywhere = {
      enabled: true,
      externalHostname: readColumn(v, 'ExternalHostname'),
      clientAuthenticationMethod: readColumn(v, 'ClientAuthenticationMethod'),
      iisAuthenticationMethods: splitCollection(readColumn(v, 'IISAuthenticationMethods')),
      sslOffloading: parseBoolean(readColumn(v, 'SSLOffloading')),
    };
    const existing = outlookAnywhere.get(serverKey(server));
    if (existing?.value.enabled && existing.value.externalHostname !== settings.externalHostname) {
      conflict('outlook-anywhere', existing.from, r.from, server, existing.value.externalHostname, settings.externalHostname);
    }
    if (!existing) outlookAnywhere.set(serverKey(server), { value: settings, from: r.from });
  }
  const firstOutlookAnywhereExport = recordSets.find((s) => s.kind === 'outlook-anywhere');
  const outlookAnywhereDisabled: Sourced<OutlookAnywhere> | null = firstOutlookAnywhereExport ? { value: { enabled: false }, from: { file: firstOutlookAnywhereExport.file, line: 1 } } : null;

  // 6. Assemble, in name order.
  const claimed = new Set<string>();
  const servers: ServerFacts[] = [];
  for (const [key, r] of [...serverRows.entries()].sort(([a], [b]) => compareText(a, b))) {
    const v = r.row.values;
    const name = readColumn(v, 'Name');
    const fqdn = readColumn(v, 'Fqdn') || null;
    const adminText = readColumn(v, 'AdminDisplayVersion');
    const admin = parseAdminDisplayVersion(adminText);
    if (!admin) diagnostics.push({ severity: 'warning', code: 'bad-admin-display-version', file: r.from.file, line: r.from.line, data: { server: shorten(name), value: shorten(adminText) } });
    const excluded = admin && admin[0] !== 8 ? { reason: 'other-version' as const, version: adminText } : null;
    if (excluded) diagnostics.push({ severity: 'info', code: 'server-not-exchange-2007', file: r.from.file, line: r.from.line, data: { server: shorten(name), version: shorten(adminText) } });
    const cluster = clusters.get(key) ?? null;
    const machineNames = cluster ? cluster.nodes.map((n) => n.name) : [name];
    const serverMachines: MachineFacts[] = machineNames.map((machineName) => {
      const mKey = serverKey(machineName);
      claimed.add(mKey);
      const shortName = machineName.split('.')[0] ?? machineName;
      const m = machines.get(mKey);
      if (!m) {
        if (!excluded) diagnostics.push({ severity: 'warning', code: 'machine-without-data', file: (cluster ?? r).from.file, line: (cluster ?? r).from.line, data: { machine: shorten(shortName), server: shorten(name) } });
        return { name: shortName, exsetup: null, patches: null, os: null, crlReachable: null, dotNet: null, owaFiles: null, rpcProxy: null };
      }
      if (m.fqdn && fqdn && domainOf(m.fqdn.value) !== domainOf(fqdn)) {
        diagnostics.push({ severity: 'warning', code: 'fqdn-mismatch', file: m.fqdn.from.file, line: m.fqdn.from.line, data: { machine: shorten(shortName), fqdn: shorten(m.fqdn.value), expected: shorten(fqdn) } });
      }
      return {
        name: shortName,
        exsetup: m.exsetup,
        os: m.os,
        crlReachable: m.crlReachable,
        dotNet: m.dotNet,
        rpcProxy: m.rpcProxy,
        patches: m.patches ? { items: [...m.patches.items].sort(comparePatches), from: m.patches.from } : null,
        owaFiles: m.owaFiles ? { items: [...m.owaFiles.items].sort((a, b) => compareText(a.path.toLowerCase(), b.path.toLowerCase())), from: m.owaFiles.from } : null,
      };
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
      owaVirtualDirectories: (owa.get(key) ?? []).sort((a, b) => compareText(a.name, b.name)),
      outlookAnywhere: outlookAnywhere.get(key) ?? outlookAnywhereDisabled,
      machines: serverMachines,
      from: r.from,
    });
  }
  for (const [key, m] of [...machines.entries()].sort(([a], [b]) => compareText(a, b))) {
    if (claimed.has(key)) continue;
    const first = m.exsetup?.from ?? m.os?.from ?? m.crlReachable?.from ?? m.dotNet?.from ?? m.rpcProxy?.from ?? m.owaFiles?.from[0] ?? m.patches?.from[0];
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

function classifyPatch(displayName: string, installedText: string, from: Provenance, catalog: BuildCatalog): InstalledPatch | null {
  const parsed = parsePatchName(displayName);
  const known = parsed.kb ? catalog.byKb(parsed.kb) : undefined;
  const installed = normalizeInstallDate(installedText) ?? installedText.trim();
  if (known && known.rollup > 0) {
    return { kb: parsed.kb, displayName, installed, kind: 'rollup', servicePack: known.servicePack, rollup: known.rollup, from };
  }
  if (parsed.interim) {
    return { kb: parsed.kb, displayName, installed, kind: 'interim-update', servicePack: parsed.servicePack, rollup: null, from };
  }
  if (parsed.rollup !== null) {
    return { kb: parsed.kb, displayName, installed, kind: 'rollup', servicePack: parsed.servicePack, rollup: parsed.rollup, from };
  }
  // Anything else under Exchange 2007's product code is an out-of-band fix: the safe reading is an IU.
  if (parsed.kb !== null && (parsed.mentionsExchange2007 || /exchange/i.test(displayName))) {
    return { kb: parsed.kb, displayName, installed, kind: 'interim-update', servicePack: parsed.servicePack, rollup: null, from };
  }
  return null;
}

function comparePatches(a: InstalledPatch, b: InstalledPatch): number {
  return compareText(a.kind, b.kind) || (a.rollup ?? 0) - (b.rollup ?? 0) || compareText(a.kb ?? '', b.kb ?? '') || compareText(a.displayName, b.displayName);
}
