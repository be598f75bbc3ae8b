// Generates fixtures/collector-output/: an inventory shaped exactly like the output of
// templates/collector/Collect-ExrunbookInventory.ps1; rerun to rewrite the folder exactly.
//
// What the collector writes, and so what this reproduces byte for byte:
// - one folder per run: `org` (-Scope Organization) or the computer's name (-Scope Server);
// - every export through Export-Csv -NoTypeInformation -Encoding Unicode: UTF-16LE with a BOM, no #TYPE
//   line, every header and value quoted, $null written as nothing, CRLF after every line;
// - values as the collector's ConvertTo-FieldText makes them: lists joined with ';', dates as
//   yyyy-MM-ddTHH:mm:ss (invariant culture), Active Directory ids (Site, Server) by their name;
// - an export whose answer is "none" and that is marked -NoneIsAnAnswer (InstalledPatches,
//   OutlookAnywhere) writes its header line alone; other empty exports write no file;
// - collector.log in every folder: UTF-16LE with a BOM, one CRLF-terminated line per event.
// test/collector-output.test.ts checks that the columns here are the ones the script exports.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packedPatchCode } from './inventory-exports.mjs';
import { CRLF, ENCODINGS, csvText } from './powershell-writers.mjs';

// An argument writes elsewhere (the test regenerates into a temporary folder and compares).
const OUT_DIR = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'collector-output');

/** Export name (file name without .csv) → the columns the collector exports, in order. */
const EXPORT_COLUMNS = {
  ExchangeServer: ['Name', 'Fqdn', 'ServerRole', 'Edition', 'AdminDisplayVersion', 'Site', 'IsMemberOfCluster', 'IsExchange2007OrLater', 'ExchangeVersion'],
  OwaVirtualDirectory: ['Server', 'Name', 'InternalUrl', 'ExternalUrl'],
  OutlookAnywhere: ['Server', 'Name', 'ExternalHostname', 'ClientAuthenticationMethod', 'IISAuthenticationMethods', 'SSLOffloading'],
  MailboxServer: ['Name', 'ClusteredStorageType', 'RedundantMachines'],
  ClusteredMailboxServerStatus: ['Identity', 'ClusteredMailboxServerName', 'State', 'OperationalMachines'],
  ExSetup: ['ComputerName', 'FileName', 'FileVersion', 'ProductVersion', 'FileMajorPart', 'FileMinorPart', 'FileBuildPart', 'FilePrivatePart'],
  InstalledPatches: ['ComputerName', 'PSChildName', 'DisplayName', 'Installed'],
  DotNetFramework: ['ComputerName', 'Key', 'Version', 'SP', 'Install'],
  OperatingSystem: ['CSName', 'Caption', 'Version', 'CSDVersion', 'OSLanguage', 'OSArchitecture', 'ServicePackMajorVersion'],
  OwaFiles: ['ComputerName', 'FullName', 'Length', 'LastWriteTime'],
  RpcProxy: ['ComputerName', 'ValidPorts', 'Enabled'],
  Services: ['ComputerName', 'Name', 'DisplayName', 'State', 'StartMode'],
  SoftwarePublishing: ['ComputerName', 'Account', 'SoftwarePublishingState'],
  ExchangeSetupLog: ['ComputerName', 'LineNumber', 'SetupLogLine'],
  CrlCheck: ['ComputerName', 'Url', 'Reachable', 'Detail', 'Proxy', 'TimeoutSeconds'],
};

const DOMAIN = 'fabrikam.co.jp';
const INSTALL_PATH = 'C:\\Program Files\\Microsoft\\Exchange Server\\';
const CRL_URL = 'http://crl.microsoft.com/pki/crl/products/CodeSignPCA.crl';

// ---------------------------------------------------------------------------------------------------
// The organisation: an Internet-facing CAS with Outlook Anywhere, a CCR clustered mailbox server on two
// nodes, and an Edge Transport server that is not subscribed (so only its own run lists it).

