import { expect } from 'vitest';
import rule from './index.js';
import { cmsServer, machine, os, server } from '../../../test/support/facts.js';
import { placed, testRule } from '../../../test/support/rule-tester.js';
import type { ClusterFacts } from '../../normalize/server-facts.js';

const cluster: ClusterFacts = { type: 'ccr', nodes: [{ name: 'N1', active: true, quorumOwner: true }, { name: 'N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } };

testRule(rule, [
  {
    name: 'single server → one verify step',
    fleet: [server('EX1')],
    status: 'pass',
    steps: ['verify-services-running:EX1'],
    also: (r) => {
      expect(placed(r)).toEqual(['verify:200:verify-services-running:EX1']);
    },
  },
  {
    name: 'CCR → one step per node; the node that owns the CMS after the window runs every service, the other is passive',
    fleet: [server('CMS1', { cluster, machines: [machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.298.3' })] })],
    status: 'pass',
    steps: ['verify-services-running-ccr:N1', 'verify-services-running-ccr:N2'],
    also: (r) => {
      expect(placed(r)).toEqual(['verify:200:verify-services-running-ccr:N1', 'verify:200:verify-services-running-ccr:N2']);
      expect(r.steps.map((s) => [s.instance, s.data['passiveNode'], s.data['activeNode']])).toEqual([
        ['N1', '', 'N1'],
        ['N2', 'yes', 'N1'],
      ]);
    },
  },
  {
    name: 'SCC on 2003 at SP2 → per node too, the passive node named',
    fleet: [cmsServer('SCC1', { type: 'scc', exsetup: '8.2.247.2', nodes: [{ name: 'S1', active: true, os: os('5.2.3790') }, { name: 'S2', os: os('5.2.3790') }] })],
    status: 'pass',
    steps: ['verify-services-running-ccr:S1', 'verify-services-running-ccr:S2'],
    also: (r) => {
      expect(r.steps.map((s) => s.data['passiveNode'])).toEqual(['', 'yes']);
    },
  },
  {
    name: 'Edge → its own services',
    fleet: [server('EX1', { roles: ['Edge'] })],
    status: 'pass',
    steps: ['verify-services-running:EX1'],
    also: (r) => {
      expect(r.steps[0]?.data['services']).toBe('ADAM_MSExchange, MSExchangeEdgeCredential, MSExchangeTransport');
    },
  },
  {
    name: 'Unified Messaging at RTM → UM services',
    fleet: [server('UM1', { roles: ['UnifiedMessaging'], exsetup: '8.0.685.24' })],
    status: 'pass',
    steps: ['verify-services-running:UM1'],
    also: (r) => {
      expect(r.steps[0]?.data['services']).toBe('MSExchangeUM, MSExchangeFDS, MSSpeechService');
    },
  },
  { name: 'already at target → not applicable', fleet: [server('EX1', { exsetup: '8.3.517.0' })], status: 'not-applicable' },
]);
