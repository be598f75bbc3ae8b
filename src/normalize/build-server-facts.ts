import { compareText } from '../compare-text.js';
import type { Diagnostic } from '../ingest/diagnostic.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import { readColumn } from '../ingest/record-kind.js';
import type { RawRow } from '../ingest/raw-table.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { compareBuildNumbers, formatBuildNumber, parseAdminDisplayVersion, parseBuildNumber, type BuildNumber } from '../knowledge/build-number.js';
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

interface MachineDraft {
  name: string;
  exsetup: Sourced<BuildNumber> | null;
  patches: { items: InstalledPatch[]; from: Provenance[] } | null;
  os: Sourced<OperatingSystem> | null;
  crlReachable: Sourced<boolean> | null;
  dotNet: Sourced<DotNetFacts> | null;
  owaFiles: { items: OwaFile[]; from: Provenance[] } | null;
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

  // 1. The fleet: Get-ExchangeServer rows. A server's own export (Edge: run on the Edge itself) wins over the org's.
  const serverRows = new Map<string, Row>();
  for (const r of rowsOf('exchange-server')) {
    const name = readColumn(r.row.values, 'Name');
    if (!name) {
      diagnostics.push({ severity: 'warning', code: 'server-without-name', file: r.from.file, line: r.from.line, data: {} });
      continue;
    }
    const key = serverKey(name);
    const existing = serverRows.get(key);
    if (!existing) {
      serverRows.set(key, r);
      continue;
    }
    const ownFolder = serverKey(r.set.folder) === key && serverKey(existing.set.folder) !== key;
    const chosen = ownFolder ? r : existing;
    const other = ownFolder ? existing : r;
    serverRows.set(key, chosen);
    diagnostics.push({
      severity: 'info',
      code: 'server-listed-twice',
      file: other.from.file,
      line: other.from.line,
      data: { server: name, chosen: `${chosen.from.file}:${chosen.from.line}` },
    });
  }

  // 2. Clusters: Get-MailboxServer (storage type, redundant machines) and Get-ClusteredMailboxServerStatus (markers).
  const clusters = new Map<string, ClusterFacts>();
  for (const r of rowsOf('mailbox-server')) {
    const name = readColumn(r.row.values, 'Name');
    const storage = readColumn(r.row.values, 'ClusteredStorageType').toLowerCase();
    if (!name || storage === '' || storage === 'disabled') continue;
    const type = storage === 'shared' ? 'scc' : 'ccr';
    const nodes = splitCollection(readColumn(r.row.values, 'RedundantMachines')).map((n) => ({ name: n, active: false, quorumOwner: false }));
    clusters.set(serverKey(name), { type, nodes, from: r.from });
  }
  for (const r of rowsOf('clustered-mailbox-server-status')) {
    const identity = readColumn(r.row.values, 'Identity') || readColumn(r.row.values, 'ClusteredMailboxServerName');
    if (!identity) continue;
    const key = serverKey(identity);
    const machines = parseOperationalMachines(readColumn(r.row.values, 'OperationalMachines'));
    const known = clusters.get(key);
    const names = new Map<string, { name: string; active: boolean; quorumOwner: boolean }>();
    for (const n of known?.nodes ?? []) names.set(serverKey(n.name), n);
    for (const m of machines) names.set(serverKey(m.name), { ...m, name: names.get(serverKey(m.name))?.name ?? m.name });
    const nodes = [...names.values()].sort((a, b) => compareText(a.name, b.name));
    clusters.set(key, { type: known?.type ?? 'ccr', nodes, from: known?.from ?? r.from });
  }

  // 3. Machines: per-server records, named by a computer-name column or else by their folder.
  const machines = new Map<string, MachineDraft>();
  const machineFor = (r: Row): MachineDraft => machineNamed(COMPUTER_COLUMNS.map((c) => readColumn(r.row.values, c)).find((v) => v !== '') ?? r.set.folder);
  const machineNamed = (name: string): MachineDraft => {
    const key = serverKey(name);
    let m = machines.get(key);
    if (!m) {
      m = { name: name.split('.')[0] ?? name, exsetup: null, patches: null, os: null, crlReachable: null, dotNet: null, owaFiles: null, rpcProxy: null };
      machines.set(key, m);
    }
    return m;
  };
  const conflict = (fact: string, kept: Provenance, dropped: Provenance, machine: string, keptValue: string, droppedValue: string): void => {
    diagnostics.push({
      severity: 'warning',
      code: 'conflicting-facts',
      file: dropped.file,
      line: dropped.line,
      data: { fact, machine, kept: `${kept.file}:${kept.line}`, keptValue, droppedValue },
    });
  };

  for (const r of rowsOf('exsetup-version')) {
    const fileName = readColumn(r.row.values, 'FileName');
    if (!/exsetup\.exe$/i.test(fileName)) {
      diagnostics.push({ severity: 'warning', code: 'not-exsetup', file: r.from.file, line: r.from.line, data: { fileName } });
      continue;
    }
    const text = readColumn(r.row.values, 'FileVersion') || readColumn(r.row.values, 'ProductVersion');
    const build = parseBuildNumber(text);
    if (!build) {
      diagnostics.push({ severity: 'error', code: 'bad-build-number', file: r.from.file, line: r.from.line, data: { value: text } });
      continue;
    }
    const m = machineFor(r);
    if (m.exsetup && compareBuildNumbers(m.exsetup.value, build) !== 0) {
      conflict('exsetup', m.exsetup.from, r.from, m.name, formatBuildNumber(m.exsetup.value), formatBuildNumber(build));
      continue;
    }
    m.exsetup ??= { value: build, from: r.from };
  }

