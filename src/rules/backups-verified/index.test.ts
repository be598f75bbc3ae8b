import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, machine, os, server } from '../../../test/support/facts.js';

describe('backups-verified', () => {
  const cases = [
    { name: 'Mailbox → databases + system state', fleet: server('EX1'), status: 'pass', steps: ['prepare:300:verify-backups-mailbox'] },
    { name: 'CAS → system state only', fleet: server('EX1', { roles: ['ClientAccess', 'HubTransport'] }), status: 'pass', steps: ['prepare:300:verify-backups'] },
    { name: 'already at target → not applicable', fleet: server('EX1', { exsetup: '8.3.517.0' }), status: 'not-applicable', steps: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, steps }) => {
    const result = evaluate(rule, [fleet]);
    expect(result.status).toBe(status);
    expect(result.findings).toEqual([]);
    expect(result.steps.map((s) => `${s.phase}:${s.order}:${s.step}`)).toEqual(steps);
  });
});

describe('backups-verified: the method follows the OS and the Exchange level', () => {
  it.each([
    { name: 'Windows Server 2003 → NTBackup', exsetup: '8.3.298.3', os: os('5.2.3790'), expected: { ntbackup: 'yes', wsb: '', noExchangeAwareWsb: '' } },
    { name: 'Windows Server 2008 at SP3 → Windows Server Backup with the plug-in', exsetup: '8.3.298.3', os: os('6.0.6002'), expected: { ntbackup: '', wsb: 'yes', noExchangeAwareWsb: '' } },
    { name: 'Windows Server 2008 at SP1 → no Exchange-aware Windows Server Backup', exsetup: '8.1.393.1', os: os('6.0.6002'), expected: { ntbackup: '', wsb: '', noExchangeAwareWsb: 'yes' } },
  ])('$name', ({ exsetup, os: system, expected }) => {
    const result = evaluate(rule, [server('EX1', { machines: [machine('EX1', { exsetup, os: system })] })]);
    expect(result.steps[0]?.data).toMatchObject(expected);
  });
});
