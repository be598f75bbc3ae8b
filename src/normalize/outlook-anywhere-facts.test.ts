import { describe, expect, it } from 'vitest';
import { classifyRecordKind } from '../ingest/record-kind.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import { buildServerFacts } from './build-server-facts.js';
import { catalog } from '../../test/support/facts.js';

const fleet: RecordSet = {
  file: 'org/ExchangeServer.csv',
  kind: 'exchange-server',
  format: 'csv',
  folder: 'org',
  rows: [
    { line: 2, values: { Name: 'EXCAS01', ServerRole: 'ClientAccess, HubTransport', AdminDisplayVersion: 'Version 8.3 (Build 83.6)' } },
    { line: 3, values: { Name: 'EXCAS02', ServerRole: 'ClientAccess', AdminDisplayVersion: 'Version 8.3 (Build 83.6)' } },
  ],
};
const outlookAnywhere = (rows: RecordSet['rows']): RecordSet => ({ file: 'org/OutlookAnywhere.csv', kind: 'outlook-anywhere', format: 'csv', folder: 'org', rows });
const row = (line: number, values: Record<string, string>) => ({ line, values: { ExternalHostname: 'mail.contoso.co.jp', ClientAuthenticationMethod: 'Basic', ...values } });

describe('Outlook Anywhere export', () => {
  it.each([
    [['Server', 'Name', 'Identity', 'ExternalHostname', 'ClientAuthenticationMethod', 'IISAuthenticationMethods', 'SSLOffloading']],
    // Get-OutlookAnywhere | Export-Csv without Select-Object: every property of the Rpc virtual directory.
    [['ServerName', 'SSLOffloading', 'ExternalHostname', 'ClientAuthenticationMethod', 'IISAuthenticationMethods', 'MetabasePath', 'Path', 'Server', 'AdminDisplayName', 'ExchangeVersion', 'Name', 'DistinguishedName', 'Identity']],
  ])('%j is recognised as outlook-anywhere', (columns) => {
    expect(classifyRecordKind(columns)).toBe('outlook-anywhere');
  });

  it('marks the listed server enabled with its settings and the other servers disabled, citing the export', () => {
    const { servers, diagnostics } = buildServerFacts(
      [fleet, outlookAnywhere([row(2, { Server: 'EXCAS01', Name: 'Rpc (Default Web Site)', IISAuthenticationMethods: 'Basic;Ntlm', SSLOffloading: 'False' })])],
      catalog,
    );
    // Only the servers without per-server files are reported (machine-without-data), nothing about the export.
    expect(diagnostics.filter((d) => d.code !== 'machine-without-data')).toEqual([]);
    expect(servers.map((s) => [s.name, s.outlookAnywhere])).toEqual([
      [
        'EXCAS01',
        {
          value: { enabled: true, externalHostname: 'mail.contoso.co.jp', clientAuthenticationMethod: 'Basic', iisAuthenticationMethods: ['Basic', 'Ntlm'], sslOffloading: false },
          from: { file: 'org/OutlookAnywhere.csv', line: 2 },
        },
      ],
      ['EXCAS02', { value: { enabled: false }, from: { file: 'org/OutlookAnywhere.csv', line: 1 } }],
    ]);
  });

  it.each([
    ['ServerName', { ServerName: 'excas02' }],
    ['Identity', { Identity: 'EXCAS02\\Rpc (Default Web Site)' }],
  ])('names the server by %s when there is no Server column', (_, values) => {
    const { servers } = buildServerFacts([fleet, outlookAnywhere([row(2, values)])], catalog);
    expect(servers.find((s) => s.name === 'EXCAS02')?.outlookAnywhere?.value.enabled).toBe(true);
    expect(servers.find((s) => s.name === 'EXCAS01')?.outlookAnywhere?.value.enabled).toBe(false);
  });

  it('keeps the first record of a server and reports a second one that disagrees', () => {
    const { servers, diagnostics } = buildServerFacts(
      [fleet, outlookAnywhere([row(2, { Server: 'EXCAS01' }), row(3, { Server: 'EXCAS01', ExternalHostname: 'owa.contoso.co.jp' })])],
      catalog,
    );
    expect(servers[0]?.outlookAnywhere?.from.line).toBe(2);
    expect(diagnostics.filter((d) => d.code !== 'machine-without-data').map((d) => `${d.code}@${d.line ?? ''}`)).toEqual(['conflicting-facts@3']);
  });

  it('is unknown (null) without any Get-OutlookAnywhere export', () => {
    expect(buildServerFacts([fleet], catalog).servers.map((s) => s.outlookAnywhere)).toEqual([null, null]);
  });
});

describe('header-only installed-patches listing', () => {
  it('means "no update installed" on the machine its folder names, not "not collected"', () => {
    const empty: RecordSet = { file: 'EXCAS01/InstalledPatches.csv', kind: 'installed-patches', format: 'csv', folder: 'EXCAS01', rows: [] };
    const { servers, diagnostics } = buildServerFacts([fleet, empty], catalog);
    expect(servers[0]?.machines[0]?.patches).toEqual({ items: [], from: [{ file: 'EXCAS01/InstalledPatches.csv', line: 1 }] });
    expect(servers[1]?.machines[0]?.patches).toBeNull();
    // Only the servers without per-server files are reported (machine-without-data), nothing about the export.
    expect(diagnostics.filter((d) => d.code !== 'machine-without-data')).toEqual([]);
  });
});
