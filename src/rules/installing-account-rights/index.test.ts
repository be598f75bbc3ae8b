import { expect } from 'vitest';
import rule from './index.js';
import { cmsServer, machine, os, server } from '../../../test/support/facts.js';
import { placed, testRule, type Evaluation } from '../../../test/support/rule-tester.js';

const atPrepare100 = (r: Evaluation): void => {
  expect(placed(r)).toEqual(r.steps.map((s) => `prepare:100:${s.step}`));
};

testRule(rule, [
  { name: 'update to install → prepare step', fleet: [server('EX1')], status: 'pass', steps: ['confirm-installing-account'], also: atPrepare100 },
  { name: 'Edge → local Administrators step', fleet: [server('EX1', { roles: ['Edge'] })], status: 'pass', steps: ['confirm-installing-account-edge'], also: atPrepare100 },
  { name: 'Edge at SP1 on 2003 with no Internet → local Administrators step', fleet: [server('EDGE1', { roles: ['Edge'], machines: [machine('EDGE1', { exsetup: '8.1.393.1', os: os('5.2.3790'), crl: false })] })], status: 'pass', steps: ['confirm-installing-account-edge'] },
  { name: 'level unknown → still gets the step', fleet: [server('EX1', { adminDisplayVersion: null, machines: [machine('EX1', { patches: null })] })], status: 'pass', steps: ['confirm-installing-account'], also: atPrepare100 },
  {
    name: 'CCR → one step naming both nodes',
    fleet: [cmsServer('CCR1', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'pass',
    steps: ['confirm-installing-account'],
    also: (r) => {
      expect(r.steps[0]?.data).toEqual({ server: 'CCR1', machines: 'N1, N2' });
    },
  },
  { name: 'Unified Messaging at RTM → prepare step', fleet: [server('UM1', { roles: ['UnifiedMessaging'], exsetup: '8.0.685.24' })], status: 'pass', steps: ['confirm-installing-account'] },
  { name: 'already at target → not applicable', fleet: [server('EX1', { exsetup: '8.3.517.0' })], status: 'not-applicable' },
]);
