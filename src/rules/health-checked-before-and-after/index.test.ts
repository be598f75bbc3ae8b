import { testRule } from '../../../test/support/rule-tester.js';
import { expect } from 'vitest';
import rule from './index.js';
import { cmsServer, machine, os, server } from '../../../test/support/facts.js';
import type { ClusterFacts } from '../../normalize/server-facts.js';

const ccr: ClusterFacts = { type: 'ccr', nodes: [{ name: 'N1', active: true, quorumOwner: true }, { name: 'N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } };
const perMachine = (m: string) => [`pause-file-level-antivirus:${m}`, `resume-file-level-antivirus:${m}`, `review-setup-logs:${m}`];
const ccrSteps = [
  'health-baseline-mailbox:',
  'health-after-mailbox:',
  'health-baseline-ccr:N1',
  'health-after-ccr:N1',
  'health-baseline-ccr:N2',
  'health-after-ccr:N2',
  ...perMachine('N1'),
  ...perMachine('N2'),
];

testRule(rule, [
  {
    name: 'Hub Transport → queues and mail flow before and after',
    fleet: [server('HUB1', { roles: ['HubTransport'] })],
    status: 'pass',
    steps: ['health-baseline-transport:', 'health-after-transport:', ...perMachine('HUB1')],
  },
  {
    name: 'Edge → queues, EdgeSync and the configuration export',
    fleet: [server('EDGE1', { roles: ['Edge'] })],
    status: 'pass',
    steps: ['health-baseline-transport:', 'health-after-transport:', 'health-baseline-edge:', 'health-after-edge:', ...perMachine('EDGE1')],
  },
  {
    name: 'Client Access from SP1 → OWA/ActiveSync/web services tests, setup log read after the SP',
    fleet: [server('CAS1', { roles: ['ClientAccess'], exsetup: '8.1.393.1' })],
    status: 'pass',
    steps: ['health-baseline-client-access:', 'health-after-client-access:', ...perMachine('CAS1')],
    also: (r) => {
      expect(r.steps.find((s) => s.step === 'review-setup-logs')?.data['servicePackChange']).toBe('yes');
    },
  },
  {
    name: 'CCR → databases, and replication per node with who is active before and after',
    fleet: [server('CMS1', { cluster: ccr, machines: [machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.298.3' })] })],
    status: 'pass',
    steps: ccrSteps,
    also: (r) => {
      const passive = (step: string, node: string) => r.steps.find((s) => s.step === step && s.instance === node)?.data['passiveNode'];
      expect([passive('health-baseline-ccr', 'N1'), passive('health-baseline-ccr', 'N2')]).toEqual(['', 'yes']);
      // The runbook moves the CMS back to N1 at the end of the window.
      expect([passive('health-after-ccr', 'N1'), passive('health-after-ccr', 'N2')]).toEqual(['', 'yes']);
      expect(r.steps.filter((s) => s.step === 'health-baseline-ccr').map((s) => s.data['rtmBefore'])).toEqual(['', '']);
    },
  },
  {
    name: 'CCR still at RTM → the replication baseline leaves out Test-ReplicationHealth (an SP1 cmdlet) on each node',
    fleet: [server('CMS0', { cluster: ccr, machines: [machine('N1', { exsetup: '8.0.685.25' }), machine('N2', { exsetup: '8.0.685.25' })] })],
    status: 'pass',
    steps: ccrSteps,
    also: (r) => {
      expect(r.steps.filter((s) => s.step === 'health-baseline-ccr').map((s) => s.data['rtmBefore'])).toEqual(['yes', 'yes']);
    },
  },
  {
    name: 'Unified Messaging → UM connectivity before and after',
    fleet: [server('UM1', { roles: ['UnifiedMessaging'] })],
    status: 'pass',
    steps: ['health-baseline-unified-messaging:', 'health-after-unified-messaging:', ...perMachine('UM1')],
  },
  {
    name: 'RTM Mailbox on Windows Server 2003 → databases before and after; the setup log is read after the SP',
    fleet: [server('MBX1', { machines: [machine('MBX1', { exsetup: '8.0.685.24', os: os('5.2.3790') })] })],
    status: 'pass',
    steps: ['health-baseline-mailbox:', 'health-after-mailbox:', ...perMachine('MBX1')],
    also: (r) => {
      expect(r.steps.map((s) => s.data['servicePackChange'])).toEqual(Array<string>(5).fill('yes'));
    },
  },
  {
    name: 'SCC → databases once for the CMS (one copy: no replication checks), its owner before and after, antivirus and logs per node',
    fleet: [cmsServer('SCC1', { type: 'scc', nodes: [{ name: 'S1', active: true }, { name: 'S2' }] })],
    status: 'pass',
    steps: ['health-baseline-mailbox:', 'health-after-mailbox:', 'health-baseline-scc:', 'health-after-scc:', ...perMachine('S1'), ...perMachine('S2')],
    also: (r) => {
      expect(r.steps[0]?.data).toMatchObject({ server: 'SCC1', machines: 'S1, S2', servicePackChange: '' });
      // A rollup alone: the CMS moves to S2 for S1's pass and is moved back to S1 at the end.
      expect(r.steps.find((s) => s.step === 'health-baseline-scc')?.data).toMatchObject({ activeBefore: 'S1', activeNode: 'S1', movedBack: 'yes' });
      expect(r.steps.find((s) => s.step === 'health-after-scc')?.data).toMatchObject({ activeBefore: 'S1', activeNode: 'S1', movedBack: 'yes' });
    },
  },
  {
    name: 'SCC owned by S2, service pack and rollup → S2 owns it before and after, without a move back',
    fleet: [cmsServer('SCC2', { type: 'scc', exsetup: '8.1.393.1', nodes: [{ name: 'S1' }, { name: 'S2', active: true }] })],
    status: 'pass',
    steps: ['health-baseline-mailbox:', 'health-after-mailbox:', 'health-baseline-scc:', 'health-after-scc:', ...perMachine('S1'), ...perMachine('S2')],
    also: (r) => {
      expect(r.steps.find((s) => s.step === 'health-after-scc')?.data).toMatchObject({ activeBefore: 'S2', activeNode: 'S2', movedBack: '' });
    },
  },
  {
    name: 'CAS + Hub at SP2 → transport and client access, one machine',
    fleet: [server('EX1', { roles: ['ClientAccess', 'HubTransport'], exsetup: '8.2.247.2' })],
    status: 'pass',
    steps: ['health-baseline-transport:', 'health-after-transport:', 'health-baseline-client-access:', 'health-after-client-access:', ...perMachine('EX1')],
  },
  { name: 'already at the target → not applicable', fleet: [server('EX1', { exsetup: '8.3.517.0' })], status: 'not-applicable' },
]);