const EXCHANGE_SERVERS = [
  { Name: 'EXCAS01', Fqdn: `EXCAS01.${DOMAIN}`, ServerRole: 'ClientAccess, HubTransport', Edition: 'Enterprise', AdminDisplayVersion: 'Version 8.3 (Build 83.6)', Site: 'Tokyo', IsMemberOfCluster: 'No', IsExchange2007OrLater: 'True', ExchangeVersion: '0.1 (8.0.535.0)' },
  { Name: 'EXMBX01', Fqdn: `EXMBX01.${DOMAIN}`, ServerRole: 'Mailbox', Edition: 'Enterprise', AdminDisplayVersion: 'Version 8.3 (Build 83.6)', Site: 'Tokyo', IsMemberOfCluster: 'Yes', IsExchange2007OrLater: 'True', ExchangeVersion: '0.1 (8.0.535.0)' },
];
const EDGE_SERVER = { Name: 'EXEDGE01', Fqdn: 'exedge01.dmz.fabrikam.co.jp', ServerRole: 'Edge', Edition: 'Standard', AdminDisplayVersion: 'Version 8.3 (Build 83.6)', Site: null, IsMemberOfCluster: 'No', IsExchange2007OrLater: 'True', ExchangeVersion: '0.1 (8.0.535.0)' };

const OWA_VIRTUAL_DIRECTORIES = [
  { Server: 'EXCAS01', Name: 'owa (Default Web Site)', InternalUrl: `https://excas01.${DOMAIN}/owa`, ExternalUrl: `https://mail.${DOMAIN}/owa` },
  { Server: 'EXCAS01', Name: 'Exchange (Default Web Site)', InternalUrl: null, ExternalUrl: null },
  { Server: 'EXCAS01', Name: 'Public (Default Web Site)', InternalUrl: null, ExternalUrl: null },
  { Server: 'EXCAS01', Name: 'Exchweb (Default Web Site)', InternalUrl: null, ExternalUrl: null },
];

const OUTLOOK_ANYWHERE = [
  { Server: 'EXCAS01', Name: 'Rpc (Default Web Site)', ExternalHostname: `mail.${DOMAIN}`, ClientAuthenticationMethod: 'Basic', IISAuthenticationMethods: 'Basic;Ntlm', SSLOffloading: 'False' },
];

const MAILBOX_SERVERS = [{ Name: 'EXMBX01', ClusteredStorageType: 'NonShared', RedundantMachines: 'EXMBX01A;EXMBX01B' }];

const CMS_STATUS = [{ Identity: 'EXMBX01', ClusteredMailboxServerName: `EXMBX01.${DOMAIN}`, State: 'Online', OperationalMachines: 'EXMBX01A <Active, Quorum Owner>;EXMBX01B' }];

const OS_2008_ENTERPRISE_JA = { Caption: 'Microsoft® Windows Server® 2008 Enterprise ', Version: '6.0.6002', CSDVersion: 'Service Pack 2', OSLanguage: '1041', OSArchitecture: '64 ビット', ServicePackMajorVersion: '2' };
const OS_2008R2_STANDARD_EN = { Caption: 'Microsoft Windows Server 2008 R2 Standard ', Version: '6.1.7601', CSDVersion: 'Service Pack 1', OSLanguage: '1033', OSArchitecture: '64-bit', ServicePackMajorVersion: '1' };

/** NDP keys with Version, SP or Install, a key's children before its grandchildren (Get-ChildItem -Recurse). */
function dotNet35Sp1(clr, lcid) {
  return [
    { Key: 'v2.0.50727', Version: `2.0.50727.${clr}`, SP: '2', Install: '1' },
    { Key: 'v3.0', Version: `3.0.30729.${clr}`, SP: '2', Install: '1' },
    { Key: 'v3.5', Version: `3.5.30729.${clr}`, SP: '1', Install: '1' },
    { Key: `v2.0.50727\\${lcid}`, Version: `2.0.50727.${clr}`, SP: '2', Install: '1' },
    { Key: 'v3.0\\Setup', Version: `3.0.30729.${clr}`, SP: null, Install: null },
    { Key: `v3.5\\${lcid}`, Version: `3.5.30729.${clr}`, SP: '1', Install: '1' },
  ];
}

