import { expect } from 'vitest';
import rule from './index.js';
import { catalog, cmsServer, defaultOptions, machine, os, server } from '../../../test/support/facts.js';
import { testRule } from '../../../test/support/rule-tester.js';
import type { RuleOptions } from '../define-rule.js';
import type { MachineFacts, OperatingSystem } from '../../normalize/server-facts.js';

const w2003Sp1: OperatingSystem = { ...os('5.2.3790'), servicePack: 'Service Pack 1' };
const w2008Rtm: OperatingSystem = { ...os('6.0.6002'), version: '6.0.6001', servicePack: '' };
const other: OperatingSystem = { ...os('6.1.7601'), caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', family: 'other', servicePack: '' };
const ex1 = (exsetup: string, system: OperatingSystem | null): MachineFacts[] => [machine('EX1', { exsetup, os: system })];
const fleet = (machines: MachineFacts[]) => [server('EX1', { machines })];
const toLatestOf = (sp: 'RTM' | 'SP1' | 'SP2'): RuleOptions => ({ ...defaultOptions, target: { kind: 'level', level: catalog.latestOf(sp) } });

testRule(rule, [
  { name: '2008 R2 at SP3 → pass, 2008 path', fleet: fleet(ex1('8.3.298.3', os('6.1.7601'))), status: 'pass', messages: ['installedUpdates2008:info'] },
  {
    name: '2003 SP2 upgrading to SP3 → Windows Installer 4.5 step',
    fleet: fleet(ex1('8.1.393.1', os('5.2.3790'))),
    status: 'fail',
    messages: ['windowsInstaller45:warning', 'installedUpdates2003:info'],
    steps: ['install-windows-installer-45'],
    also: (r) => {
      expect(r.steps[0]?.data).toMatchObject({ machine: 'EX1', osFamily: '2003', servicePack: 'SP3' });
    },
  },
  {
    name: '2003 SP2 upgrading to SP3, systeminfo lists KB942288-v4 → nothing to install',
    fleet: fleet(ex1('8.1.393.1', { ...os('5.2.3790'), hotfixes: ['KB925876', 'KB942288'] })),
    status: 'pass',
    messages: ['installedUpdates2003:info'],
  },
  {
    name: '2003 SP2 upgrading to SP3, systeminfo without KB942288 → blocker and the install step',
    fleet: fleet(ex1('8.1.393.1', { ...os('5.2.3790'), hotfixes: ['KB925876', 'KB2393802'] })),
    status: 'fail',
    messages: ['windowsInstaller45Missing:blocker', 'installedUpdates2003:info'],
    steps: ['install-windows-installer-45'],
    also: (r) => {
      expect(r.findings[0]?.data).toMatchObject({ machine: 'EX1', hotfixCount: 2, servicePack: 'SP3' });
    },
  },
  {
    name: '2003 SP1 upgrading to SP3 → blocker naming SP2, and Windows Installer 4.5',
    fleet: fleet(ex1('8.1.393.1', w2003Sp1)),
    status: 'fail',
    messages: ['w2003NeedsSp2:blocker', 'windowsInstaller45:warning', 'installedUpdates2003:info'],
    steps: ['install-windows-installer-45'],
    also: (r) => {
      expect(r.findings[0]?.data).toMatchObject({ os: 'Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition Service Pack 1', servicePack: 'SP3' });
    },
  },
  { name: '2003 SP1 at RTM upgrading to SP1 only → no SP2 floor, no Windows Installer step', fleet: fleet(ex1('8.0.685.24', w2003Sp1)), options: toLatestOf('SP1'), status: 'pass', messages: ['installedUpdates2003:info'] },
  { name: '2003 rollup only (SP3 already) → no Windows Installer step', fleet: fleet(ex1('8.3.298.3', os('5.2.3790'))), status: 'pass', messages: ['installedUpdates2003:info'] },
  {
    name: '2008 before SP2 upgrading to SP3 → Windows Installer 4.5 step',
    fleet: fleet(ex1('8.1.393.1', w2008Rtm)),
    status: 'fail',
    messages: ['windowsInstaller45:warning', 'installedUpdates2008:info'],
    steps: ['install-windows-installer-45'],
  },
  { name: '2008 at SP2 → pass', fleet: fleet(ex1('8.2.247.2', os('6.0.6002'))), status: 'pass', messages: ['installedUpdates2008:info'] },
  { name: '2008 R2 with an SP2 target → blocker', fleet: fleet(ex1('8.2.247.2', os('6.1.7601'))), options: toLatestOf('SP2'), status: 'fail', messages: ['r2NeedsSp3:blocker', 'installedUpdates2008:info'] },
  { name: '2008 with an RTM target → blocker', fleet: fleet(ex1('8.0.685.24', w2008Rtm)), options: toLatestOf('RTM'), status: 'fail', messages: ['w2008NeedsSp1:blocker', 'installedUpdates2008:info'] },
  {
    name: 'CCR on 2003 SP2 nodes going SP2 → SP3 → Windows Installer 4.5 on each node',
    fleet: [cmsServer('CCR1', { exsetup: '8.2.247.2', nodes: [{ name: 'N1', active: true, os: os('5.2.3790') }, { name: 'N2', os: os('5.2.3790') }] })],
    status: 'fail',
    // Problems first, then where each node lists its installed updates.
    messages: ['windowsInstaller45:warning', 'windowsInstaller45:warning', 'installedUpdates2003:info', 'installedUpdates2003:info'],
    steps: ['install-windows-installer-45:N1', 'install-windows-installer-45:N2'],
  },
  { name: 'unknown OS → warning', fleet: fleet(ex1('8.3.298.3', other)), status: 'fail', messages: ['osUnknown:warning'] },
  { name: 'already at target → still checked', fleet: fleet(ex1('8.3.517.0', os('6.1.7601'))), status: 'pass', messages: ['installedUpdates2008:info'] },
  { name: 'no OS export → data gap', fleet: fleet(ex1('8.3.298.3', null)), status: 'data-gap' },
]);
