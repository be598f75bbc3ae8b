import { describe, expect, it } from 'vitest';
import { classifyRecordKind } from '../ingest/record-kind.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import { buildServerFacts } from './build-server-facts.js';
import { catalog } from '../../test/support/facts.js';

const OWA = 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa';
const fleet: RecordSet = {
  file: 'org/ExchangeServer.csv',
  kind: 'exchange-server',
  format: 'csv',
  folder: 'org',
  rows: [{ line: 3, values: { Name: 'EXCAS01', ServerRole: 'ClientAccess', AdminDisplayVersion: 'Version 8.3 (Build 83.6)' } }],
};
const owaFiles = (rows: RecordSet['rows']): RecordSet => ({ file: 'EXCAS01/OwaFiles.csv', kind: 'owa-files', format: 'csv', folder: 'EXCAS01', rows });
const rpcProxy = (rows: RecordSet['rows']): RecordSet => ({ file: 'EXCAS01/RpcProxy.csv', kind: 'rpc-proxy', format: 'csv', folder: 'EXCAS01', rows });

describe('OWA file listing and RPC proxy exports', () => {
  it.each([
    [['FullName', 'Length', 'LastWriteTime'], 'owa-files'],
    [['PSPath', 'PSParentPath', 'Name', 'FullName', 'Length', 'LastWriteTime', 'Mode', 'Attributes'], 'owa-files'],
    [['ValidPorts', 'Enabled'], 'rpc-proxy'],
    [['PSComputerName', 'ValidPorts', 'Enabled', 'PSPath'], 'rpc-proxy'],
  ])('%j is recognised as %s', (columns, kind) => {
    expect(classifyRecordKind(columns)).toBe(kind);
  });

  it('joins the listing to the machine named by its folder, reading culture dates and folders without Length', () => {
    const { servers, diagnostics } = buildServerFacts(
      [
        fleet,
        owaFiles([
          { line: 3, values: { FullName: `${OWA}\\auth\\logon.aspx`, Length: '19872', LastWriteTime: '6/12/2013 6:40:05 PM' } },
          { line: 4, values: { FullName: `${OWA}\\8.3.298.3\\themes\\contoso`, Length: '', LastWriteTime: '2013/06/12 18:41:27' } },
          { line: 5, values: { FullName: `${OWA}\\auth\\logoff.aspx`, Length: '6912', LastWriteTime: 'gestern' } },
        ]),
      ],
      catalog,
    );
    const items = servers[0]?.machines[0]?.owaFiles?.items ?? [];
    expect(items.map((f) => [f.path.slice(OWA.length), f.length, f.lastWriteTime])).toEqual([
      ['\\8.3.298.3\\themes\\contoso', null, '2013-06-12T18:41:27'],
      ['\\auth\\logoff.aspx', 6912, null],
      ['\\auth\\logon.aspx', 19872, '2013-06-12T18:40:05'],
    ]);
    expect(diagnostics.map((d) => `${d.code}@${d.line ?? ''}`)).toEqual(['bad-date-time@5']);
  });

  it('reads the RpcProxy key per machine; a second, different export is a conflict', () => {
    const { servers, diagnostics } = buildServerFacts(
      [
        fleet,
        rpcProxy([
          { line: 3, values: { ValidPorts: 'EXCAS01:6001-6002;TKDC01:593', Enabled: '1' } },
          { line: 4, values: { ValidPorts: 'EXCAS01:6001-6002', Enabled: '1' } },
        ]),
      ],
      catalog,
    );
    expect(servers[0]?.machines[0]?.rpcProxy).toEqual({ value: { validPorts: 'EXCAS01:6001-6002;TKDC01:593', enabled: true }, from: { file: 'EXCAS01/RpcProxy.csv', line: 3 } });
    expect(diagnostics.map((d) => d.code)).toEqual(['conflicting-facts']);
  });

  it('leaves both null when nothing was exported', () => {
    const machine = buildServerFacts([fleet], catalog).servers[0]?.machines[0];
    expect(machine?.owaFiles ?? null).toBeNull();
    expect(machine?.rpcProxy ?? null).toBeNull();
  });
});
