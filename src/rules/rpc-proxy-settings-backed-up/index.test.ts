import { describe, expect, it } from 'vitest';
import rule, { nonDefaultEntries } from './index.js';
import { casServer, evaluate, machine, withRpcProxy } from '../../../test/support/facts.js';

const stockPorts = 'EXCAS01:6001-6002;EXCAS01:6004;excas01.contoso.co.jp:6001-6002;excas01.contoso.co.jp:6004';
const customPorts = `${stockPorts};EXMBX01:6001-6002;EXMBX01:6004;EXMBX01:6010`;
const cas = (validPorts: string | null, exsetup = '8.3.298.3') => casServer('EXCAS01', { machine: withRpcProxy(machine('EXCAS01', { exsetup }), validPorts) });

describe('rpc-proxy-settings-backed-up', () => {
  const cases = [
    { name: 'RPC proxy key with Exchange ports → info, export + compare', fleet: [cas(stockPorts)], status: 'fail', messages: ['keyPresent:info'], steps: ['export-rpc-proxy-key', 'compare-rpc-proxy-key'] },
    { name: 'custom ValidPorts with a non-default port → warning, export + compare', fleet: [cas(customPorts)], status: 'fail', messages: ['nonDefaultPorts:warning'], steps: ['export-rpc-proxy-key', 'compare-rpc-proxy-key'] },
    { name: 'key exists with an empty ValidPorts → info, export + compare', fleet: [cas('')], status: 'fail', messages: ['keyPresent:info'], steps: ['export-rpc-proxy-key', 'compare-rpc-proxy-key'] },
    { name: 'no RpcProxy export → not applicable', fleet: [cas(null)], status: 'not-applicable', messages: [], steps: [] },
    { name: 'server already at target → not applicable', fleet: [cas(customPorts, '8.3.517.0')], status: 'not-applicable', messages: [], steps: [] },
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

  it('says why it does not apply', () => {
    expect(evaluate(rule, [cas(null)]).results[0]?.detail).toMatch(/^no-rpc-proxy-key/);
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