  // A header-only listing is the collector's answer for a machine without any update installed: known, and none.
  for (const set of recordSets) {
    if (set.kind !== 'installed-patches' || set.rows.length > 0 || set.folder === '') continue;
    const m = machineNamed(set.folder);
    m.patches ??= { items: [], from: [] };
    m.patches.from.push({ file: set.file, line: 1 });
  }
  for (const r of rowsOf('installed-patches')) {
    const m = machineFor(r);
    m.patches ??= { items: [], from: [] };
    if (!m.patches.from.some((p) => p.file === r.from.file)) m.patches.from.push({ file: r.from.file, line: r.from.line });
    const displayName = readColumn(r.row.values, 'DisplayName');
    const patch = classifyPatch(displayName, readColumn(r.row.values, 'Installed') || readColumn(r.row.values, 'InstallDate'), r.from, catalog);
    if (patch && !m.patches.items.some((p) => p.kb !== null && p.kb === patch.kb)) m.patches.items.push(patch);
  }

  for (const r of rowsOf('operating-system')) {
    const m = machineFor(r);
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
      diagnostics.push({ severity: 'warning', code: 'bad-boolean', file: r.from.file, line: r.from.line, data: { column: 'Reachable', value: readColumn(r.row.values, 'Reachable') } });
      continue;
    }
    const m = machineFor(r);
    if (m.crlReachable && m.crlReachable.value !== value) {
      // Safe reading: one failed test means the host may not reach the CRL during setup.
      conflict('crl', m.crlReachable.from, r.from, m.name, String(m.crlReachable.value), String(value));
      if (!value) m.crlReachable = { value, from: r.from };
      continue;
    }
    m.crlReachable ??= { value, from: r.from };
  }

  // .NET: NDP\v2.0.50727 (and its language subkeys) give the CLR 2.0 SP; NDP\v3.5 brings CLR 2.0 SP1+.
  for (const r of rowsOf('dotnet-framework')) {
    const version = readColumn(r.row.values, 'Version');
    const installed = readColumn(r.row.values, 'Install') !== '0';
    const m = machineFor(r);
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
    if (!path) continue;
    const m = machineFor(r);
    m.owaFiles ??= { items: [], from: [] };
    if (!m.owaFiles.from.some((p) => p.file === r.from.file)) m.owaFiles.from.push({ file: r.from.file, line: r.from.line });
    const lengthText = readColumn(r.row.values, 'Length');
    const timeText = readColumn(r.row.values, 'LastWriteTime');
    const lastWriteTime = parseDateTime(timeText);
    if (lastWriteTime === null && timeText !== '') {
      diagnostics.push({ severity: 'warning', code: 'bad-date-time', file: r.from.file, line: r.from.line, data: { column: 'LastWriteTime', value: timeText } });
    }
    if (m.owaFiles.items.some((f) => f.path.toLowerCase() === path.toLowerCase())) continue;
    m.owaFiles.items.push({ path, length: /^\d+$/.test(lengthText) ? Number(lengthText) : null, lastWriteTime, from: r.from });
  }

  // RPC proxy registry key: a record means the key exists on that machine.
  for (const r of rowsOf('rpc-proxy')) {
    const m = machineFor(r);
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
  for (const r of rowsOf('owa-virtual-directory')) {
    const server = readColumn(r.row.values, 'Server') || r.set.folder;
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
    const settings: OutlookAnywhere = {
      enabled: true,
      externalHostname: readColumn(v, 'ExternalHostname'),
      clientAuthenticationMethod: readColumn(v, 'ClientAuthenticationMethod'),
      iisAuthenticationMethods: readColumn(v, 'IISAuthenticationMethods'),
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
    const adminText = readColumn(v, 'AdminDisplayVersion');
    const admin = parseAdminDisplayVersion(adminText);
    if (!admin) diagnostics.push({ severity: 'warning', code: 'bad-admin-display-version', file: r.from.file, line: r.from.line, data: { server: name, value: adminText } });
    const excluded = admin && admin[0] !== 8 ? { reason: 'other-version' as const, version: adminText } : null;
    const cluster = clusters.get(key) ?? null;
    const machineNames = cluster ? cluster.nodes.map((n) => n.name) : [name];
    const serverMachines: MachineFacts[] = machineNames.map((machineName) => {
      const mKey = serverKey(machineName);
      claimed.add(mKey);
      const m = machines.get(mKey);
      return m
        ? { ...m, name: machineName.split('.')[0] ?? machineName, patches: m.patches ? { items: [...m.patches.items].sort(comparePatches), from: m.patches.from } : null, owaFiles: m.owaFiles ? { items: [...m.owaFiles.items].sort((a, b) => compareText(a.path.toLowerCase(), b.path.toLowerCase())), from: m.owaFiles.from } : null }
        : { name: machineName.split('.')[0] ?? machineName, exsetup: null, patches: null, os: null, crlReachable: null, dotNet: null, owaFiles: null, rpcProxy: null };
    });
    servers.push({
      name,
      fqdn: readColumn(v, 'Fqdn') || null,
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
    diagnostics.push({ severity: 'warning', code: 'machine-not-in-fleet', file: first?.file ?? '', ...(first ? { line: first.line } : {}), data: { machine: m.name } });
  }
  if (serverRows.size === 0) {
    diagnostics.push({ severity: 'error', code: 'no-exchange-servers', file: '', data: {} });
  }
  return { servers, diagnostics };
}

function classifyPatch(displayName: string, installedText: string, from: Provenance, catalog: BuildCatalog): InstalledPatch | null {
  const parsed = parsePatchName(displayName);
  const known = parsed.kb ? catalog.byKb(parsed.kb) : undefined;
  const installed = normalizeInstallDate(installedText);
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
