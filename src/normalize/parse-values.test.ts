import { describe, expect, it } from 'vitest';
import { normalizeInstallDate, parseBoolean, parseOperationalMachines, parseOsFamily, parsePatchName, parseRoles, parseSite, serverKey } from './parse-values.js';

describe('value parsing', () => {
  it.each([
    ['EXCAS01', 'excas01'],
    ['excas01.contoso.co.jp', 'excas01'],
    [' ExCas01 ', 'excas01'],
  ])('serverKey(%j) = %j (NetBIOS vs FQDN vs case)', (name, key) => {
    expect(serverKey(name)).toBe(key);
  });

  it.each([
    ['True', true], ['Yes', true], ['false', false], ['No', false], ['maybe', null],
  ] as const)('parseBoolean(%j) = %j', (text, value) => {
    expect(parseBoolean(text)).toBe(value);
  });

  it('reads roles as a set, whatever the order and separators', () => {
    expect(parseRoles('Mailbox, ClientAccess, HubTransport')).toEqual(['ClientAccess', 'HubTransport', 'Mailbox']);
    expect(parseRoles('{Edge}')).toEqual(['Edge']);
    expect(parseRoles('ProvisionedServer')).toEqual([]);
  });

  it('takes the site name from its AD path', () => {
    expect(parseSite('contoso.co.jp/Configuration/Sites/Osaka')).toBe('Osaka');
    expect(parseSite('')).toBeNull();
  });

  it.each([
    ['{EXMBX01N1 <Active, Quorum Owner>, EXMBX01N2}', [{ name: 'EXMBX01N1', active: true, quorumOwner: true }, { name: 'EXMBX01N2', active: false, quorumOwner: false }]],
    ['NODE1;NODE2 <Active>', [{ name: 'NODE1', active: false, quorumOwner: false }, { name: 'NODE2', active: true, quorumOwner: false }]],
  ])('parses OperationalMachines %j', (text, nodes) => {
    expect(parseOperationalMachines(text)).toEqual(nodes);
  });

  it.each([
    ['5.2.3790', '2003'], ['6.0.6002', '2008'], ['6.1.7601', '2008R2'], ['6.2.9200', 'other'],
  ] as const)('OS %s is Windows Server %s', (version, family) => {
    expect(parseOsFamily(version)).toBe(family);
  });

  it.each([
    ['20130211', '2013-02-11'], ['2013/2/11', '2013-02-11'], ['2013-02-11', '2013-02-11'], ['11.02.2013', '2013-02-11'],
    ['2/11/2013', '2013-02-11'], ['2/11/2013 10:00:00 PM', '2013-02-11'], ['2013/02/11 22:00:00', '2013-02-11'],
    ['20131311', null], ['yesterday', null], ['', null],
  ])('install date %j → %j (registry yyyyMMdd or the server culture)', (text, iso) => {
    expect(normalizeInstallDate(text)).toBe(iso);
  });

  it.each([
    ['Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', { kb: 'KB2788321', interim: false, rollup: 10, servicePack: 'SP3' }],
    ['Exchange Server 2007 Service Pack 2 (KB979784) 用の更新プログラムのロールアップ 3', { kb: 'KB979784', interim: false, rollup: 3, servicePack: 'SP2' }],
    ['Interim Update for Exchange Server 2007 Service Pack 3 Update Rollup 10 (KB2814847)', { kb: 'KB2814847', interim: true }],
    ['Exchange Server 2007 の中間更新プログラム KB2814847', { kb: 'KB2814847', interim: true, rollup: null }],
    ['Update Rollup 2 for Exchange Server 2007 (KB935490)', { kb: 'KB935490', rollup: 2, servicePack: 'RTM' }],
  ])('reads patch name %j', (name, expected) => {
    expect(parsePatchName(name)).toMatchObject(expected);
  });
});
