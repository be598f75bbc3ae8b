// Generates fixtures/sample-fleet/ (the Contoso Japan sample inventory and its README) and its variants
// fixtures/sample-fleet-format-list/, -clixml/ and -cp932/ (see VARIANTS); rerun to rewrite the folders exactly.
//
// Every file is built byte for byte the way Windows PowerShell 1.0/2.0 writes it on the server, because
// golden tests and the ingest layer depend on those bytes:
// - Export-Csv / ConvertTo-Csv quote every field and header, and write a $null value as nothing at all
//   (an empty string is written as ""); the #TYPE line is TypeNames[0] of the first object.
// - Select-Object names its output "Selected.<.NET type of the input>" from PowerShell 2.0 on; 1.0 gives a
//   plain System.Management.Automation.PSCustomObject. EXHUB01 (Windows Server 2003, Exchange 2007 SP1)
//   runs PowerShell 1.0; every other host runs 2.0.
// - Encodings are .NET's: ASCII turns every non-ASCII character into '?', UTF8 and Unicode write a BOM.
// - Format-List through Out-File (>) writes two blank lines, the padded "Name : value" lines, then three
//   blank lines (FormatStart, GroupStart, entry end, GroupEnd, FormatEnd).
// - Registry subkeys enumerate in sorted order, so InstalledPatches rows are sorted by PSChildName.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_VERSION_INFO_COLUMNS, fileVersionInfo, packedPatchCode, renderExport, selectedTypeName } from './inventory-exports.mjs';
import { csvText, cultureDateTime, ENCODINGS, formatListCollection, formatListText } from './powershell-writers.mjs';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'sample-fleet');

// ---------------------------------------------------------------------------------------------------
// The organisation

const DOMAIN = 'contoso.co.jp';
const SITE_TOKYO = `${DOMAIN}/Configuration/Sites/Tokyo`;
const SITE_OSAKA = `${DOMAIN}/Configuration/Sites/Osaka`;
const EXCHANGE_VERSION = '0.1 (8.0.535.0)';
const CRL_URL = 'http://crl.microsoft.com/pki/crl/products/CodeSignPCA.crl';
const PATCHES_KEY =
  'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Installer\\UserData\\S-1-5-18\\Products\\461C2B4266EDEF444B864AD6D9E5B613\\Patches';

/** Get-ExchangeServer objects, in the order the organisation returns them. A CMS is one object. */
const EXCHANGE_SERVERS = [
  {
    Name: 'EXCAS01',
    Fqdn: `EXCAS01.${DOMAIN}`,
    ServerRole: 'ClientAccess, HubTransport',
    Edition: 'Enterprise',
    AdminDisplayVersion: 'Version 8.3 (Build 83.6)',
    Site: SITE_TOKYO,
    IsMemberOfCluster: 'No',
  },
  {
    Name: 'EXCAS02',
    Fqdn: `EXCAS02.${DOMAIN}`,
    ServerRole: 'ClientAccess',
    Edition: 'Standard',
    AdminDisplayVersion: 'Version 8.2 (Build 176.2)',
    Site: SITE_OSAKA,
    IsMemberOfCluster: 'No',
  },
  {
    Name: 'EXHUB01',
    Fqdn: `EXHUB01.${DOMAIN}`,
    ServerRole: 'HubTransport',
    Edition: 'Standard',
    AdminDisplayVersion: 'Version 8.1 (Build 240.6)',
    Site: SITE_TOKYO,
    IsMemberOfCluster: 'No',
  },
  {
    Name: 'EXMBX01',
    Fqdn: `EXMBX01.${DOMAIN}`,
    ServerRole: 'Mailbox',
    Edition: 'Enterprise',
    AdminDisplayVersion: 'Version 8.3 (Build 83.6)',
    Site: SITE_TOKYO,
    IsMemberOfCluster: 'Yes',
  },
  {
    Name: 'EXMBX02',
    Fqdn: `EXMBX02.${DOMAIN}`,
    ServerRole: 'Mailbox',
    Edition: 'Standard',
    AdminDisplayVersion: 'Version 8.3 (Build 83.6)',
    Site: SITE_OSAKA,
    IsMemberOfCluster: 'No',
  },
  {
    // Edge: not domain-joined, no AD site ($null), AdminDisplayVersion as written at subscription time.
    Name: 'EXEDGE01',
    Fqdn: 'exedge01.dmz.contoso.co.jp',
    ServerRole: 'Edge',
    Edition: 'Standard',
    AdminDisplayVersion: 'Version 8.3 (Build 83.6)',
    Site: null,
    IsMemberOfCluster: 'No',
  },
].map((server) => ({ ...server, ExchangeVersion: EXCHANGE_VERSION }));

const OS = {
  w2008r2Enterprise: {
    Caption: 'Microsoft Windows Server 2008 R2 Enterprise ',
    Version: '6.1.7601',
    CSDVersion: 'Service Pack 1',
    OSArchitecture: '64-bit',
    ServicePackMajorVersion: '1',
  },
  w2008r2Standard: {
    Caption: 'Microsoft Windows Server 2008 R2 Standard ',
    Version: '6.1.7601',
    CSDVersion: 'Service Pack 1',
    OSArchitecture: '64-bit',
    ServicePackMajorVersion: '1',
  },
  // Japanese Windows localises OSArchitecture ("64 ビット"); the Caption stays English.
  w2008StandardJa: {
    Caption: 'Microsoft® Windows Server® 2008 Standard ',
    Version: '6.0.6002',
    CSDVersion: 'Service Pack 2',
    OSArchitecture: '64 ビット',
    ServicePackMajorVersion: '2',
  },
  w2008EnterpriseJa: {
    Caption: 'Microsoft® Windows Server® 2008 Enterprise ',
    Version: '6.0.6002',
    CSDVersion: 'Service Pack 2',
    OSArchitecture: '64 ビット',
    ServicePackMajorVersion: '2',
  },
  // Server 2003 (R2 is not in the Caption) has no OSArchitecture property: Select-Object yields $null.
  w2003R2EnterpriseX64: {
    Caption: 'Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition',
    Version: '5.2.3790',
    CSDVersion: 'Service Pack 2',
    OSArchitecture: null,
    ServicePackMajorVersion: '2',
  },
};

