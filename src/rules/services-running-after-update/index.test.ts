import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, machine, server } from '../../../test/support/facts.js';
import type { ClusterFacts } from '../../normalize/server-facts.js';

const cluster: ClusterFacts = { type: 'ccr', nodes: [{ name: 'N1', active: true, quorumOwner: true }, { name: 'N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } };

describe('services-running-after-update', () => {
  const cases = [
    { name: 'single server → one verify step', fleet: server('EX1'), status: 'pass', steps: ['verify:200:verify-services-running:EX1'] },
    {
      name: 'CCR → one step per node, with the passive-node note',
      fleet: server('CMS1', { cluster, machines: [machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.298.3' })] }),
      status: 'pass',
      steps: ['verify:200:verify-services-running-ccr:N1', 'verify:200:verify-services-running-ccr:N2'],
    },
    { name: 'already at target → not applicable', fleet: server('EX1', { exsetup: '8.3.517.0' }), status: 'not-applicable', steps: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, steps }) => {
    const result = evaluate(rule, [fleet]);
    expect(result.status).toBe(status);
    expect(result.findings).toEqual([]);
    expect(result.steps.map((s) => `${s.phase}:${s.order}:${s.step}:${s.instance}`)).toEqual(steps);
  });
  it('CCR: the node that owns the CMS after the window runs every service, the other is passive', () => {
    const result = evaluate(rule, [server('CMS1', { cluster, machines: [machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.298.3' })] })]);
    expect(result.steps.map((s) => [s.instance, s.data['passiveNode']])).toEqual([
      ['N1', ''],
      ['N2', 'yes'],
    ]);
  });
  it('lists the services of the roles', () => {
    const result = evaluate(rule, [server('EX1', { roles: ['Edge'] })]);
    expect(result.steps[0]?.data['services']).toBe('ADAM_MSExchange, MSExchangeEdgeCredential, MSExchangeTransport');
  });
});
