import { expect } from 'vitest';
import rule from './index.js';
import { build, cmsServer, machine, os, patch, server } from '../../../test/support/facts.js';
import { testRule, type Evaluation } from '../../../test/support/rule-tester.js';
import type { MachineFacts } from '../../normalize/server-facts.js';

const ru10 = patch('KB2788321', 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', 'rollup');
const ex1 = (...machines: MachineFacts[]) => server('EX1', { machines });

/** The level the plan starts from: service pack, rollup and the evidence read. */
const level =
  (servicePack: string | null, rollup: number | null, evidence: string) =>
  (r: Evaluation): void => {
    expect([r.current.servicePack, r.current.rollup, r.current.evidence]).toEqual([servicePack, rollup, evidence]);
  };

testRule(rule, [
  { name: 'ExSetup of a released build → pass, info', fleet: [ex1(machine('EX1', { exsetup: '8.3.298.3' }))], status: 'pass', messages: ['fromExsetup:info'], steps: ['confirm-current-build'], also: level('SP3', 10, 'exsetup') },
  { name: 'RTM on 2003 from ExSetup → pass', fleet: [server('RTM1', { machines: [machine('RTM1', { exsetup: '8.0.685.24', os: os('5.2.3790') })] })], status: 'pass', messages: ['fromExsetup:info'], steps: ['confirm-current-build'], also: level('RTM', 0, 'exsetup') },
  { name: 'patch list only → pass from installed updates', fleet: [ex1(machine('EX1', { patches: [ru10] }))], status: 'pass', messages: ['fromPatches:info'], steps: ['confirm-current-build'], also: level('SP3', 10, 'installed-patches') },
  {
    name: 'AdminDisplayVersion only → fail with warning (rollup unknown)',
    fleet: [ex1(machine('EX1', { patches: null }))],
    status: 'fail',
    messages: ['adminDisplayVersionOnly:warning'],
    steps: ['confirm-current-build'],
    also: (r) => {
      level('SP3', null, 'admin-display-version')(r);
      expect(r.findings[0]?.data).toMatchObject({ machine: 'EX1', servicePack: 'SP3' });
    },
  },
  {
    name: 'unreleased build (IU or private) → warning, placed above the rollup below it',
    fleet: [ex1(machine('EX1', { exsetup: '8.3.300.0' }))],
    status: 'fail',
    messages: ['unreleasedBuild:warning'],
    steps: ['confirm-current-build'],
    also: level('SP3', 10, 'exsetup'),
  },
  {
    name: 'CMS nodes at different levels → warning, plan from the lowest',
    fleet: [ex1(machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.245.2' }))],
    status: 'fail',
    messages: ['fromExsetup:info', 'fromExsetup:info', 'machinesDiffer:warning'],
    steps: ['confirm-current-build:N1', 'confirm-current-build:N2'],
    also: level('SP3', 6, 'exsetup'),
  },
  {
    name: 'SCC nodes on one build → asks the operator to confirm it per machine',
    fleet: [cmsServer('EX1', { type: 'scc', exsetup: '8.3.298.3', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'pass',
    messages: ['fromExsetup:info', 'fromExsetup:info'],
    steps: ['confirm-current-build:N1', 'confirm-current-build:N2'],
    also: (r) => {
      expect(r.steps.map((s) => [s.step, s.instance, s.data['build']])).toEqual([
        ['confirm-current-build', 'N1', '8.3.298.3'],
        ['confirm-current-build', 'N2', '8.3.298.3'],
      ]);
      expect(build('8.3.298.3')).toEqual([8, 3, 298, 3]);
    },
  },
  { name: 'no evidence at all → blocker, nothing to confirm', fleet: [server('EX1', { adminDisplayVersion: null, machines: [machine('EX1', { patches: null })] })], status: 'fail', messages: ['noEvidence:blocker'] },
]);
