import { expect } from 'vitest';
import rule from './index.js';
import { cmsServer, machine, os, server } from '../../../test/support/facts.js';
import { placed, testRule } from '../../../test/support/rule-tester.js';
import type { ClusterFacts, MachineFacts } from '../../normalize/server-facts.js';

const cluster: ClusterFacts = { type: 'ccr', nodes: [{ name: 'N1', active: true, quorumOwner: true }, { name: 'N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } };
const offSteps = (m: string) => [`turn-off-crl-check:${m}`, `turn-on-crl-check:${m}`, `rollback-turn-on-crl-check:${m}`];
const ex1 = (...machines: MachineFacts[]) => server('EX1', { machines, cluster: machines.length > 1 ? cluster : null });

testRule(rule, [
  { name: 'CRL reachable → pass, no steps', fleet: [ex1(machine('EX1', { crl: true }))], status: 'pass' },
  {
    name: 'CRL unreachable → off before setup, on after, on again in the rollback',
    fleet: [ex1(machine('EX1', { crl: false }))],
    status: 'fail',
    messages: ['noInternet:info'],
    steps: offSteps('EX1'),
    also: (r) => {
      expect(placed(r)).toEqual(['window:200:turn-off-crl-check:EX1', 'window:650:turn-on-crl-check:EX1', 'rollback:300:rollback-turn-on-crl-check:EX1']);
      expect(r.findings[0]?.data).toEqual({ machine: 'EX1' });
    },
  },
  { name: 'CRL untested → assume no Internet, say so', fleet: [ex1(machine('EX1', { crl: null }))], status: 'fail', messages: ['internetUnknown:warning'], steps: offSteps('EX1') },
  { name: 'Edge at SP1 on 2003, no Internet → steps', fleet: [server('EDGE1', { roles: ['Edge'], machines: [machine('EDGE1', { exsetup: '8.1.393.1', os: os('5.2.3790'), crl: false })] })], status: 'fail', messages: ['noInternet:info'], steps: offSteps('EDGE1') },
  { name: 'RTM Unified Messaging with Internet → pass', fleet: [server('UM1', { roles: ['UnifiedMessaging'], machines: [machine('UM1', { exsetup: '8.0.685.24', crl: true })] })], status: 'pass' },
  {
    name: 'CMS: both nodes offline → steps per node',
    fleet: [ex1(machine('N1', { exsetup: '8.3.298.3', crl: false }), machine('N2', { exsetup: '8.3.298.3', crl: false }))],
    status: 'fail',
    messages: ['noInternet:info', 'noInternet:info'],
    steps: [...offSteps('N1'), ...offSteps('N2')],
  },
  {
    name: 'CMS: one node reachable → steps only for the other',
    fleet: [ex1(machine('N1', { exsetup: '8.3.298.3', crl: true }), machine('N2', { exsetup: '8.3.298.3', crl: false }))],
    status: 'fail',
    messages: ['noInternet:info'],
    steps: offSteps('N2'),
  },
  {
    name: 'SCC, Internet never tested on either node → warning per node',
    fleet: [cmsServer('SCC1', { type: 'scc', nodes: [{ name: 'S1', active: true }, { name: 'S2' }] })],
    status: 'fail',
    messages: ['internetUnknown:warning', 'internetUnknown:warning'],
    steps: [...offSteps('S1'), ...offSteps('S2')],
  },
  { name: 'already at target → not applicable', fleet: [ex1(machine('EX1', { exsetup: '8.3.517.0', crl: false }))], status: 'not-applicable' },
]);