const CRL_TIMEOUT = { Reachable: 'False', Detail: 'The operation has timed out' };
const CRL_OK = { Reachable: 'True', Detail: '200 OK' };

const NDP_KEY = 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP';

/**
 * `Get-ChildItem '<NDP>' -Recurse | Get-ItemProperty | Select PSChildName,Version,SP,Install`: one row per key
 * that has values, a key's children before its grandchildren; a value the key lacks is $null (written as
 * nothing). Language subkeys (1033 / 1041) repeat the version. Build numbers are plausible, not copied.
 */
const DOTNET = {
  // Windows Server 2003 x64 as installed with Exchange 2007 SP1: .NET Framework 2.0 RTM only (no SP1, no 3.5).
  clr2Rtm: [
    { PSChildName: 'v2.0.50727', Version: '2.0.50727.42', SP: '0', Install: '1' },
    { PSChildName: '1033', Version: '2.0.50727.42', SP: '0', Install: '1' },
  ],
  // .NET Framework 3.5 SP1 (2.0 SP2, 3.0 SP2), as on Windows Server 2008 SP2 after installing dotnetfx35 and in 2008 R2 SP1.
  net35sp1: (clr, lcid) => [
    { PSChildName: 'v2.0.50727', Version: `2.0.50727.${clr}`, SP: '2', Install: '1' },
    { PSChildName: 'v3.0', Version: `3.0.30729.${clr}`, SP: '2', Install: '1' },
    { PSChildName: 'v3.5', Version: `3.5.30729.${clr}`, SP: '1', Install: '1' },
    { PSChildName: lcid, Version: `2.0.50727.${clr}`, SP: '2', Install: '1' },
    { PSChildName: 'Setup', Version: `3.0.30729.${clr}`, SP: null, Install: null },
    { PSChildName: lcid, Version: `3.5.30729.${clr}`, SP: '1', Install: '1' },
  ],
};

/**
 * The machines that hold Exchange binaries, one inventory folder each. `ps` is the PowerShell version that
 * ran the collector; `lang` the OS UI language (it localises FileVersionInfo.Language and OSArchitecture).
 */
const MACHINES = [
  {
    name: 'EXCAS01',
    ps: 2,
    lang: 'en',
    osLanguage: '1033',
    os: OS.w2008r2Enterprise,
    exsetup: { version: '08.03.0298.003', writer: 'export-csv' },
    osEncoding: 'utf8',
    patches: [
      {
        kb: 'KB2788321',
        package: 'en',
        DisplayName: 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)',
        Installed: '20130305',
      },
      {
        kb: 'KB2814847',
        package: 'en',
        DisplayName: 'Interim Update for Exchange Server 2007 Service Pack 3 Update Rollup 10 (KB2814847)',
        Installed: '20130419',
      },
    ],
    crl: CRL_TIMEOUT,
    dotnet: DOTNET.net35sp1('5420', '1033'),
  },
  {
    name: 'EXCAS02',
    ps: 2,
    lang: 'ja',
    osLanguage: '1041',
    os: OS.w2008StandardJa,
    exsetup: { version: '08.02.0247.002', writer: 'convertto-csv' },
    osEncoding: 'unicode',
    patches: [
      {
        kb: 'KB971534',
        package: 'ja',
        DisplayName: 'Exchange Server 2007 Service Pack 2 (KB971534) 用の更新プログラムのロールアップ 1',
        Installed: '20091215',
      },
      {
        kb: 'KB979784',
        package: 'ja',
        DisplayName: 'Exchange Server 2007 Service Pack 2 (KB979784) 用の更新プログラムのロールアップ 3',
        Installed: '20100420',
      },
    ],
    crl: null,
    dotnet: DOTNET.net35sp1('4016', '1041'),
  },
  {
    name: 'EXHUB01',
    ps: 1,
    lang: 'en',
    osLanguage: '1033',
    os: OS.w2003R2EnterpriseX64,
    exsetup: { version: '08.01.0393.001', writer: 'export-csv' },
    osEncoding: 'utf8',
    patches: [
      {
        kb: 'KB968012',
        package: 'en',
        DisplayName: 'Update Rollup 8 for Exchange Server 2007 Service Pack 1 (KB968012)',
        Installed: '20090616',
      },
      {
        kb: 'KB970162',
        package: 'en',
        DisplayName: 'Update Rollup 9 for Exchange Server 2007 Service Pack 1 (KB970162)',
        Installed: '20090818',
      },
    ],
    crl: CRL_TIMEOUT,
    dotnet: DOTNET.clr2Rtm,
  },
  {
    name: 'EXMBX01N1',
    ps: 2,
    lang: 'ja',
    osLanguage: '1041',
    os: OS.w2008EnterpriseJa,
    exsetup: { version: '08.03.0245.002', writer: 'convertto-csv' },
    osEncoding: 'unicode',
    patches: [
      {
        kb: 'KB2608656',
        package: 'ja',
        DisplayName: 'Exchange Server 2007 Service Pack 3 (KB2608656) 用の更新プログラムのロールアップ 6',
        Installed: '20120222',
      },
    ],
    crl: CRL_TIMEOUT,
    dotnet: DOTNET.net35sp1('4016', '1041'),
  },
  {
    name: 'EXMBX01N2',
    ps: 2,
    lang: 'ja',
    osLanguage: '1041',
    os: OS.w2008EnterpriseJa,
    exsetup: { version: '08.03.0245.002', writer: 'convertto-csv' },
    osEncoding: 'unicode',
    patches: [
      {
        kb: 'KB2608656',
        package: 'ja',
        DisplayName: 'Exchange Server 2007 Service Pack 3 (KB2608656) 用の更新プログラムのロールアップ 6',
        Installed: '20120221',
      },
    ],
    crl: CRL_TIMEOUT,
    dotnet: DOTNET.net35sp1('4016', '1041'),
  },
  {
    name: 'EXMBX02',
    ps: 2,
    lang: 'en',
    osLanguage: '1033',
    os: OS.w2008r2Standard,
    exsetup: { version: '08.03.0517.000', writer: 'export-csv' },
    osEncoding: 'utf8',
    patches: [
      {
        kb: 'KB4011325',
        package: 'en',
        DisplayName: 'Update Rollup 23 for Exchange Server 2007 Service Pack 3 (KB4011325)',
        Installed: '20170418',
      },
    ],
    crl: CRL_OK,
    dotnet: DOTNET.net35sp1('5420', '1033'),
  },
  {
    name: 'EXEDGE01',
    ps: 2,
    lang: 'en',
    osLanguage: '1033',
    os: OS.w2008r2Standard,
    exsetup: { version: '08.03.0389.002', writer: 'export-csv' },
    osEncoding: 'utf8',
    patches: [
      {
        kb: 'KB2996150',
        package: 'en',
        DisplayName: 'Update Rollup 15 for Exchange Server 2007 Service Pack 3 (KB2996150)',
        Installed: '20150120',
      },
    ],
    crl: CRL_OK,
    dotnet: DOTNET.net35sp1('5420', '1033'),
    localExchangeServer: true,
  },
];

