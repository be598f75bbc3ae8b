import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { catalog, defaultOptions, evaluate, machine, os, server } from '../../../test/support/facts.js';
import type { ReleasedLevel } from '../../knowledge/build-catalog.js';
import type { OperatingSystem } from '../../normalize/server-facts.js';

const w2008Rtm: OperatingSystem = { ...os('6.0.6002'), version: '6.0.6001', servicePack: '' };
const other: OperatingSystem = { ...os('6.1.7601'), caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', family: 'other', servicePack: '' };

describe('operating-system-supported', () => {
  const cases = [
    { name: '2008 R2 at SP3 → pass, 2008 path', machines: [machine('EX1', { exsetup: '8.3.298.3', os: os('6.1.7601') })], status: 'pass', messages: ['installedUpdates2008:info'] },
    {
      name: '2003 SP2 upgrading to SP3 → Windows Installer 4.5 step',
      machines: [machine('EX1', { exsetup: '8.1.393.1', os: os('5.2.3790') })],
      status: 'fail',
      messages: ['windowsInstaller45:warning', 'installedUpdates2003:info'],
      steps: ['install-windows-installer-45'],
    },
    {
      name: '2003 SP1 upgrading to SP3 → blocker naming SP2, and Windows Installer 4.5',
      machines: [machine('EX1', { exsetup: '8.1.393.1', os: { ...os('5.2.3790'), servicePack: 'Service Pack 1' } })],
      status: 'fail',
      messages: ['w2003NeedsSp2:blocker', 'windowsInstaller45:warning', 'installedUpdates2003:info'],
      steps: ['install-windows-installer-45'],
    },
    { name: '2003 rollup only (SP3 already) → no Windows Installer step', machines: [machine('EX1', { exsetup: '8.3.298.3', os: os('5.2.3790') })], status: 'pass', messages: ['installedUpdates2003:info'] },
    {
      name: '2008 before SP2 upgrading to SP3 → Windows Installer 4.5 step',
      machines: [machine('EX1', { exsetup: '8.1.393.1', os: w2008Rtm })],
      status: 'fail',
      messages: ['windowsInstaller45:warning', 'installedUpdates2008:info'],
      steps: ['install-windows-installer-45'],
    },
    { name: '2008 at SP2 → pass', machines: [machine('EX1', { exsetup: '8.2.247.2', os: os('6.0.6002') })], status: 'pass', messages: ['installedUpdates2008:info'] },
    {
      name: '2008 R2 with an SP2 target → blocker',
      machines: [machine('EX1', { exsetup: '8.2.247.2', os: os('6.1.7601') })],
      target: 'SP2' as const,
      status: 'fail',
      messages: ['r2NeedsSp3:blocker', 'installedUpdates2008:info'],
    },
    {
      name: '2008 with an RTM target → blocker',
      machines: [machine('EX1', { exsetup: '8.0.685.24', os: w2008Rtm })],
      target: 'RTM' as const,
      status: 'fail',
      messages: ['w2008NeedsSp1:blocker', 'installedUpdates2008:info'],
    },
    { name: 'unknown OS → warning', machines: [machine('EX1', { exsetup: '8.3.298.3', os: other })], status: 'fail', messages: ['osUnknown:warning'] },
    { name: 'already at target → still checked', machines: [machine('EX1', { exsetup: '8.3.517.0', os: os('6.1.7601') })], status: 'pass', messages: ['installedUpdates2008:info'] },
    { name: 'no OS export → data gap', machines: [machine('EX1', { exsetup: '8.3.298.3', os: null })], status: 'data-gap', messages: ['dataGap:warning'] },
  ];
  it.each(cases)('$name', ({ machines, target, status, messages, steps = [] }: { machines: ReturnType<typeof machine>[]; target?: 'RTM' | 'SP2'; status: string; messages: string[]; steps?: string[] }) => {
    const options = target ? { ...defaultOptions, target: { kind: 'level' as const, level: latestOf(target) } } : defaultOptions;
    const result = evaluate(rule, [server('EX1', { machines })], 'EX1', options);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step)).toEqual(steps);
  });
});

function latestOf(sp: 'RTM' | 'SP2'): ReleasedLevel {
  return catalog.latestOf(sp);
}