/** Win32_Service records the collector keeps (Exchange, IIS and related services), in WMI's order. */
function services(names) {
  const all = {
    IISADMIN: ['IIS Admin Service', 'Running', 'Auto'],
    MSExchangeADTopology: ['Microsoft Exchange Active Directory Topology Service', 'Running', 'Auto'],
    MSExchangeEdgeCredential: ['Microsoft Exchange Credential Service', 'Running', 'Auto'],
    MSExchangeFDS: ['Microsoft Exchange File Distribution', 'Running', 'Auto'],
    MSExchangeIS: ['Microsoft Exchange Information Store', 'Running', 'Auto'],
    MSExchangeIMAP4: ['Microsoft Exchange IMAP4', 'Stopped', 'Manual'],
    MSExchangePOP3: ['Microsoft Exchange POP3', 'Stopped', 'Manual'],
    MSExchangeRepl: ['Microsoft Exchange Replication Service', 'Running', 'Auto'],
    MSExchangeSA: ['Microsoft Exchange System Attendant', 'Running', 'Auto'],
    MSExchangeServiceHost: ['Microsoft Exchange Service Host', 'Running', 'Auto'],
    MSExchangeTransport: ['Microsoft Exchange Transport', 'Running', 'Auto'],
    W3SVC: ['World Wide Web Publishing Service', 'Running', 'Auto'],
    WinMgmt: ['Windows Management Instrumentation', 'Running', 'Auto'],
  };
  return names.map((name) => ({ Name: name, DisplayName: all[name][0], State: all[name][1], StartMode: all[name][2] }));
}

/** The result lines of ExchangeSetup.log the collector keeps (the last 20 matching lines, in file order). */
const SETUP_LOG_SP3 = [
  { LineNumber: '48211', SetupLogLine: '[11/02/2012 22:31:07] [0] The Microsoft Exchange Server setup operation completed successfully.' },
  { LineNumber: '48212', SetupLogLine: '[11/02/2012 22:31:07] [0] End of Setup' },
];

const RU10_JA = { kb: 'KB2788321', DisplayName: 'Exchange Server 2007 Service Pack 3 (KB2788321) 用の更新プログラムのロールアップ 10', Installed: '20130312' };

/** The computers that hold Exchange binaries, one folder each. `log` lists what their run logged. */
const MACHINES = [
  {
    name: 'EXCAS01',
    os: OS_2008_ENTERPRISE_JA,
    exsetup: '08.03.0298.003',
    patches: [RU10_JA],
    dotnet: dotNet35Sp1('4016', '1041'),
    owa: { builds: ['8.3.83.6', '8.3.298.3'], time: '2013-03-12T10:41:07' },
    rpcProxy: {
      ValidPorts: ['EXCAS01', `EXCAS01.${DOMAIN}`, 'EXMBX01', `EXMBX01.${DOMAIN}`].flatMap((host) => [`${host}:6001-6002`, `${host}:6004`]).join(';'),
      Enabled: '1',
    },
    crl: { Reachable: 'False', Detail: 'name resolution failed: そのようなホストは不明です。', Proxy: 'direct' },
    services: services(['IISADMIN', 'MSExchangeADTopology', 'MSExchangeFDS', 'MSExchangeIMAP4', 'MSExchangePOP3', 'MSExchangeServiceHost', 'MSExchangeTransport', 'W3SVC', 'WinMgmt']),
    publisherState: '146432',
    setupLog: SETUP_LOG_SP3,
  },
  {
    name: 'EXMBX01A',
    os: OS_2008_ENTERPRISE_JA,
    exsetup: '08.03.0298.003',
    patches: [RU10_JA],
    dotnet: dotNet35Sp1('4016', '1041'),
    crl: { Reachable: 'False', Detail: 'name resolution of crl.microsoft.com did not finish within 5 s', Proxy: 'direct' },
    services: services(['IISADMIN', 'MSExchangeADTopology', 'MSExchangeIS', 'MSExchangeRepl', 'MSExchangeSA', 'MSExchangeServiceHost', 'W3SVC', 'WinMgmt']),
    publisherState: '146944',
    setupLog: SETUP_LOG_SP3,
  },
  {
    name: 'EXMBX01B',
    os: OS_2008_ENTERPRISE_JA,
    exsetup: '08.03.0298.003',
    patches: [RU10_JA],
    dotnet: dotNet35Sp1('4016', '1041'),
    crl: { Reachable: 'False', Detail: 'name resolution of crl.microsoft.com did not finish within 5 s', Proxy: 'direct' },
    // The passive node: the Information Store and System Attendant are stopped by design.
    services: services(['IISADMIN', 'MSExchangeADTopology', 'MSExchangeIS', 'MSExchangeRepl', 'MSExchangeSA', 'MSExchangeServiceHost', 'W3SVC', 'WinMgmt']).map((r) => (r.Name === 'MSExchangeIS' || r.Name === 'MSExchangeSA' ? { ...r, State: 'Stopped' } : r)),
    publisherState: null,
    setupLog: SETUP_LOG_SP3,
  },
  {
    // Installed from SP3 media and never updated since: the header-only InstalledPatches.csv says so.
    name: 'EXEDGE01',
    os: OS_2008R2_STANDARD_EN,
    exsetup: '08.03.0083.006',
    patches: [],
    dotnet: dotNet35Sp1('5420', '1033'),
    crl: { Reachable: 'True', Detail: '200 OK (application/pkix-crl)', Proxy: 'http://proxy.dmz.fabrikam.co.jp:8080/' },
    services: services(['MSExchangeADTopology', 'MSExchangeEdgeCredential', 'MSExchangeServiceHost', 'MSExchangeTransport', 'WinMgmt']),
    publisherState: '146432',
    setupLog: [],
    edge: true,
  },
];