const OWA_VIRTUAL_DIRECTORIES = [
  { server: 'EXCAS01', internalUrl: 'https://excas01.contoso.co.jp/owa', externalUrl: 'https://mail.contoso.co.jp/owa' },
  { server: 'EXCAS02', internalUrl: 'https://excas02.contoso.co.jp/owa', externalUrl: null },
].flatMap(({ server, internalUrl, externalUrl }) => [
  { Server: server, Name: 'owa (Default Web Site)', InternalUrl: internalUrl, ExternalUrl: externalUrl },
  // Exchange 2007's legacy (Exchange 2003 compatibility) vdirs: no URLs set ($null).
  { Server: server, Name: 'Exchange (Default Web Site)', InternalUrl: null, ExternalUrl: null },
  { Server: server, Name: 'Public (Default Web Site)', InternalUrl: null, ExternalUrl: null },
  { Server: server, Name: 'Exchweb (Default Web Site)', InternalUrl: null, ExternalUrl: null },
]);

const OWA_PATH = 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa';

/**
 * OWA file listings (`Get-ChildItem` of Owa\auth, then of each Owa\<build>\themes, -Recurse): a folder's items
 * in name order, then its subfolders' contents; a folder (DirectoryInfo) has no Length, so Select-Object writes
 * $null. `entries` are [path below Owa, length or null for a folder, ISO local time].
 */
function owaListing(buildFolders, authTime, extra = []) {
  const auth = [
    ['auth\\expiredpassword.aspx', 7418, authTime],
    ['auth\\logoff.aspx', 6912, authTime],
    ['auth\\logon.aspx', 18604, authTime],
    ['auth\\owaauth.dll', 27520, authTime],
  ];
  const themes = [];
  for (const { build, time, custom = [] } of buildFolders) {
    const folders = [['1', 3], ['2', 3], ['3', 3], ['base', 5], ...custom.map((name) => [name.name, name.files.length])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name] of folders) {
      const customTheme = custom.find((c) => c.name === name);
      themes.push([`${build}\\themes\\${name}`, null, customTheme ? customTheme.time : time]);
    }
    for (const [name] of folders) {
      const customTheme = custom.find((c) => c.name === name);
      const files = customTheme
        ? customTheme.files
        : name === 'base'
          ? [['csssprites.css', 41236], ['lgntopl.gif', 2240], ['lgntopm.gif', 814], ['lgntopr.gif', 2204], ['logon.css', 5930]]
          : [['csssprites.css', 39870 + Number(name) * 112], ['csssprites.png', 48113 + Number(name) * 977], ['thumbnail.gif', 1318 + Number(name) * 41]];
      for (const [file, length] of files) themes.push([`${build}\\themes\\${name}\\${file}`, length, customTheme ? customTheme.time : time]);
    }
  }
  const byPath = new Map(extra.map((e) => [e[0], e]));
  return [...auth, ...themes].map((entry) => byPath.get(entry[0]) ?? entry);
}

const OWA_FILES = {
  // EXCAS01: logon.aspx edited for the company banner three months after RU10 replaced the auth files, and a
  // custom theme folder "contoso" in the current build's themes.
  EXCAS01: owaListing(
    [
      { build: '8.3.83.6', time: '2010-07-14T21:06:48' },
      {
        build: '8.3.298.3',
        time: '2013-03-05T10:16:02',
        custom: [{ name: 'contoso', time: '2013-06-12T18:41:27', files: [['csssprites.css', 41236], ['csssprites.png', 51877], ['logo-contoso.gif', 3412], ['thumbnail.gif', 1402]] }],
      },
    ],
    '2013-03-05T10:15:44',
    [['auth\\logon.aspx', 19872, '2013-06-12T18:40:05']],
  ),
  // EXCAS02: stock files of SP2 and SP2 RU3.
  EXCAS02: owaListing(
    [
      { build: '8.2.176.2', time: '2009-09-03T16:22:10' },
      { build: '8.2.247.2', time: '2010-04-20T14:03:37' },
    ],
    '2010-04-20T14:02:51',
  ),
};

