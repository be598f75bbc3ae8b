import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, machine, server } from '../../../test/support/facts.js';
import type { ClusterFacts } from '../../normalize/server-facts.js';

const cluster: ClusterFacts = { type: 'ccr', nodes: [{ name: 'N1', active: true, quorumOwner: true }, { name: 'N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } };
const offSteps = (m: string) => [`window:200:turn-off-crl-check:${m}`, `window:650:turn-on-crl-check:${m}`, `rollback:300:rollback-turn-on-crl-check:${m}`];

describe('crl-check-disabled-offline', () => {
  const cases = [
    { name: 'CRL reachable → pass, no steps', machines: [machine('EX1', { crl: true })], status: 'pass', messages: [], steps: [] },
    { name: 'CRL unreachable → off before setup, on after', machines: [machine('EX1', { crl: false })], status: 'fail', messages: ['noInternet:info'], steps: offSteps('EX1') },
    { name: 'CRL untested → assume no Internet, say so', machines: [machine('EX1', { crl: null })], status: 'fail', messages: ['internetUnknown:warning'], steps: offSteps('EX1') },
    {
      name: 'CMS: both nodes offline → steps per node',
      machines: [machine('N1', { crl: false }), machine('N2', { crl: false })],
      cluster,
      status: 'fail',
      messages: ['noInternet:info', 'noInternet:info'],
      steps: [...offSteps('N1'), ...offSteps('N2')],
    },
    {
      name: 'CMS: one node reachable → steps only for the other',
      machines: [machine('N1', { crl: true }), machine('N2', { crl: false })],
      cluster,
      status: 'fail',
      messages: ['noInternet:info'],
      steps: offSteps('N2'),
    },
    { name: 'already at target → not applicable', machines: [machine('EX1', { exsetup: '8.3.517.0', crl: false })], status: 'not-applicable', messages: [], steps: [] },
  ];
  it.each(cases)('$name', ({ machines, cluster: c, status, messages, steps }) => {
    const withBuild = machines.map((m) => (m.exsetup ? m : { ...m, exsetup: machine(m.name, { exsetup: '8.3.298.3' }).exsetup }));
    const result = evaluate(rule, [server('EX1', { machines: withBuild, cluster: c ?? null })], 'EX1');
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => `${s.phase}:${s.order}:${s.step}:${s.instance}`).sort()).toEqual([...steps].sort());
  });
});
