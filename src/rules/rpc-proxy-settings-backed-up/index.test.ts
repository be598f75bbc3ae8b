import { describe, expect, it } from 'vitest';
import rule, { nonDefaultEntries } from './index.js';
import { casServer, evaluate, machine, withOutlookAnywhere, withRpcProxy } from '../../../test/support/facts.js';

const stockPorts = 'EXCAS01:6001-6002;EXCAS01:6004;excas01.contoso.co.jp:6001-6002;excas01.contoso.co.jp:6004';
const customPorts = `${stockPorts};EXMBX01:6001-6002;EXMBX01:6004;EXMBX01:6010`;
/** `outlookAnywhere`: the external host name when enabled, false when the export does not list the server, null when not collected. */
const cas = (validPorts: string | null, exsetup = '8.3.298.3', outlookAnywhere: string | false | null = null) =>
  withOutlookAnywhere(casServer('EXCAS01', { machine: withRpcProxy(machine('EXCAS01', { exsetup }), validPorts) }), outlookAnywhere);

describe('rpc-proxy-settings-backed-up', () => {
  const exportAndCompare = ['export-rpc-proxy-key', 'compare-rpc-proxy-key', 'rollback-import-rpc-proxy-key'];
  const cases = [
    { name: 'RPC proxy key with Exchange ports → info, export + compare', fleet: [cas(stockPorts)], status: 'fail', messages: ['keyPresent:info'], steps: exportAndCompare },
    { name: 'custom ValidPorts with a non-default port → warning, export + compare', fleet: [cas(customPorts)], status: 'fail', messages: ['nonDefaultPorts:warning'], steps: exportAndCompare },
    { name: 'key exists with an empty ValidPorts → info, export + compare', fleet: [cas('')], status: 'fail', messages: ['keyPresent:info'], steps: exportAndCompare },
    { name: 'Outlook Anywhere enabled and the key exported → as for the key alone', fleet: [cas(customPorts, '8.3.298.3', 'mail.contoso.co.jp')], status: 'fail', messages: ['nonDefaultPorts:warning'], steps: exportAndCompare },
    { name: 'key exported, Outlook Anywhere disabled → the key still counts', fleet: [cas(stockPorts, '8.3.298.3', false)], status: 'fail', messages: ['keyPresent:info'], steps: exportAndCompare },
    { name: 'Outlook Anywhere enabled, no RpcProxy export → warning, export + compare', fleet: [cas(null, '8.3.298.3', 'mail.contoso.co.jp')], status: 'fail', messages: ['rpcProxyExportMissing:warning'], steps: exportAndCompare },
    { name: 'no RpcProxy export, Outlook Anywhere not collected → not applicable', fleet: [cas(null)], status: 'not-applicable', messages: [], steps: [] },
    { name: 'no RpcProxy export, Outlook Anywhere disabled → not applicable', fleet: [cas(null, '8.3.298.3', false)], status: 'not-applicable', messages: [], steps: [] },
    { name: 'server already at target → not applicable', fleet: [cas(customPorts, '8.3.517.0', 'mail.contoso.co.jp')], status: 'not-applicable', messages: [], steps: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, messages, steps }) => {
    const result = evaluate(rule, fleet);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step)).toEqual(steps);
  });

  it('quotes the exported ValidPorts in the compare step and names the export file', () => {
    const result = evaluate(rule, [cas(customPorts)]);
    expect(result.steps[1]?.data).toEqual({ machine: 'EXCAS01', validPorts: customPorts, file: 'C:\\Backup\\RpcProxy-EXCAS01.reg' });
    expect(result.findings[0]?.data['entries']).toBe('EXMBX01:6010');
  });

  it('names the Outlook Anywhere evidence when the RpcProxy export is missing, and says the values are not in the inventory', () => {
    const result = evaluate(rule, [cas(null, '8.3.298.3', 'mail.contoso.co.jp')]);
    expect(result.findings[0]?.data).toMatchObject({ server: 'EXCAS01', machine: 'EXCAS01', externalHostname: 'mail.contoso.co.jp', outlookAnywhereFrom: 'org/OutlookAnywhere.csv:2' });
    expect(result.steps[0]?.data).toEqual({ machine: 'EXCAS01', validPorts: '(not in the inventory)', file: 'C:\\Backup\\RpcProxy-EXCAS01.reg' });
  });

  it.each([
    [null, /^no-rpc-proxy-key: .*not collected/],
    [false, /^no-rpc-proxy-key: .*Outlook Anywhere not enabled \(org\/OutlookAnywhere\.csv does not list this server\)/],
  ] as const)('says why it does not apply (Outlook Anywhere %s)', (outlookAnywhere, reason) => {
    expect(evaluate(rule, [cas(null, '8.3.298.3', outlookAnywhere)]).results[0]?.detail).toMatch(reason);
  });

  it.each([
    [stockPorts, []],
    [customPorts, ['EXMBX01:6010']],
    ['EXCAS01:593;EXCAS01:6001-6004; EXCAS01:593', ['EXCAS01:593', 'EXCAS01:6001-6004']],
    ['EXCAS01:100-5000', ['EXCAS01:100-5000']],
  ])('nonDefaultEntries(%s)', (text, expected) => {
    expect(nonDefaultEntries(text)).toEqual(expected);
  });
});