// ---------------------------------------------------------------------------------------------------
// The collector's runs

/** Get-ChildItem -Recurse of Owa\auth, then of each Owa\<build>\themes: a folder's items, then its subfolders'. */
function owaFiles(machine) {
  const owa = `${INSTALL_PATH}ClientAccess\\Owa`;
  const rows = [];
  const add = (path, length) => rows.push({ FullName: `${owa}\\${path}`, Length: length === null ? null : String(length), LastWriteTime: machine.owa.time });
  for (const [file, length] of [['expiredpassword.aspx', 7418], ['logoff.aspx', 6912], ['logon.aspx', 18604], ['owaauth.dll', 27520]]) add(`auth\\${file}`, length);
  for (const build of machine.owa.builds) {
    const themes = ['1', '2', 'base'];
    for (const theme of themes) add(`${build}\\themes\\${theme}`, null);
    for (const theme of themes) {
      const files = theme === 'base' ? [['logon.css', 5930], ['lgntopl.gif', 2240]] : [['csssprites.css', 39870 + Number(theme) * 112], ['thumbnail.gif', 1318 + Number(theme) * 41]];
      for (const [file, length] of files) add(`${build}\\themes\\${theme}\\${file}`, length);
    }
  }
  return rows;
}

/** One run of the collector: its exports in the script's order, and its log. */
function run(folder, start, exports) {
  const lines = [`INFO  exrunbook collector (format 1), scope ${folder === 'org' ? 'Organization' : 'Server'}, computer ${exports.computer}, PowerShell 2.0, account FABRIKAM\\exadmin, output D:\\exrunbook\\exrunbook-inventory\\${folder}`];
  const files = [];
  for (const { name, rows, none, noneIsAnAnswer } of exports.list) {
    const columns = EXPORT_COLUMNS[name];
    if (rows.length === 0 && !noneIsAnAnswer) {
      lines.push(`INFO  ${name}: ${none} -- no file written.`);
      continue;
    }
    const withComputer = rows.map((row) => (columns[0] === 'ComputerName' ? { ComputerName: exports.computer, ...row } : row));
    files.push({ path: `${folder}/${name}.csv`, text: csvText({ typeName: null, columns, rows: withComputer }) });
    lines.push(rows.length === 0 ? `OK    ${name}.csv: 0 records (${none}).` : `OK    ${name}.csv: ${rows.length} records.`);
  }
  lines.push(`INFO  Finished with 0 warning(s). Copy D:\\exrunbook\\exrunbook-inventory\\${folder} to the inventory folder for exrunbook.`);
  const seconds = (i) => String(start + i).padStart(2, '0');
  files.push({ path: `${folder}/collector.log`, text: lines.map((line, i) => `2026-11-20 09:15:${seconds(i)} ${line}${CRLF}`).join('') });
  return files;
}