/**
 * RpcProxy key of EXCAS01 (Outlook Anywhere): ValidPorts edited by hand to add the CMS and the global catalog
 * TKDC01, including the RPC endpoint mapper port 593, which Exchange never writes itself.
 */
const RPC_PROXY = {
  EXCAS01: {
    ValidPorts: [
      'EXCAS01:6001-6002', 'EXCAS01:6004', 'EXCAS01.contoso.co.jp:6001-6002', 'EXCAS01.contoso.co.jp:6004',
      'EXMBX01:6001-6002', 'EXMBX01:6004', 'EXMBX01.contoso.co.jp:6001-6002', 'EXMBX01.contoso.co.jp:6004',
      'TKDC01:593', 'TKDC01:6004', 'TKDC01.contoso.co.jp:593', 'TKDC01.contoso.co.jp:6004',
    ].join(';'),
    Enabled: '1',
  },
};

const MAILBOX_SERVERS = [
  { Name: 'EXMBX01', ClusteredStorageType: 'NonShared', RedundantMachines: 'EXMBX01N1 EXMBX01N2' },
  // An empty collection -join ' ' is the empty string, which Export-Csv writes as "".
  { Name: 'EXMBX02', ClusteredStorageType: 'Disabled', RedundantMachines: '' },
];

const CMS_STATUS = {
  Identity: 'EXMBX01',
  ClusteredMailboxServerName: 'EXMBX01.contoso.co.jp',
  State: 'Online',
  OperationalMachines: ['EXMBX01N1 <Active, Quorum Owner>', 'EXMBX01N2'],
  FailedResources: [],
  OperationalReplicationHostNames: ['exmbx01n1', 'exmbx01n2'],
  FailedReplicationHostNames: [],
  InUseReplicationHostNames: ['exmbx01n1', 'exmbx01n2'],
  IsValid: 'True',
  ObjectState: 'Unchanged',
};

// ---------------------------------------------------------------------------------------------------
// Files

/** A CSV export's text, with its table kept so that the variants can render the same rows (see variantFiles). */
const csvExport = (table) => ({ text: csvText(table), table });

