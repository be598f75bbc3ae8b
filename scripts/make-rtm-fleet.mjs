// Generates fixtures/rtm-fleet/: a second, different organisation for golden tests — Fabrikam, still on
// Exchange 2007 RTM and SP1, where no server runs the target service pack yet. It has what the sample fleet
// lacks: RTM hosts, a Windows Server 2003 SP1 host, a single copy cluster on Windows Server 2003, Unified
// Messaging, an Edge Transport server on its own, an interim update without a KB number, a host without
// Windows Installer 4.5, a Japanese Windows running an English Exchange. Files are UTF-8 with a BOM, as
// `Export-Csv -Encoding UTF8` writes them; rerun to rewrite the folder exactly.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'rtm-fleet');
const DOMAIN = 'fabrikam.local';
const SITE = `${DOMAIN}/Configuration/Sites/Nagoya`;

const csv = (type, header, rows) =>
  '\ufeff' + [...(type ? [`#TYPE ${type}`] : []), header.map((h) => `"${h}"`).join(','), ...rows.map((r) => r.map((v) => `"${v}"`).join(','))].join('\r\n') + '\r\n';

const servers = [
  { name: 'FBCAS01', role: 'ClientAccess, HubTransport', adv: 'Version 8.0 (Build 685.24)', build: [8, 0, 685, 24], os: ['Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition', '5.2.3790', 'Service Pack 1', '1033'] },
  { name: 'FBCAS02', role: 'ClientAccess', adv: 'Version 8.1 (Build 240.6)', build: [8, 1, 393, 1], os: ['Microsoft® Windows Server® 2008 Enterprise', '6.0.6001', 'Service Pack 1', '1041'] },
  { name: 'FBUM01', role: 'UnifiedMessaging', adv: 'Version 8.1 (Build 240.6)', build: [8, 1, 436, 0], os: ['Microsoft(R) Windows(R) Server 2003, Standard x64 Edition', '5.2.3790', 'Service Pack 2', '1033'] },
  { name: 'FBSCC01', role: 'Mailbox', adv: 'Version 8.0 (Build 685.24)', build: null, os: null, cluster: true },
];
const nodes = [
  { name: 'FBSCCN1', build: [8, 0, 685, 24], os: ['Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition', '5.2.3790', 'Service Pack 2', '1033'] },
  { name: 'FBSCCN2', build: [8, 0, 685, 24], os: ['Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition', '5.2.3790', 'Service Pack 2', '1033'] },
];
const edge = { name: 'FBEDGE01', role: 'Edge', adv: 'Version 8.1 (Build 240.6)', build: [8, 1, 436, 0], os: ['Microsoft(R) Windows(R) Server 2003, Standard x64 Edition', '5.2.3790', 'Service Pack 2', '1033'] };

const long = (b) => `${String(b[0]).padStart(2, '0')}.${String(b[1]).padStart(2, '0')}.${String(b[2]).padStart(4, '0')}.${String(b[3]).padStart(3, '0')}`;
const exsetup = (name, b) =>
  csv('System.Diagnostics.FileVersionInfo', ['PSComputerName', 'FileName', 'FileVersion', 'ProductVersion'], [[name, 'C:\\Program Files\\Microsoft\\Exchange Server\\bin\\ExSetup.exe', long(b), long(b)]]);
const osFile = (name, os) =>
  csv('System.Management.Automation.PSCustomObject', ['CSName', 'Caption', 'Version', 'CSDVersion', 'OSLanguage', 'ServicePackMajorVersion'], [[name, os[0], os[1], os[2], os[3], os[2].replace(/\D/g, '') || '0']]);
const patches = (rows) => csv('System.Management.Automation.PSCustomObject', ['PSChildName', 'DisplayName', 'Installed'], rows);
const crl = (name, reachable) => csv(null, ['ComputerName', 'Url', 'Reachable', 'Detail'], [[name, 'http://crl.microsoft.com/pki/crl/products/CodeSignPCA.crl', reachable ? 'True' : 'False', reachable ? 'OK' : 'The operation has timed out']]);
const dotnet = (sp) => csv('System.Management.Automation.PSCustomObject', ['PSChildName', 'Version', 'SP', 'Install'], [['v2.0.50727', sp === 0 ? '2.0.50727.42' : '2.0.50727.3053', String(sp), '1']]);

rmSync(OUT, { recursive: true, force: true });
const write = (file, text) => {
  mkdirSync(dirname(join(OUT, file)), { recursive: true });
  writeFileSync(join(OUT, file), text);
};

