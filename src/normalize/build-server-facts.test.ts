import { describe, expect, it } from 'vitest';
import type { RecordSet } from '../ingest/read-inventory.js';
import type { RawRow } from '../ingest/raw-table.js';
import { catalog } from '../../test/support/facts.js';
import { buildServerFacts } from './build-server-facts.js';
import { parseOperationalMachines, splitCollection } from './parse-values.js';

/** A record set as ingest makes it: the folder is the last folder of the path. */
function set(file: string, kind: RecordSet['kind'], ...rows: Record<string, string>[]): RecordSet {
  const folder = file.split('/').slice(0, -1).at(-1) ?? '';
  return { file, kind, format: 'csv', folder, rows: rows.map((values, i): RawRow => ({ line: i + 2, values })) };
}
const server = (Name: string, more: Record<string, string> = {}) => ({ Name, ServerRole: 'ClientAccess', AdminDisplayVersion: 'Version 8.3 (Build 83.6)', Fqdn: `${Name}.contoso.co.jp`, ...more });
const exsetup = (FileVersion: string, more: Record<string, string> = {}) => ({ FileName: 'C:\\bin\\ExSetup.exe', FileVersion, ...more });
const codes = (sets: RecordSet[]) => buildServerFacts(sets, catalog).diagnostics.map((d) => `${d.code}@${d.file}:${String(d.line)}`);

