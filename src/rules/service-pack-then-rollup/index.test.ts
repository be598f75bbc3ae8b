import { expect } from 'vitest';
import rule from './index.js';
import { catalog, cmsServer, defaultOptions, machine, os, server } from '../../../test/support/facts.js';
import { testRule } from '../../../test/support/rule-tester.js';
import type { MachineFacts } from '../../normalize/server-facts.js';

const spThenRollup2003 = ['install-service-pack', 'restart-after-service-pack', 'restore-after-service-pack', 'install-update-rollup', 'remove-update-rollup-2003', 'verify-build'];
const ex1 = (m: MachineFacts) => [server('EX1', { machines: [m] })];

// The rollback's expected build, computed from the plan: after an SP and its rollup, removing the rollup
// leaves the new SP's base build (an SP cannot be removed); after a rollup alone, the previous rollup.
testRule(rule, [
  {
    name: 'SP1 on 2003 → SP upgrade, restart, then rollup; 2003 rollback path; SP restore',
    fleet: ex1(machine('EX1', { exsetup: '8.1.393.1', os: os('5.2.3790') })),
    status: 'fail',
    messages: ['separateInstalls:info'],
    steps: spThenRollup2003,
  },
  {
    name: 'SP2 RU3 → SP3 RU23 on 2008: SP, restart, rollup; removal leaves SP3 (8.3.83.6)',
    fleet: ex1(machine('EX1', { exsetup: '8.2.247.2', os: os('6.0.6002') })),
    status: 'fail',
    messages: ['separateInstalls:info'],
    steps: ['install-service-pack', 'restart-after-service-pack', 'restore-after-service-pack', 'install-update-rollup', 'remove-update-rollup-2008', 'verify-build'],
    also: (r) => {
      expect(r.steps.find((s) => s.step === 'remove-update-rollup-2008')?.data).toMatchObject({ afterRemoval: 'SP3 (8.3.83.6)', afterRemovalLong: '08.03.0083.006', spKept: 'SP3' });
    },
  },
  {
    name: 'RTM Unified Messaging on 2003 → SP3 and its rollup',
    fleet: [server('UM1', { roles: ['UnifiedMessaging'], machines: [machine('UM1', { exsetup: '8.0.685.24', os: os('5.2.3790') })] })],
    status: 'fail',
    messages: ['separateInstalls:info'],
    steps: spThenRollup2003,
  },
  {
    name: 'SP3 RU10 on 2008 R2 → rollup only, 2008 rollback path; verify-build prints ExSetup\'s long form',
    fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', os: os('6.1.7601') })),
    status: 'fail',
    messages: ['rollupOnly:info'],
    steps: ['install-update-rollup', 'remove-update-rollup-2008', 'verify-build'],
    also: (r) => {
      expect(r.steps.find((s) => s.step === 'verify-build')?.data['buildLong']).toBe('08.03.0517.000');
    },
  },
  {
    name: 'SP3 RU10 → SP3 RU23 on 2003: rollup only; removal goes back to RU10',
    fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', os: os('5.2.3790') })),
    status: 'fail',
    messages: ['rollupOnly:info'],
    steps: ['install-update-rollup', 'remove-update-rollup-2003', 'verify-build'],
    also: (r) => {
      expect(r.steps.find((s) => s.step === 'remove-update-rollup-2003')?.data).toMatchObject({ afterRemoval: 'SP3 RU10 (8.3.298.3)', spKept: '' });
    },
  },
  {
    name: 'Edge at SP3 RU10 without Internet → rollup only',
    fleet: [server('EDGE1', { roles: ['Edge'], machines: [machine('EDGE1', { exsetup: '8.3.298.3', os: os('6.0.6002'), crl: false })] })],
    status: 'fail',
    messages: ['rollupOnly:info'],
    steps: ['install-update-rollup', 'remove-update-rollup-2008', 'verify-build'],
  },
  { name: 'unknown OS → both rollback paths', fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', os: null })), status: 'fail', messages: ['rollupOnly:info'], steps: ['install-update-rollup', 'remove-update-rollup-2003', 'remove-update-rollup-2008', 'verify-build'] },
  {
    name: 'SP1 → SP2 without a rollup: the service pack alone, no removal step',
    fleet: ex1(machine('EX1', { exsetup: '8.1.393.1', os: os('5.2.3790') })),
    options: { ...defaultOptions, target: { kind: 'level', level: catalog.servicePack('SP2') } },
    status: 'fail',
    messages: ['servicePackOnly:info'],
    steps: ['install-service-pack', 'restart-after-service-pack', 'restore-after-service-pack', 'verify-build'],
  },
  { name: 'clustered mailbox servers are left to their own procedure (CCR)', fleet: [cmsServer('CMS', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })], status: 'not-applicable' },
  { name: 'clustered mailbox servers are left to their own procedure (SCC at SP1)', fleet: [cmsServer('SCC', { type: 'scc', exsetup: '8.1.393.1', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })], status: 'not-applicable' },
  { name: 'already at the target → not applicable', fleet: [server('EX1', { exsetup: '8.3.517.0' })], status: 'not-applicable' },
  { name: 'no build evidence → data gap', fleet: [server('EX1', { adminDisplayVersion: null, machines: [{ ...machine('EX1', { patches: null }), exsetup: null }] })], status: 'data-gap' },
]);