/** Each file: path, the command that made it on the server, its encoding, its text and the table behind it. */
function buildFiles() {
  const files = [];
  const add = (path, { command, note = '', host, encoding, typeName, text, table }) =>
    files.push({ path, command, note, host, encoding, typeName, text, table });

  const exchangeServerColumns = ['Name', 'Fqdn', 'ServerRole', 'Edition', 'AdminDisplayVersion', 'Site', 'IsMemberOfCluster', 'ExchangeVersion'];
  const exchangeServerType = 'Selected.Microsoft.Exchange.Data.Directory.Management.ExchangeServer';

  add('org/ExchangeServer.csv', {
    command: `Get-ExchangeServer | Select-Object ${exchangeServerColumns.join(',')} | Export-Csv ExchangeServer.csv -Encoding UTF8`,
    host: 'EXCAS01, PowerShell 2.0',
    encoding: 'utf8',
    typeName: exchangeServerType,
    ...csvExport({ typeName: exchangeServerType, columns: exchangeServerColumns, rows: EXCHANGE_SERVERS }),
  });

  const owaType = 'Selected.Microsoft.Exchange.Data.Directory.SystemConfiguration.ADOwaVirtualDirectory';
  add('org/OwaVirtualDirectory.csv', {
    command: 'Get-OwaVirtualDirectory | Select-Object Server,Name,InternalUrl,ExternalUrl | Export-Csv OwaVirtualDirectory.csv',
    host: 'EXCAS01, PowerShell 2.0',
    encoding: 'ascii',
    typeName: owaType,
    ...csvExport({ typeName: owaType, columns: ['Server', 'Name', 'InternalUrl', 'ExternalUrl'], rows: OWA_VIRTUAL_DIRECTORIES }),
  });

  add('org/MailboxServer.csv', {
    command:
      "Get-MailboxServer | Select-Object Name,ClusteredStorageType,@{n='RedundantMachines';e={$_.RedundantMachines -join ' '}} | Export-Csv MailboxServer.csv -NoTypeInformation -Encoding Unicode",
    host: 'EXCAS01, PowerShell 2.0',
    encoding: 'unicode',
    typeName: null,
    ...csvExport({ typeName: null, columns: ['Name', 'ClusteredStorageType', 'RedundantMachines'], rows: MAILBOX_SERVERS }),
  });

  add('org/ClusteredMailboxServerStatus.txt', {
    command: 'Get-ClusteredMailboxServerStatus -Identity EXMBX01 | Format-List > ClusteredMailboxServerStatus.txt',
    host: 'EXCAS01, PowerShell 2.0',
    encoding: 'unicode',
    typeName: null,
    text: formatListText([Object.entries(CMS_STATUS).map(([name, value]) => [name, Array.isArray(value) ? formatListCollection(value) : value])]),
    table: { typeName: null, columns: Object.keys(CMS_STATUS), rows: [CMS_STATUS] },
  });

  const cmsType = 'Selected.Microsoft.Exchange.Management.ClusterTasks.ClusteredMailboxServerStatus';
  add('org/ClusteredMailboxServerStatus.csv', {
    command:
      "Get-ClusteredMailboxServerStatus -Identity EXMBX01 | Select-Object Identity,ClusteredMailboxServerName,State,@{n='OperationalMachines';e={$_.OperationalMachines -join ';'}} | Export-Csv ClusteredMailboxServerStatus.csv -Encoding UTF8",
    host: 'EXCAS01, PowerShell 2.0',
    encoding: 'utf8',
    typeName: cmsType,
    ...csvExport({
      typeName: cmsType,
      columns: ['Identity', 'ClusteredMailboxServerName', 'State', 'OperationalMachines'],
      rows: [{ ...CMS_STATUS, OperationalMachines: CMS_STATUS.OperationalMachines.join(';') }],
    }),
  });

  for (const machine of MACHINES) {
    const host = `${machine.name}, PowerShell ${machine.ps}.0`;
    const dir = machine.name;

    if (machine.localExchangeServer) {
      const row = EXCHANGE_SERVERS.find((server) => server.Name === machine.name);
      add(`${dir}/ExchangeServer.csv`, {
        command: `Get-ExchangeServer | Select-Object ${exchangeServerColumns.join(',')} | Export-Csv ExchangeServer.csv -Encoding UTF8`,
        note: 'run on the Edge itself, which answers from its own AD LDS (ADAM) instance',
        host,
        encoding: 'utf8',
        typeName: exchangeServerType,
        ...csvExport({ typeName: exchangeServerType, columns: exchangeServerColumns, rows: [row] }),
      });
    }

    const versionInfo = fileVersionInfo(machine.exsetup.version, machine.lang);
    if (machine.exsetup.writer === 'export-csv') {
      add(`${dir}/ExSetup.csv`, {
        command: 'Get-Command ExSetup | ForEach { $_.FileVersionInfo } | Export-Csv ExSetup.csv',
        host,
        encoding: 'ascii',
        typeName: 'System.Diagnostics.FileVersionInfo',
        ...csvExport({ typeName: 'System.Diagnostics.FileVersionInfo', columns: FILE_VERSION_INFO_COLUMNS, rows: [versionInfo] }),
      });
    } else {
      add(`${dir}/ExSetup.csv`, {
        command: 'Get-Command ExSetup | ForEach { $_.FileVersionInfo } | ConvertTo-Csv -NoTypeInformation > ExSetup.csv',
        host,
        encoding: 'unicode',
        typeName: null,
        ...csvExport({ typeName: null, columns: FILE_VERSION_INFO_COLUMNS, rows: [versionInfo] }),
      });
    }

    const patchesType = selectedTypeName(machine.ps, 'System.Management.Automation.PSCustomObject');
    const patchRows = machine.patches
      .map((patch) => ({ PSChildName: packedPatchCode(patch.kb, patch.package), DisplayName: patch.DisplayName, Installed: patch.Installed }))
      .sort((a, b) => (a.PSChildName < b.PSChildName ? -1 : a.PSChildName > b.PSChildName ? 1 : 0));
    add(`${dir}/InstalledPatches.csv`, {
      command: `Get-ChildItem '${PATCHES_KEY}' | ForEach { Get-ItemProperty $_.PSPath } | Select-Object PSChildName,DisplayName,Installed | Export-Csv InstalledPatches.csv -Encoding UTF8`,
      host,
      encoding: 'utf8',
      typeName: patchesType,
      ...csvExport({ typeName: patchesType, columns: ['PSChildName', 'DisplayName', 'Installed'], rows: patchRows }),
    });

    const osType = selectedTypeName(machine.ps, 'System.Management.ManagementObject');
    const osColumns = ['CSName', 'Caption', 'Version', 'CSDVersion', 'OSLanguage', 'OSArchitecture', 'ServicePackMajorVersion'];
    add(`${dir}/OperatingSystem.csv`, {
      command: `Get-WmiObject Win32_OperatingSystem | Select-Object ${osColumns.join(',')} | Export-Csv OperatingSystem.csv -Encoding ${machine.osEncoding === 'unicode' ? 'Unicode' : 'UTF8'}`,
      host,
      encoding: machine.osEncoding,
      typeName: osType,
      ...csvExport({ typeName: osType, columns: osColumns, rows: [{ CSName: machine.name, OSLanguage: machine.osLanguage, ...machine.os }] }),
    });

    const dotnetType = selectedTypeName(machine.ps, 'System.Management.Automation.PSCustomObject');
    add(`${dir}/DotNetFramework.csv`, {
      command: `Get-ChildItem '${NDP_KEY}' -Recurse | Get-ItemProperty | Select-Object PSChildName,Version,SP,Install | Export-Csv DotNetFramework.csv -Encoding Unicode`,
      host,
      encoding: 'unicode',
      typeName: dotnetType,
      ...csvExport({ typeName: dotnetType, columns: ['PSChildName', 'Version', 'SP', 'Install'], rows: machine.dotnet }),
    });

    if (machine.crl !== null) {
      add(`${dir}/CrlCheck.csv`, {
        command: '<CRL test result> | Export-Csv CrlCheck.csv -NoTypeInformation -Encoding UTF8',
        note: "the collector's own test: a PSObject with ComputerName, Url, Reachable, Detail",
        host,
        encoding: 'utf8',
        typeName: null,
        ...csvExport({ typeName: null, columns: ['ComputerName', 'Url', 'Reachable', 'Detail'], rows: [{ ComputerName: machine.name, Url: CRL_URL, ...machine.crl }] }),
      });
    }
  }
  for (const machine of MACHINES) {
    const host = `${machine.name}, PowerShell ${machine.ps}.0`;
    const listing = OWA_FILES[machine.name];
    if (listing) {
      add(`${machine.name}/OwaFiles.csv`, {
        command:
          "$owa = (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Exchange\\Setup').MsiInstallPath + 'ClientAccess\\Owa'; Get-ChildItem \"$owa\\auth\", \"$owa\\*\\themes\" -Recurse | Select-Object FullName,Length,LastWriteTime | Export-Csv OwaFiles.csv -Encoding UTF8",
        note: 'LastWriteTime in the host culture',
        host,
        encoding: 'utf8',
        typeName: 'Selected.System.IO.FileInfo',
        ...csvExport({
          typeName: 'Selected.System.IO.FileInfo',
          columns: ['FullName', 'Length', 'LastWriteTime'],
          rows: listing.map(([path, length, time]) => ({ FullName: `${OWA_PATH}\\${path}`, Length: length === null ? null : String(length), LastWriteTime: cultureDateTime(time, machine.lang) })),
        }),
      });
    }
    const rpcProxy = RPC_PROXY[machine.name];
    if (rpcProxy) {
      const rpcType = selectedTypeName(machine.ps, 'System.Management.Automation.PSCustomObject');
      add(`${machine.name}/RpcProxy.csv`, {
        command: 'Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\Rpc\\RpcProxy | Select-Object ValidPorts,Enabled | Export-Csv RpcProxy.csv -Encoding UTF8',
        host,
        encoding: 'utf8',
        typeName: rpcType,
        ...csvExport({ typeName: rpcType, columns: ['ValidPorts', 'Enabled'], rows: [rpcProxy] }),
      });
    }
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------
// README (English), generated from the same data so it cannot drift from the files

function readme(files) {
  const machine = (name) => MACHINES.find((m) => m.name === name);
  const exsetupBuild = (name) => machine(name).exsetup.version;
  const fileRows = files
    .map((f) => `| \`${f.path}\` | ${f.host} | \`${f.command.replace(/\|/g, '\\|')}\`${f.note === '' ? '' : ` (${f.note})`} | ${ENCODINGS[f.encoding].label} | ${f.typeName === null ? 'none' : `\`#TYPE ${f.typeName}\``} |`)
    .join('\n');
  return `<!-- Generated by scripts/make-sample-fleet.mjs; edit the script, not this file. -->
# Sample fleet: Contoso Japan

An inventory of a small Exchange Server 2007 organisation, written byte for byte as Windows PowerShell 1.0/2.0
writes it on the servers. It is the input of \`npm run sample\` and of golden tests. Regenerate it with
\`node scripts/make-sample-fleet.mjs\` (the script deletes and rewrites this folder).

## Organisation

- Forest/domain \`contoso.co.jp\`; Active Directory sites \`${SITE_TOKYO}\` and \`${SITE_OSAKA}\`.
- \`org/\` holds the organisation-wide exports, run once in the Exchange Management Shell on EXCAS01
  (PowerShell 2.0). Each other folder is one machine that holds Exchange binaries, named after it; its files
  were collected on that machine.
- A clustered mailbox server (CMS) is one Exchange server object (EXMBX01) but two machines (its nodes
  EXMBX01N1 and EXMBX01N2), so the CMS appears in \`org/\` and the nodes have the folders.

## Servers

| Exchange server | Roles | Site | Edition | Level (ExSetup.exe) | Machine(s) and OS | Notes |
|---|---|---|---|---|---|---|
| EXCAS01 | ClientAccess, HubTransport | Tokyo | Enterprise | SP3 RU10, \`${exsetupBuild('EXCAS01')}\` | EXCAS01: Windows Server 2008 R2 Enterprise SP1, English | Internet-facing CAS (OWA ExternalUrl \`https://mail.contoso.co.jp/owa\`). Interim update KB2814847 installed on top of RU10 (KB2788321). CRL unreachable. OWA customised: \`auth\\logon.aspx\` edited after RU10 and a custom theme folder \`8.3.298.3\\themes\\contoso\`. Outlook Anywhere: RpcProxy ValidPorts edited by hand (CMS EXMBX01 and global catalog TKDC01, including port 593). |
| EXCAS02 | ClientAccess | Osaka | Standard | SP2 RU3, \`${exsetupBuild('EXCAS02')}\` | EXCAS02: Windows Server 2008 Standard SP2, Japanese (OSLanguage 1041) | Non-Internet-facing CAS (OWA InternalUrl only), reached by CAS-to-CAS proxy. Patches listed in Japanese: RU1 (KB971534) and RU3 (KB979784). **No CRL check file** (Internet access unknown). Stock OWA files (no customisation); no RpcProxy key. |
| EXHUB01 | HubTransport | Tokyo | Standard | SP1 RU9, \`${exsetupBuild('EXHUB01')}\` | EXHUB01: Windows Server 2003 R2 Enterprise x64 Edition SP2, English | PowerShell 1.0 host. Patches RU8 (KB968012) and RU9 (KB970162). .NET Framework 2.0 without a service pack and no .NET 3.5 (CLR ignores generatePublisherEvidence). CRL unreachable. |
| EXMBX01 (CMS, CCR) | Mailbox | Tokyo | Enterprise | SP3 RU6, \`${exsetupBuild('EXMBX01N1')}\` on both nodes | EXMBX01N1 (active, quorum owner) and EXMBX01N2 (passive): Windows Server 2008 Enterprise SP2 x64, Japanese | IsMemberOfCluster Yes; ClusteredStorageType NonShared. Patches in Japanese: RU6 (KB2608656). CRL unreachable on both nodes. |
| EXMBX02 | Mailbox | Osaka | Standard | SP3 RU23, \`${exsetupBuild('EXMBX02')}\` | EXMBX02: Windows Server 2008 R2 Standard SP1, English | Already at the last Exchange 2007 update (RU23, KB4011325). CRL reachable. |
| EXEDGE01 | Edge | (none) | Standard | SP3 RU15, \`${exsetupBuild('EXEDGE01')}\` | EXEDGE01: Windows Server 2008 R2 Standard SP1, English | Perimeter network, FQDN \`exedge01.dmz.contoso.co.jp\`, not domain-joined, so Site is empty; its AdminDisplayVersion in AD is the value written at Edge subscription. Collected on the Edge itself, including its own \`ExchangeServer.csv\`. RU15 (KB2996150). CRL reachable. |

AdminDisplayVersion shows the service pack only (\`Version 8.3 (Build 83.6)\` = SP3); the rollup level comes
from ExSetup.exe's FileVersion and the installed-patch list. ExchangeVersion is \`${EXCHANGE_VERSION}\` on every
object and is not a build.

## Files

Every CSV line ends with CRLF, including the last one; the Format-List text also uses CRLF.

| File | Collected on | Command | Encoding | Type line |
|---|---|---|---|---|
${fileRows}

## Details that are deliberate

- **Quoting**: Export-Csv and ConvertTo-Csv quote every header and value. A \`$null\` value is written as
  nothing at all (\`…,\`), an empty string as \`""\`. So an OWA ExternalUrl or InternalUrl that is not set, the
  Edge's Site, and Server 2003's missing OSArchitecture are empty and unquoted, while ExSetup's empty
  FileVersionInfo strings (Comments, FileDescription, PrivateBuild, SpecialBuild) and EXMBX02's empty
  RedundantMachines are \`""\`.
- **Type line**: \`Select-Object\` output is \`Selected.<input type>\` on PowerShell 2.0 and plain
  \`System.Management.Automation.PSCustomObject\` on 1.0, which is why EXHUB01's InstalledPatches.csv and
  OperatingSystem.csv differ from the other hosts'. \`-NoTypeInformation\` and ConvertTo-Csv files have none.
- **ASCII loss**: Export-Csv's default ASCII encoding turns \`®\` and \`©\` in ExSetup's ProductName,
  LegalCopyright and LegalTrademarks into \`?\` (for example \`Microsoft? Exchange\`). The UTF-16 ExSetup files
  (EXCAS02, EXMBX01N1, EXMBX01N2) keep them.
- **Localisation**: on the Japanese hosts, FileVersionInfo.Language reads \`言語ニュートラル\` (English hosts:
  \`Language Neutral\`) and WMI's OSArchitecture reads \`64 ビット\`; Captions stay English, with WMI's trailing
  space on Server 2008 and 2008 R2.
- **Patch list**: PSChildName is the packed (registry) form of each MSI patch code; the codes are made up but
  well-formed and stable (same package, same code on both CMS nodes). Rows are in registry order, i.e.
  sorted by PSChildName. Installed is \`YYYYMMDD\`, after each update's release date. Windows Installer keeps
  every rollup installed since the last service pack, so earlier rollups stay listed.
- **Invented values**: names, URLs, patch codes, install dates and the non-version ExSetup strings
  (CompanyName, LegalCopyright, …) are plausible, not copied from real servers.
`;
}

// ---------------------------------------------------------------------------------------------------
// Variants: the same inventory as Format-List text, as CLIXML and as cp932 CSV. Every file is rendered
// again from the table behind it (the same rows), as the same command would write it in that format;
// test/format-variants.test.ts checks that all four give the same plan.json.

const VARIANTS = {
  'format-list': {
    dir: 'sample-fleet-format-list',
    title: 'Sample fleet as Format-List text',
    summary: 'every export piped to `Format-List` and redirected with `>` (Out-File: UTF-16LE with BOM, 80 columns)',
  },
  clixml: {
    dir: 'sample-fleet-clixml',
    title: 'Sample fleet as CLIXML',
    summary: 'every export piped to `Export-Clixml` (PowerShell 2.0 serialization, UTF-16LE with BOM, its default)',
  },
  cp932: {
    dir: 'sample-fleet-cp932',
    title: 'Sample fleet with cp932 CSV',
    summary:
      'the CSV of `fixtures/sample-fleet`, but the Japanese hosts (EXCAS02, EXMBX01N1, EXMBX01N2) exported with `-Encoding Default`, i.e. their ANSI code page cp932 (Shift_JIS), without a BOM',
  },
};

/** The host that wrote a file, from `EXCAS01, PowerShell 2.0`: its PowerShell version and UI culture. */
function hostOf(file) {
  const match = /^(\w+), PowerShell (\d)\.0$/.exec(file.host);
  const machine = MACHINES.find((m) => m.name === match?.[1]);
  if (!match || !machine) throw new Error(`unknown host ${file.host}`);
  return { ps: Number(match[2]), lang: machine.lang };
}

/** `org/ExchangeServer.csv` → `org/ExchangeServer` (the folder and the export's name). */
const stemOf = (path) => path.replace(/\.\w+$/, '');

/**
 * The command aimed at another output: a calculated property that joined a collection becomes the plain
 * property (Format-List and CLIXML keep collections), and the Export-Csv / ConvertTo-Csv / Format-List tail
 * is replaced.
 */
function retargetCommand(command, tail) {
  const plain = command.replace(/@\{n='(\w+)';e=\{[^}]*\}\}/g, '$1');
  const replaced = plain.replace(/ \| (?:Export-Csv|ConvertTo-Csv|Format-List)\b.*$/, ` | ${tail}`);
  if (replaced === plain) throw new Error(`no output cmdlet to replace in: ${command}`);
  return replaced;
}

/** `-Encoding Default` on a Japanese host: its ANSI code page, cp932. */
function cp932Command(command) {
  if (/ConvertTo-Csv -NoTypeInformation > (\S+)$/.test(command)) return command.replace(/> (\S+)$/, '| Out-File $1 -Encoding Default');
  if (/ -Encoding \w+/.test(command)) return command.replace(/ -Encoding \w+/, ' -Encoding Default');
  return `${command} -Encoding Default`;
}

/** The files of one variant, from the original files (see VARIANTS). */
function variantFiles(files, variant) {
  const out = new Map();
  for (const file of files) {
    if (file.table === undefined) throw new Error(`${file.path} has no table: build it with csvExport(…) so the variants can render it`);
    const { ps, lang } = hostOf(file);
    const name = stemOf(file.path).split('/').at(-1);
    const selected = /\bSelect-Object\b/.test(file.command);
    const render = (format) => renderExport({ name, rows: file.table.rows, columns: file.table.columns, format, ps, lang, selected });
    const alreadyFormatList = file.path.endsWith('.txt');
    let entry;
    if (variant === 'cp932') {
      const japanese = lang === 'ja' && name !== 'OperatingSystem';
      entry = japanese ? { ...file, encoding: 'cp932', command: cp932Command(file.command) } : file;
    } else if (variant === 'format-list') {
      entry = alreadyFormatList
        ? file
        : { ...file, path: `${stemOf(file.path)}.txt`, encoding: 'unicode', command: retargetCommand(file.command, `Format-List${selected ? '' : ' *'} > ${name}.txt`), text: render('format-list') };
    } else {
      const note = file.note.replace('LastWriteTime in the host culture', 'LastWriteTime as <DT>: local time with its offset');
      entry = { ...file, path: `${stemOf(file.path)}.xml`, encoding: 'unicode', note, command: retargetCommand(file.command, `Export-Clixml ${name}.xml`), text: render('clixml') };
    }
    // The original has ClusteredMailboxServerStatus twice (Format-List text and joined CSV); in Format-List
    // and CLIXML the two would be the same file, so the first (the whole object) stays.
    if (!out.has(entry.path)) out.set(entry.path, entry);
  }
  return [...out.values()];
}

function variantReadme(variant, files) {
  const { title, summary } = VARIANTS[variant];
  const fileRows = files
    .map((f) => `| \`${f.path}\` | ${f.host} | \`${f.command.replace(/\|/g, '\\|')}\`${f.note === '' ? '' : ` (${f.note})`} | ${ENCODINGS[f.encoding].label} |`)
    .join('\n');
  const notes = {
    'format-list': `- **Collections** print as \`{a, b}\`: RedundantMachines and OperationalMachines are the collections themselves
  (the CSV joined them with a calculated property). ClusteredMailboxServerStatus is there once, as in the original's
  \`.txt\`.
- **Long values wrap** at the 80-column width, continuation lines indented to the value column, the way the host's
  culture wraps: English hosts break after a space and keep it at the end of the line; Japanese hosts (EXCAS02,
  EXMBX01N1, EXMBX01N2) cut at the width, mid-word and between double-width characters (a line that cannot take
  the next double-width character ends one cell short). ExSetup's LegalTrademarks, OWA paths, the RPC proxy
  ValidPorts and the Japanese patch names wrap.
- **Whole objects** (ExSetup's FileVersionInfo, the CRL test result) are listed with \`Format-List *\`, in the
  order of their properties.`,
    clixml: `- **Types** are the ones the cmdlets emit: Select-Object output is \`Selected.<type>\` over PSCustomObject with the
  properties in \`<MS>\`; whole objects (FileVersionInfo with its multi-line \`<ToString>\`, the clustered mailbox
  server status) keep their type and \`<Props>\`. Exchange enums (ServerRole, Edition, ClusteredStorageType) are
  \`<Obj>\` with \`<ToString>\` and \`<I32>\`; AdminDisplayVersion, Site and Server are objects with \`<ToString>\`;
  URLs are \`<URI>\`, OSLanguage \`<U32>\`, registry DWORDs \`<I32>\`, OWA file times \`<DT>\` in +09:00, $null \`<Nil />\`.
  A type-name list is written once (\`<TN RefId>\`) and referred to by \`<TNRef>\` afterwards.
- **Collections** are \`<LST>\` (RedundantMachines, OperationalMachines). ClusteredMailboxServerStatus is there once.
- EXHUB01 runs PowerShell 1.0: its Select-Object output is typed PSCustomObject, serialized the way 2.0 does it.
- **Invented values**: enum numbers not documented for Exchange 2007, AD object GUIDs and distinguished names.`,
    cp932: `- **Real Japanese in cp932**: the patch names and FileVersionInfo.Language (\`言語ニュートラル\`) of the Japanese
  hosts, so the ingest's cp932 decoding (and its \`decoded-as-cp932\` notice) is exercised. Their ASCII-only exports
  (.NET, OWA files, CRL test) are byte for byte ASCII, which is also valid UTF-8.
- **Best fit**: cp932 has no \`©\` or \`®\`; .NET's code-page encoder writes Windows' best fit, \`c\` and \`R\`, so the
  Japanese hosts' ExSetup.csv reads \`MicrosoftR Exchange\` and \`c 2006 Microsoft Corporation\`.
- **OperatingSystem.csv stays \`-Encoding Unicode\`** on the Japanese hosts: WMI's Caption
  (\`Microsoft® Windows Server® 2008 …\`) would turn into \`MicrosoftR Windows ServerR\` in cp932, and the plan
  shows the caption.
- The other hosts are English Windows, whose \`-Encoding Default\` is cp1252; their files are the original's.`,
  }[variant];
  return `<!-- Generated by scripts/make-sample-fleet.mjs; edit the script, not this file. -->
# ${title}

The Contoso Japan sample fleet of [\`fixtures/sample-fleet\`](../sample-fleet/README.md): same servers, same facts,
Japanese where the original is Japanese. Here it is ${summary}.

Made by \`node scripts/make-sample-fleet.mjs\` from the same data as the original (it rewrites this folder);
\`test/format-variants.test.ts\` checks that it reads the same facts and gives the original's plan.json, apart from
the input files and the lines they point at.

## Files

Every line ends with CRLF.

| File | Collected on | Command | Encoding |
|---|---|---|---|
${fileRows}

## Details that are deliberate

${notes}
`;
}

// ---------------------------------------------------------------------------------------------------

/** Deletes and rewrites one fixture folder. */
function writeFixture(dir, files, readmeText) {
  rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, ENCODINGS[file.encoding].encode(file.text));
  }
  // The README is documentation, not collector output: plain UTF-8 with LF.
  writeFileSync(join(dir, 'README.md'), readmeText);
  console.log(`wrote ${files.length + 1} files to ${dir}`);
}

const files = buildFiles();
writeFixture(OUT_DIR, files, readme(files));
for (const variant of Object.keys(VARIANTS)) {
  const variantFileList = variantFiles(files, variant);
  writeFixture(join(OUT_DIR, '..', VARIANTS[variant].dir), variantFileList, variantReadme(variant, variantFileList));
}
