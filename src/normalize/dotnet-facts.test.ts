import { describe, expect, it } from 'vitest';
import { classifyRecordKind } from '../ingest/record-kind.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import { buildServerFacts } from './build-server-facts.js';
import { catalog } from '../../test/support/facts.js';

const COLUMNS = ['PSChildName', 'Version', 'SP', 'Install'];
const row = (line: number, PSChildName: string, Version: string, SP: string, Install: string) => ({ line, values: { PSChildName, Version, SP, Install } });
const fleet: RecordSet = {
  file: 'org/ExchangeServer.csv',
  kind: 'exchange-server',
  format: 'csv',
  folder: 'org',
  rows: [{ line: 3, values: { Name: 'EX1', ServerRole: 'HubTransport', AdminDisplayVersion: 'Version 8.3 (Build 83.6)' } }],
};
const dotnet = (rows: RecordSet['rows']): RecordSet => ({ file: 'EX1/DotNetFramework.csv', kind: 'dotnet-framework', format: 'csv', folder: 'EX1', rows });

describe('.NET (NDP registry) export', () => {
  it('is recognised by Version + SP + Install, not as an operating system', () => {
    expect(classifyRecordKind(COLUMNS)).toBe('dotnet-framework');
  });
  const cases = [
    { name: '2.0 RTM only', rows: [row(3, 'v2.0.50727', '2.0.50727.42', '0', '1'), row(4, '1033', '2.0.50727.42', '0', '1')], expected: { clr2ServicePack: 0, has35: false } },
    {
      name: '3.5 SP1 with 2.0 SP2',
      rows: [row(3, 'v2.0.50727', '2.0.50727.4016', '2', '1'), row(4, 'v3.0', '3.0.30729.4037', '2', '1'), row(5, 'v3.5', '3.5.30729.01', '1', '1'), row(6, 'Setup', '3.0.30729.4037', '', '')],
      expected: { clr2ServicePack: 2, has35: true },
    },
    { name: '3.5 key with Install 0 does not count', rows: [row(3, 'v2.0.50727', '2.0.50727.42', '0', '1'), row(4, 'v3.5', '3.5.30729.01', '1', '0')], expected: { clr2ServicePack: 0, has35: false } },
    { name: 'no 2.0 key', rows: [row(3, 'v1.1.4322', '1.1.4322.573', '1', '1')], expected: { clr2ServicePack: null, has35: false } },
  ];
  it.each(cases)('$name', ({ rows, expected }) => {
    const { servers } = buildServerFacts([fleet, dotnet(rows)], catalog);
    expect(servers[0]?.machines[0]?.dotNet).toEqual({ value: expected, from: { file: 'EX1/DotNetFramework.csv', line: 3 } });
  });
  it('no export → null (a data gap, not "old .NET")', () => {
    const { servers } = buildServerFacts([fleet], catalog);
    expect(servers[0]?.machines[0]?.dotNet).toBeNull();
  });
});
