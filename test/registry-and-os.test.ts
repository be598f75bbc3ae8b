import { describe, expect, it } from 'vitest';
import { planInventory } from '../src/cli/plan-inventory.js';
import { catalog, defaultOptions } from './support/facts.js';

/** fixtures/registry-and-os: reg export, reg query (en/ja), systeminfo (text, /fo csv, en/ja), a name list. */
describe('registry and OS evidence as operators export it', () => {
  const plan = planInventory('fixtures/registry-and-os', catalog, defaultOptions);
  const machines = plan.servers.flatMap((s) => s.facts.machines);
  const machine = (name: string) => machines.find((m) => m.name === name);

  it('reads every file, with no diagnostic but the code page and the missing cluster status', () => {
    expect(plan.diagnostics.filter((d) => d.code !== 'decoded-as-cp932').map((d) => d.code)).toEqual(['cluster-status-missing']);
    expect(plan.inputs.map((f) => [f.path, f.format, f.kind])).toEqual([
      ['EXCAS01/RpcProxy.reg', 'reg-export', 'rpc-proxy'],
      ['EXCAS01/exchange-patches.reg', 'reg-export', 'installed-patches'],
      ['EXCAS01/ndp.txt', 'reg-query', 'dotnet-framework'],
      ['EXCAS01/systeminfo.txt', 'systeminfo', 'operating-system'],
      ['EXMBX01A/patches.txt', 'reg-query', 'installed-patches'],
      ['EXMBX01A/software-publishing.txt', 'reg-query', 'publisher-revocation-check'],
      ['EXMBX01A/systeminfo.txt', 'systeminfo', 'operating-system'],
      ['EXMBX01B/installed-programs.txt', 'name-list', 'installed-patches'],
      ['EXMBX01B/systeminfo.csv', 'systeminfo', 'operating-system'],
      ['org/ExchangeServer.csv', 'csv', 'exchange-server'],
      ['org/MailboxServer.csv', 'csv', 'mailbox-server'],
    ]);
  });

  it('reg export and reg query give the rollups (English and Japanese names), .NET, RPC proxy and the publisher check', () => {
    for (const name of ['EXCAS01', 'EXMBX01A', 'EXMBX01B']) expect(machine(name)?.patches?.items.map((p) => [p.kb, p.rollup]), name).toEqual([['KB2788321', 10]]);
    expect(machine('EXCAS01')?.patches?.items[0]?.installed).toBe('2013-03-05');
    expect(machine('EXCAS01')?.dotNet?.value).toEqual({ clr2ServicePack: 2, has35: true });
    expect(machine('EXCAS01')?.rpcProxy?.value).toEqual({ validPorts: 'EXCAS01:6001-6002;EXCAS01:6004;excas01.contoso.co.jp:6001-6002;excas01.contoso.co.jp:6004', enabled: true });
    expect(machine('EXMBX01A')?.publisherRevocationCheck?.value).toEqual({ state: 0x23e00, checksRevocation: false });
  });

  it('systeminfo gives caption, version, service pack, language and hotfixes, in English and Japanese, text and CSV', () => {
    expect(machine('EXCAS01')?.os?.value).toEqual({ caption: 'Microsoftr Windows Serverr 2008 Enterprise', version: '6.0.6002', servicePack: 'Service Pack 2', family: '2008', language: '1033', hotfixes: ['KB955430', 'KB971512', 'KB2506212'] });
    for (const name of ['EXMBX01A', 'EXMBX01B']) {
      expect(machine(name)?.os?.value, name).toEqual({ caption: 'Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition', version: '5.2.3790', servicePack: 'Service Pack 2', family: '2003', language: '1041', hotfixes: ['KB2479628'] });
    }
  });
});