write(
  'org/ExchangeServer.csv',
  csv(
    'Selected.Microsoft.Exchange.Data.Directory.Management.ExchangeServer',
    ['Name', 'Fqdn', 'ServerRole', 'Edition', 'AdminDisplayVersion', 'Site', 'IsMemberOfCluster', 'ExchangeVersion'],
    servers.map((s) => [s.name, `${s.name}.${DOMAIN}`, s.role, 'Enterprise', s.adv, SITE, s.cluster ? 'Yes' : 'No', '0.1 (8.0.535.0)']),
  ),
);
write('org/MailboxServer.csv', csv(null, ['Name', 'ClusteredStorageType', 'RedundantMachines'], [['FBSCC01', 'Shared', 'FBSCCN1 FBSCCN2']]));
write(
  'org/ClusteredMailboxServerStatus.csv',
  csv('Selected.Microsoft.Exchange.Management.ClusterTasks.ClusteredMailboxServerStatus', ['Identity', 'ClusteredMailboxServerName', 'State', 'OperationalMachines'], [['FBSCC01', `FBSCC01.${DOMAIN}`, 'Online', 'FBSCCN1 <Active, Quorum Owner>;FBSCCN2']]),
);
write(
  'org/OwaVirtualDirectory.csv',
  csv('Selected.Microsoft.Exchange.Data.Directory.SystemConfiguration.ADOwaVirtualDirectory', ['Server', 'Name', 'InternalUrl', 'ExternalUrl'], [
    ['FBCAS01', 'owa (Default Web Site)', `https://fbcas01.${DOMAIN}/owa`, 'https://mail.fabrikam.co.jp/owa'],
    ['FBCAS02', 'owa (Default Web Site)', `https://fbcas02.${DOMAIN}/owa`, ''],
  ]),
);

for (const s of [...servers.filter((s) => !s.cluster), ...nodes]) {
  write(`${s.name}/ExSetup.csv`, exsetup(s.name, s.build));
  write(`${s.name}/OperatingSystem.csv`, osFile(s.name, s.os));
}
// FBCAS01: RTM on Windows Server 2003 SP1, no Internet, .NET 2.0 without SP, an interim update without a KB number.
write('FBCAS01/InstalledPatches.csv', patches([['0C1E5A7B9D3F2E4A6B8C0D1E2F3A4B5C', 'Interim Update for Exchange Server 2007 (OWA attachment fix)', '20080311']]));
write('FBCAS01/CrlCheck.csv', crl('FBCAS01', false));
write('FBCAS01/DotNetFramework.csv', dotnet(0));
// FBCAS02: SP1 RU9 on Windows Server 2008 (6.0.6001) with a Japanese UI, English Exchange (rollup names in English).
write('FBCAS02/InstalledPatches.csv', patches([['359090F8F3DCBD741AA3CAFC93E0B12D', 'Update Rollup 9 for Exchange Server 2007 Service Pack 1 (KB970162)', '20090818']]));
write('FBCAS02/DotNetFramework.csv', dotnet(2));
// FBUM01: SP1 RU10, Internet reachable.
write('FBUM01/InstalledPatches.csv', patches([['5B6B2A2C8F1E3D4C9A0B1C2D3E4F5A6B', 'Update Rollup 10 for Exchange Server 2007 Service Pack 1 (KB981407)', '20100409']]));
write('FBUM01/CrlCheck.csv', crl('FBUM01', true));
write('FBUM01/DotNetFramework.csv', dotnet(2));
// SCC nodes: RTM, no rollup.
for (const n of nodes) {
  write(`${n.name}/InstalledPatches.csv`, patches([]));
  write(`${n.name}/CrlCheck.csv`, crl(n.name, false));
  write(`${n.name}/DotNetFramework.csv`, dotnet(2));
}
// FBEDGE01: collected on the Edge itself (not domain-joined), with its own Get-ExchangeServer.
write(
  'FBEDGE01/ExchangeServer.csv',
  csv('Selected.Microsoft.Exchange.Data.Directory.Management.ExchangeServer', ['Name', 'Fqdn', 'ServerRole', 'Edition', 'AdminDisplayVersion', 'Site', 'IsMemberOfCluster', 'ExchangeVersion'], [
    [edge.name, `${edge.name}.perimeter.fabrikam.co.jp`, 'Edge', 'Standard', edge.adv, '', 'No', '0.1 (8.0.535.0)'],
  ]),
);
write('FBEDGE01/ExSetup.csv', exsetup(edge.name, edge.build));
write('FBEDGE01/OperatingSystem.csv', osFile(edge.name, edge.os));
write('FBEDGE01/InstalledPatches.csv', patches([['5B6B2A2C8F1E3D4C9A0B1C2D3E4F5A6B', 'Update Rollup 10 for Exchange Server 2007 Service Pack 1 (KB981407)', '20100409']]));
write('FBEDGE01/CrlCheck.csv', crl(edge.name, true));
write('FBEDGE01/DotNetFramework.csv', dotnet(2));
write(
  'README.md',
  '<!-- Generated by scripts/make-rtm-fleet.mjs; edit the script, not this file. -->\n# RTM fleet: Fabrikam\n\n' +
    'A second organisation for golden tests, still on Exchange 2007 RTM and SP1: no server runs the target service pack yet, so the\n' +
    'schema and Active Directory must be prepared. FBCAS01 (Internet-facing CAS + Hub, RTM) runs Windows Server 2003 SP1 (below the SP2\n' +
    'that SP2/SP3 setup needs), has no Internet access, .NET 2.0 without SP and an interim update without a KB number. FBCAS02 (SP1 RU9,\n' +
    'proxied CAS) runs Windows Server 2008 before SP2 (no Windows Installer 4.5) with a Japanese UI and an English Exchange. FBUM01 is\n' +
    'Unified Messaging (SP1 RU10), FBSCC01 a single copy cluster at RTM on two Windows Server 2003 nodes, FBEDGE01 an Edge Transport\n' +
    'server collected on its own. Regenerate with `node scripts/make-rtm-fleet.mjs`.\n',
);
console.log(`fixtures/rtm-fleet written`);
