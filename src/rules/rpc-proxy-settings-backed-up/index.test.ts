import { describe, expect, it } from 'vitest';
import rule, { nonDefaultEntries } from './index.js';
import { casServer, machine, os, withOutlookAnywhere, withRpcProxy } from '../../../test/support/facts.js';
import { placed, testRule } from '../../../test/support/rule-tester.js';

const stockPorts = 'EXCAS01:6001-6002;EXCAS01:6004;excas01.contoso.co.jp:6001-6002;excas01.contoso.co.jp:6004';
const customPorts = `${stockPorts};EXMBX01:6001-6002;EXMBX01:6004;EXMBX01:6010`;
/** `outlookAnywhere`: the external host name when enabled, false when the export does not list the server, null when not collected. */
const cas = (validPorts: string | null, exsetup = '8.3.298.3', outlookAnywhere: string | false | null = null) =>
  withOutlookAnywhere(casServer('EXCAS01', { machine: withRpcProxy(machine('EXCAS01', { exsetup }), validPorts) }), outlookAnywhere);
const exportAndCompare = ['export-rpc-proxy-key', 'compare-rpc-proxy-key', 'rollback-import-rpc-proxy-key'];

testRule(rule, [
  {
    name: 'RPC proxy key with Exchange ports → info, export + compare',
    fleet: [cas(stockPorts)],
    status: 'fail',
    messages: ['keyPresent:info'],
    steps: exportAndCompare,
    also: (r) => {
      expect(placed(r)).toEqual(['prepare:360:export-rpc-proxy-key:EXCAS01', 'verify:340:compare-rpc-proxy-key:EXCAS01', 'rollback:500:rollback-import-rpc-proxy-key:EXCAS01']);
    },
  },
  {
    name: 'custom ValidPorts with a non-default port → warning; the compare step quotes the exported ValidPorts and names the export file',
    fleet: [cas(customPorts)],
    status: 'fail',
    messages: ['nonDefaultPorts:warning'],
    steps: exportAndCompare,
    also: (r) => {
      expect(r.steps[1]?.data).toEqual({ machine: 'EXCAS01', validPorts: customPorts, file: 'C:\\Backup\\RpcProxy-EXCAS01.reg' });
      expect(r.findings[0]?.data['entries']).toBe('EXMBX01:6010');
    },
  },
  { name: 'key exists with an empty ValidPorts → info, export + compare', fleet: [cas('')], status: 'fail', messages: ['keyPresent:info'], steps: exportAndCompare },
  { name: 'Outlook Anywhere enabled and the key exported → as for the key alone', fleet: [cas(customPorts, '8.3.298.3', 'mail.contoso.co.jp')], status: 'fail', messages: ['nonDefaultPorts:warning'], steps: exportAndCompare },
  { name: 'key exported, Outlook Anywhere disabled → the key still counts', fleet: [cas(stockPorts, '8.3.298.3', false)], status: 'fail', messages: ['keyPresent:info'], steps: exportAndCompare },
  {
    name: 'Outlook Anywhere enabled, no RpcProxy export → warning naming the evidence; the values are not in the inventory',
    fleet: [cas(null, '8.3.298.3', 'mail.contoso.co.jp')],
    status: 'fail',
    messages: ['rpcProxyExportMissing:warning'],
    steps: exportAndCompare,
    also: (r) => {
      expect(r.findings[0]?.data).toMatchObject({ server: 'EXCAS01', machine: 'EXCAS01', externalHostname: 'mail.contoso.co.jp', outlookAnywhereFrom: 'org/OutlookAnywhere.csv:2' });
      expect(r.steps[0]?.data).toEqual({ machine: 'EXCAS01', validPorts: '(not in the inventory)', file: 'C:\\Backup\\RpcProxy-EXCAS01.reg' });
    },
  },
  {
    name: 'SP1 CAS on Windows Server 2003 with the key → export + compare',
    fleet: [casServer('EXCAS01', { machine: withRpcProxy(machine('EXCAS01', { exsetup: '8.1.393.1', os: os('5.2.3790') }), stockPorts) })],
    status: 'fail',
    messages: ['keyPresent:info'],
    steps: exportAndCompare,
  },
  {
    name: 'no RpcProxy export, Outlook Anywhere not collected → not applicable, saying why',
    fleet: [cas(null)],
    status: 'not-applicable',
    also: (r) => {
      expect(r.results[0]?.detail).toMatch(/^no-rpc-proxy-key: .*not collected/);
    },
  },
  {
    name: 'no RpcProxy export, Outlook Anywhere disabled → not applicable, saying why',
    fleet: [cas(null, '8.3.298.3', false)],
    status: 'not-applicable',
    also: (r) => {
      expect(r.results[0]?.detail).toMatch(/^no-rpc-proxy-key: .*Outlook Anywhere not enabled \(org\/OutlookAnywhere\.csv does not list this server\)/);
    },
  },
  { name: 'server already at target → not applicable', fleet: [cas(customPorts, '8.3.517.0', 'mail.contoso.co.jp')], status: 'not-applicable' },
]);

describe('nonDefaultEntries', () => {
  it.each([
    [stockPorts, []],
    [customPorts, ['EXMBX01:6010']],
    ['EXCAS01:593;EXCAS01:6001-6004; EXCAS01:593', ['EXCAS01:593', 'EXCAS01:6001-6004']],
    ['EXCAS01:100-5000', ['EXCAS01:100-5000']],
  ])('nonDefaultEntries(%s)', (text, expected) => {
    expect(nonDefaultEntries(text)).toEqual(expected);
  });
});