describe('identity: one server, whatever the spelling and wherever its files are', () => {
  it('merges NetBIOS, FQDN and case variants and finds files below a server folder', () => {
    const { servers, diagnostics } = buildServerFacts(
      [
        set('org/ExchangeServer.csv', 'exchange-server', server('EXCAS01')),
        set('ExCas01/registry/Patches.csv', 'installed-patches', { DisplayName: 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', Installed: '20130305' }),
        set('ExCas01/ExSetup.csv', 'exsetup-version', exsetup('08.03.0298.003', { PSComputerName: 'excas01.CONTOSO.co.jp' })),
      ],
      catalog,
    );
    expect(diagnostics).toEqual([]);
    expect(servers.map((s) => s.machines.map((m) => [m.name, m.exsetup?.value.join('.'), m.patches?.items.length]))).toEqual([[['EXCAS01', '8.3.298.3', 1]]]);
  });

  it('a server listed twice with the same values is merged silently; with other values, a warning names both and the one used', () => {
    const org = set('org/ExchangeServer.csv', 'exchange-server', server('EXEDGE01', { ServerRole: 'Edge' }));
    expect(codes([org, set('EXEDGE01/ExchangeServer.csv', 'exchange-server', server('exedge01', { ServerRole: 'Edge' }))])).toEqual(['machine-without-data@EXEDGE01/ExchangeServer.csv:2']);
    const own = set('EXEDGE01/ExchangeServer.csv', 'exchange-server', server('EXEDGE01', { ServerRole: 'Edge', AdminDisplayVersion: 'Version 8.2 (Build 176.2)' }));
    const { servers, diagnostics } = buildServerFacts([org, own], catalog);
    expect(diagnostics[0]).toEqual({
      severity: 'warning',
      code: 'server-records-disagree',
      file: 'org/ExchangeServer.csv',
      line: 2,
      data: { server: 'EXEDGE01', fields: 'AdminDisplayVersion', kept: 'EXEDGE01/ExchangeServer.csv:2' },
    });
    expect(servers[0]?.adminDisplayVersion?.value.join('.')).toBe('8.2.176.2');
  });

  it('a column naming another server than the folder is used, with a warning, unless it names a node of the CMS the folder is named after', () => {
    const fleet = set('org/ExchangeServer.csv', 'exchange-server', server('EXCAS01'), server('EXMBX01', { ServerRole: 'Mailbox' }));
    const cluster = set('org/MailboxServer.csv', 'mailbox-server', { Name: 'EXMBX01', ClusteredStorageType: 'NonShared', RedundantMachines: 'EXMBX01N1 EXMBX01N2' });
    expect(codes([fleet, cluster, set('EXCAS01/Os.csv', 'operating-system', { CSName: 'EXMBX01N1', Caption: 'Windows', Version: '6.0.6002' })])).toContain('folder-name-disagrees@EXCAS01/Os.csv:2');
    expect(codes([fleet, cluster, set('EXMBX01/Os.csv', 'operating-system', { CSName: 'EXMBX01N1', Caption: 'Windows', Version: '6.0.6002' })])).not.toContain('folder-name-disagrees@EXMBX01/Os.csv:2');
  });

  it('a file without a computer-name column outside any server folder is named as such, not as a machine called ""', () => {
    expect(codes([set('org/ExchangeServer.csv', 'exchange-server', server('EXCAS01')), set('ExSetup.csv', 'exsetup-version', exsetup('08.03.0298.003'))])).toEqual([
      'machine-unnamed@ExSetup.csv:2',
      'machine-without-data@org/ExchangeServer.csv:2',
    ]);
  });
});

describe('two files that disagree about one fact', () => {
  const fleet = set('org/ExchangeServer.csv', 'exchange-server', server('EXCAS01'));
  const newer = set('EXCAS01/a/ExSetup.csv', 'exsetup-version', exsetup('08.03.0298.003'));
  const older = set('EXCAS01/b/ExSetup.csv', 'exsetup-version', exsetup('08.03.0245.002'));

  it.each([
    ['newer first', [fleet, newer, older]],
    ['older first', [fleet, older, newer]],
  ])('ExSetup versions (%s): the lower is used, and the warning names both files', (_order, sets) => {
    const { servers, diagnostics } = buildServerFacts(sets, catalog);
    expect(servers[0]?.machines[0]?.exsetup).toEqual({ value: [8, 3, 245, 2], from: { file: 'EXCAS01/b/ExSetup.csv', line: 2 } });
    expect(diagnostics).toContainEqual({
      severity: 'warning',
      code: 'conflicting-exsetup-version',
      file: 'EXCAS01/a/ExSetup.csv',
      line: 2,
      data: { machine: 'EXCAS01', kept: 'EXCAS01/b/ExSetup.csv:2', keptValue: '8.3.245.2', droppedValue: '8.3.298.3' },
    });
  });

  const reachable = set('EXCAS01/a/CrlCheck.csv', 'crl-reachability', { ComputerName: 'EXCAS01', Reachable: 'True' });
  const unreachable = set('EXCAS01/b/CrlCheck.csv', 'crl-reachability', { ComputerName: 'EXCAS01', Reachable: 'False' });
  it.each([
    ['reachable first', [fleet, reachable, unreachable]],
    ['unreachable first', [fleet, unreachable, reachable]],
  ])('CRL tests (%s): the failed one is used, and the warning says so at the other', (_order, sets) => {
    const { servers, diagnostics } = buildServerFacts(sets, catalog);
    expect(servers[0]?.machines[0]?.crlReachable?.from.file).toBe('EXCAS01/b/CrlCheck.csv');
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'conflicting-crl-reachability', file: 'EXCAS01/a/CrlCheck.csv', data: { machine: 'EXCAS01', kept: 'EXCAS01/b/CrlCheck.csv:2' } }));
  });

  it('ExSetup against the installed updates and AdminDisplayVersion: ExSetup is used, both files named', () => {
    const { diagnostics } = buildServerFacts(
      [
        set('org/ExchangeServer.csv', 'exchange-server', server('EXCAS01', { AdminDisplayVersion: 'Version 8.2 (Build 176.2)' })),
        newer,
        set('EXCAS01/Patches.csv', 'installed-patches', { DisplayName: 'Update Rollup 11 for Exchange Server 2007 Service Pack 3 (KB2873746)', Installed: '20130812' }),
      ],
      catalog,
    );
    expect(diagnostics.map((d) => [d.code, d.file, d.data['exsetupFrom']])).toEqual([
      ['exsetup-admin-version-disagree', 'org/ExchangeServer.csv', 'EXCAS01/a/ExSetup.csv:2'],
      ['exsetup-patches-disagree', 'EXCAS01/Patches.csv', 'EXCAS01/a/ExSetup.csv:2'],
    ]);
  });
});

