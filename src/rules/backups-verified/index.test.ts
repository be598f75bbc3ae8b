import { expect } from 'vitest';
import rule from './index.js';
import { cmsServer, machine, os, server } from '../../../test/support/facts.js';
import { placed, testRule, type Evaluation } from '../../../test/support/rule-tester.js';

/** The backup method follows the OS and the Exchange level; the step sits at prepare:300. */
const method =
  (expected: Record<string, string>) =>
  (r: Evaluation): void => {
    expect(placed(r)).toEqual([`prepare:300:${r.steps[0]?.step ?? ''}`]);
    expect(r.steps[0]?.data).toMatchObject(expected);
  };
const host = (name: string, exsetup: string, system: ReturnType<typeof os> | null, roles: ('Mailbox' | 'ClientAccess' | 'HubTransport' | 'Edge' | 'UnifiedMessaging')[] = ['Mailbox']) =>
  server(name, { roles, machines: [machine(name, { exsetup, os: system })] });

testRule(rule, [
  { name: 'Mailbox → databases + system state', fleet: [server('EX1')], status: 'pass', steps: ['verify-backups-mailbox'], also: method({ wsb: 'yes', servicePack: 'SP3' }) },
  { name: 'CAS + Hub → system state only', fleet: [server('EX1', { roles: ['ClientAccess', 'HubTransport'] })], status: 'pass', steps: ['verify-backups'], also: method({ ccr: '' }) },
  { name: 'Windows Server 2003 → NTBackup', fleet: [host('EX1', '8.3.298.3', os('5.2.3790'))], status: 'pass', steps: ['verify-backups-mailbox'], also: method({ ntbackup: 'yes', wsb: '', noExchangeAwareWsb: '', osUnknown: '' }) },
  { name: 'Windows Server 2008 at SP3 → Windows Server Backup with the plug-in', fleet: [host('EX1', '8.3.298.3', os('6.0.6002'))], status: 'pass', steps: ['verify-backups-mailbox'], also: method({ ntbackup: '', wsb: 'yes', noExchangeAwareWsb: '' }) },
  { name: 'Windows Server 2008 at SP1 → no Exchange-aware Windows Server Backup', fleet: [host('EX1', '8.1.393.1', os('6.0.6002'))], status: 'pass', steps: ['verify-backups-mailbox'], also: method({ ntbackup: '', wsb: '', noExchangeAwareWsb: 'yes', servicePack: 'SP1' }) },
  { name: 'Windows Server 2008 R2 at SP2 → Windows Server Backup with the plug-in', fleet: [host('EX1', '8.2.247.2', os('6.1.7601'))], status: 'pass', steps: ['verify-backups-mailbox'], also: method({ wsb: 'yes', servicePack: 'SP2' }) },
  { name: 'Edge at RTM on 2003 → system state, NTBackup', fleet: [host('EDGE1', '8.0.685.24', os('5.2.3790'), ['Edge'])], status: 'pass', steps: ['verify-backups'], also: method({ ntbackup: 'yes', servicePack: 'RTM' }) },
  { name: 'OS not exported → says the method is unknown', fleet: [host('EX1', '8.3.298.3', null)], status: 'pass', steps: ['verify-backups-mailbox'], also: method({ ntbackup: '', wsb: '', osUnknown: 'yes' }) },
  {
    name: 'CCR on 2003 nodes → databases, CCR noted, NTBackup',
    fleet: [cmsServer('CCR1', { nodes: [{ name: 'N1', active: true, os: os('5.2.3790') }, { name: 'N2', os: os('5.2.3790') }] })],
    status: 'pass',
    steps: ['verify-backups-mailbox'],
    also: method({ ccr: 'yes', ntbackup: 'yes', machines: 'N1, N2' }),
  },
  { name: 'SCC → not a CCR', fleet: [cmsServer('SCC1', { type: 'scc', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })], status: 'pass', steps: ['verify-backups-mailbox'], also: method({ ccr: '' }) },
  { name: 'already at target → not applicable', fleet: [server('EX1', { exsetup: '8.3.517.0' })], status: 'not-applicable' },
]);
