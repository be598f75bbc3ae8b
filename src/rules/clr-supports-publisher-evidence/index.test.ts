import { expect } from 'vitest';
import rule from './index.js';
import { machine, os, server } from '../../../test/support/facts.js';
import { placed, testRule, type Evaluation } from '../../../test/support/rule-tester.js';
import type { ClusterFacts, MachineFacts } from '../../normalize/server-facts.js';

const cluster: ClusterFacts = { type: 'ccr', nodes: [{ name: 'N1', active: true, quorumOwner: true }, { name: 'N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } };
const ex1 = (...machines: MachineFacts[]) => server('EX1', { machines, cluster: machines.length > 1 ? cluster : null });
const sp0 = { clr2ServicePack: 0, has35: false };

/** Every finding cites KB944752; the install step sits at prepare:230 for the machine named. */
const kb944752 =
  (...machines: string[]) =>
  (r: Evaluation): void => {
    expect(r.findings.map((f) => f.kb)).toEqual(machines.map(() => 'KB944752'));
    expect(placed(r)).toEqual(machines.map((m) => `prepare:230:install-dotnet-framework-update:${m}`));
  };

testRule(rule, [
  { name: '.NET 3.5 SP1 → pass', fleet: [ex1(machine('EX1', { exsetup: '8.3.298.3' }))], status: 'pass' },
  { name: '.NET 2.0 SP1 without 3.5 → pass', fleet: [ex1(machine('EX1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: 1, has35: false } }))], status: 'pass' },
  { name: '.NET 3.5 listed, 2.0 key missing → pass', fleet: [ex1(machine('EX1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: null, has35: true } }))], status: 'pass' },
  {
    name: '.NET 2.0 SP0 only → blocker + install step',
    fleet: [ex1(machine('EX1', { exsetup: '8.3.298.3', dotNet: sp0 }))],
    status: 'fail',
    messages: ['clrWithoutSp1:blocker'],
    steps: ['install-dotnet-framework-update:EX1'],
    also: (r) => {
      kb944752('EX1')(r);
      expect(r.findings[0]?.data).toEqual({ machine: 'EX1', servicePack: 0 });
    },
  },
  {
    name: 'RTM host on 2003 with .NET 2.0 RTM → blocker before the SP',
    fleet: [server('RTM1', { machines: [machine('RTM1', { exsetup: '8.0.685.24', os: os('5.2.3790'), dotNet: sp0 })] })],
    status: 'fail',
    messages: ['clrWithoutSp1:blocker'],
    steps: ['install-dotnet-framework-update:RTM1'],
  },
  {
    name: 'no .NET 2.0 or 3.5 key → blocker',
    fleet: [ex1(machine('EX1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: null, has35: false } }))],
    status: 'fail',
    messages: ['clrNotFound:blocker'],
    steps: ['install-dotnet-framework-update:EX1'],
    also: kb944752('EX1'),
  },
  {
    name: 'CMS: only the node without SP1 gets the step',
    fleet: [ex1(machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.298.3', dotNet: sp0 }))],
    status: 'fail',
    messages: ['clrWithoutSp1:blocker'],
    steps: ['install-dotnet-framework-update:N2'],
    also: kb944752('N2'),
  },
  { name: 'already at target → not applicable', fleet: [ex1(machine('EX1', { exsetup: '8.3.517.0', dotNet: sp0 }))], status: 'not-applicable' },
  { name: 'no .NET export → data gap', fleet: [ex1(machine('EX1', { exsetup: '8.3.298.3', dotNet: null }))], status: 'data-gap', also: (r) => { expect(r.findings.map((f) => f.kb)).toEqual([null]); } },
]);