describe('collections cut by $FormatEnumerationLimit', () => {
  it('drop the "..." entry, which names no node', () => {
    expect(parseOperationalMachines('{N1 <Active, Quorum Owner>, N2, N3...}').map((n) => n.name)).toEqual(['N1', 'N2']);
    expect(splitCollection('{N1, N2, N3...}')).toEqual(['N1', 'N2']);
  });
});

describe('records that cannot be placed are reported, never skipped silently', () => {
  const fleet = set('org/ExchangeServer.csv', 'exchange-server', server('EXCAS01'));
  it.each([
    ['a Get-MailboxServer row without Name', set('org/MailboxServer.csv', 'mailbox-server', { Name: '', ClusteredStorageType: 'NonShared', RedundantMachines: 'N1 N2' }), 'row-without-key@org/MailboxServer.csv:2'],
    ['a cluster status row without Identity', set('org/ClusteredMailboxServerStatus.csv', 'clustered-mailbox-server-status', { Identity: '', OperationalMachines: 'N1 <Active>' }), 'row-without-key@org/ClusteredMailboxServerStatus.csv:2'],
    ['an OWA file row without FullName', set('EXCAS01/OwaFiles.csv', 'owa-files', { FullName: '', Length: '1', LastWriteTime: '' }), 'row-without-key@EXCAS01/OwaFiles.csv:2'],
    ['an organisation-wide OWA virtual directory without Server', set('OwaVirtualDirectory.csv', 'owa-virtual-directory', { Server: '', Name: 'owa (Default Web Site)', InternalUrl: '', ExternalUrl: '' }), 'row-without-key@OwaVirtualDirectory.csv:2'],
    ['an OWA virtual directory of a server the fleet does not list', set('org/OwaVirtualDirectory.csv', 'owa-virtual-directory', { Server: 'EXCAS99', Name: 'owa (Default Web Site)', InternalUrl: '', ExternalUrl: '' }), 'machine-not-in-fleet@org/OwaVirtualDirectory.csv:2'],
    ['Outlook Anywhere of a server the fleet does not list', set('org/OutlookAnywhere.csv', 'outlook-anywhere', { ServerName: 'EXCAS99', ExternalHostname: 'mail.contoso.co.jp' }), 'machine-not-in-fleet@org/OutlookAnywhere.csv:2'],
  ])('%s', (_name, records, expected) => {
    expect(codes([fleet, records])).toContain(expected);
  });
});

it('names the unknown server as the record spells it, once however many records name it', () => {
  const fleet = set('org/ExchangeServer.csv', 'exchange-server', server('EXCAS01'));
  const vdirs = set('org/OwaVirtualDirectory.csv', 'owa-virtual-directory', { Server: 'ExCas99', Name: 'owa (Default Web Site)', InternalUrl: '', ExternalUrl: '' }, { Server: 'EXCAS99', Name: 'Exchange (Default Web Site)', InternalUrl: '', ExternalUrl: '' });
  const oa = set('org/OutlookAnywhere.csv', 'outlook-anywhere', { ServerName: 'excas99', ExternalHostname: 'mail.contoso.co.jp' });
  const unknown = buildServerFacts([fleet, vdirs, oa], catalog).diagnostics.filter((d) => d.code === 'machine-not-in-fleet');
  expect(unknown).toEqual([{ severity: 'warning', code: 'machine-not-in-fleet', file: 'org/OwaVirtualDirectory.csv', line: 2, data: { machine: 'ExCas99' } }]);
});
