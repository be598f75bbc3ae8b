import { expect } from 'vitest';
import rule from './index.js';
import { cmsServer, machine, os, server } from '../../../test/support/facts.js';
import { testRule, type Evaluation } from '../../../test/support/rule-tester.js';

const complete = machine('EXHUB01', { exsetup: '8.1.393.1', os: os('5.2.3790') });
const hub = (m = complete) => server('EXHUB01', { roles: ['HubTransport'], machines: [m] });
const edge = (file: string) => ({ ...server('EXEDGE01', { roles: ['Edge'], exsetup: '8.3.389.2' }), from: { file, line: 2 } });
const cms = server('EXMBX01', {
  cluster: { type: 'ccr', nodes: [{ name: 'EXMBX01N1', active: true, quorumOwner: true }, { name: 'EXMBX01N2', active: false, quorumOwner: false }], from: { file: 'org/MailboxServer.csv', line: 2 } },
  machines: [machine('EXMBX01N1', { exsetup: '8.3.245.2' }), machine('EXMBX01N2', { patches: null, os: null })],
});

/** The machine each finding names (the Edge finding names the server, not a machine). */
const naming =
  (...machines: (string | undefined)[]) =>
  (r: Evaluation): void => {
    expect(r.findings.map((f) => f.data['machine'])).toEqual(machines);
  };

testRule(rule, [
  { name: 'ExSetup, patch list and OS present → pass', fleet: [hub()], status: 'pass' },
  {
    name: 'nothing collected on the machine → a warning per missing kind',
    fleet: [hub(machine('EXHUB01', { patches: null, os: null }))],
    status: 'fail',
    messages: ['exsetupMissing:warning', 'patchListMissing:warning', 'osMissing:warning'],
    also: naming('EXHUB01', 'EXHUB01', 'EXHUB01'),
  },
  { name: 'only the patch list missing → one warning', fleet: [hub(machine('EXHUB01', { exsetup: '8.1.393.1', patches: null }))], status: 'fail', messages: ['patchListMissing:warning'], also: naming('EXHUB01') },
  {
    name: 'CMS: the passive node has no data → warnings name that node',
    fleet: [cms],
    status: 'fail',
    messages: ['exsetupMissing:warning', 'patchListMissing:warning', 'osMissing:warning'],
    also: naming('EXMBX01N2', 'EXMBX01N2', 'EXMBX01N2'),
  },
  { name: 'SCC on 2003 with everything collected → pass', fleet: [cmsServer('SCC1', { type: 'scc', nodes: [{ name: 'S1', active: true, os: os('5.2.3790') }, { name: 'S2', os: os('5.2.3790') }] })], status: 'pass' },
  { name: 'Edge record from its own folder → pass', fleet: [edge('EXEDGE01/ExchangeServer.csv')], status: 'pass' },
  {
    name: 'Edge record from the organisation export → pass with info',
    fleet: [edge('org/ExchangeServer.csv')],
    status: 'pass',
    messages: ['edgeFromOrganisation:info'],
    also: (r) => {
      naming(undefined)(r);
      expect(r.findings[0]?.data).toEqual({ server: 'EXEDGE01', file: 'org/ExchangeServer.csv' });
    },
  },
  {
    name: 'a server already at the target is checked too (a gap is never silently dropped)',
    fleet: [server('EXMBX02', { machines: [machine('EXMBX02', { exsetup: '8.3.517.0', patches: null })] })],
    status: 'fail',
    messages: ['patchListMissing:warning'],
    also: (r) => {
      expect(r.findings[0]?.data).toMatchObject({ machine: 'EXMBX02', file: 'InstalledPatches.csv' });
    },
  },
  { name: 'RTM Unified Messaging without an OS record → warning', fleet: [server('UM1', { roles: ['UnifiedMessaging'], machines: [machine('UM1', { exsetup: '8.0.685.24', os: null })] })], status: 'fail', messages: ['osMissing:warning'], also: naming('UM1') },
]);