function buildFiles() {
  const files = run('org', 0, {
    computer: 'EXCAS01',
    list: [
      { name: 'ExchangeServer', rows: EXCHANGE_SERVERS },
      { name: 'OwaVirtualDirectory', rows: OWA_VIRTUAL_DIRECTORIES },
      { name: 'OutlookAnywhere', rows: OUTLOOK_ANYWHERE, noneIsAnAnswer: true },
      { name: 'MailboxServer', rows: MAILBOX_SERVERS },
      { name: 'ClusteredMailboxServerStatus', rows: CMS_STATUS },
    ],
  });
  MACHINES.forEach((machine, index) => {
    const [major, minor, build, priv] = machine.exsetup.split('.').map((part) => String(Number(part)));
    const list = [
      { name: 'ExSetup', rows: [{ FileName: `${INSTALL_PATH}bin\\ExSetup.exe`, FileVersion: machine.exsetup, ProductVersion: machine.exsetup, FileMajorPart: major, FileMinorPart: minor, FileBuildPart: build, FilePrivatePart: priv }] },
      {
        name: 'InstalledPatches',
        rows: machine.patches.map((p) => ({ PSChildName: packedPatchCode(p.kb, 'collector-output'), DisplayName: p.DisplayName, Installed: p.Installed })),
        none: 'no update rollup or interim update installed',
        noneIsAnAnswer: true,
      },
      { name: 'DotNetFramework', rows: machine.dotnet },
      { name: 'OperatingSystem', rows: [{ CSName: machine.name, ...machine.os }] },
      { name: 'OwaFiles', rows: machine.owa ? owaFiles(machine) : [], none: 'no ClientAccess\\Owa folder (not a Client Access server)' },
      { name: 'RpcProxy', rows: machine.rpcProxy ? [machine.rpcProxy] : [], none: 'no RpcProxy registry key (the RPC over HTTP proxy is not installed)' },
      { name: 'Services', rows: machine.services, none: 'no Exchange or IIS service' },
      { name: 'SoftwarePublishing', rows: machine.publisherState ? [{ Account: 'FABRIKAM\\exadmin', SoftwarePublishingState: machine.publisherState }] : [], none: 'no State value under Software Publishing for this account' },
      { name: 'ExchangeSetupLog', rows: machine.setupLog, none: 'no result line in ExchangeSetup.log (or no log)' },
      { name: 'CrlCheck', rows: [{ Url: CRL_URL, ...machine.crl, TimeoutSeconds: '5' }] },
      ...(machine.edge ? [{ name: 'ExchangeServer', rows: [EDGE_SERVER] }] : []),
    ];
    files.push(...run(machine.name, 20 + index * 10, { computer: machine.name, list }));
  });
  return files;
}

function readme(files) {
  return `<!-- Generated by scripts/make-collector-fixture.mjs; edit the script, not this file. -->
# Collector output: Fabrikam Japan

What \`templates/collector/Collect-ExrunbookInventory.ps1\` writes for a small Exchange Server 2007
organisation, byte for byte (UTF-16LE with BOM, every field quoted, CRLF). \`test/collector-output.test.ts\`
reads it with zero diagnostics and checks that these columns are the ones the script exports.
Regenerate with \`node scripts/make-collector-fixture.mjs\`.

- \`org/\`: \`-Scope Organization\` in the Exchange Management Shell on EXCAS01.
- EXCAS01 (Client Access + Hub Transport, SP3 RU10, Japanese Windows Server 2008): Internet-facing
  (OWA ExternalUrl), Outlook Anywhere enabled (\`mail.${DOMAIN}\`), RpcProxy key with Exchange's own ports,
  stock OWA files.
- EXMBX01: a CCR clustered mailbox server; its nodes EXMBX01A (active, quorum owner) and EXMBX01B each
  ran the collector. No OWA folder, no RpcProxy key: those files are not written, the logs say why.
  On EXMBX01B (the passive node) the Information Store and System Attendant are stopped, and the
  account has no Software Publishing State value (no SoftwarePublishing.csv); on EXMBX01A the
  publisher revocation check is off (0x23e00).
- EXEDGE01: an Edge Transport server, not subscribed (the organisation's Get-ExchangeServer does not list
  it), collected on the Edge itself with its own \`ExchangeServer.csv\`; SP3 without any rollup, so its
  \`InstalledPatches.csv\` is the header line alone, and setup's log has no result line. It reaches the
  CRL through a proxy.

A subscribed Edge would also be in \`org/ExchangeServer.csv\`; \`exrunbook check\` then notes, as info, that
the Edge's own record is used.

## Files

${files.map((f) => `- \`${f.path}\``).join('\n')}
`;
}

const files = buildFiles();
rmSync(OUT_DIR, { recursive: true, force: true });
for (const file of files) {
  const target = join(OUT_DIR, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, ENCODINGS.unicode.encode(file.text));
}
writeFileSync(join(OUT_DIR, 'README.md'), readme(files));
console.log(`wrote ${files.length + 1} files to ${OUT_DIR}`);
