import { expect } from 'vitest';
import rule from './index.js';
import { nameList } from '../../i18n/name-list.js';
import { casServer, cmsServer, machine, os, server } from '../../../test/support/facts.js';
import { testRule, type Evaluation } from '../../../test/support/rule-tester.js';

const external = 'https://mail.contoso.co.jp/owa';
const cas01 = casServer('EXCAS01', { externalUrl: external, roles: ['ClientAccess', 'HubTransport'] });
const cas01Done = casServer('EXCAS01', { externalUrl: external, exsetup: '8.3.517.0' });
const cas02 = casServer('EXCAS02', { exsetup: '8.2.247.2' });
const cas02Done = casServer('EXCAS02', { exsetup: '8.3.517.0' });
const mbx = server('EXMBX02');
const mbxDone = server('EXMBX02', { exsetup: '8.3.517.0' });
const excludedCas = { ...casServer('EX2010', { externalUrl: external }), excluded: { reason: 'other-version' as const, version: 'Version 14.3 (Build 123.4)' } };

/** The servers the finding lists. */
const listing =
  (...servers: string[]) =>
  (r: Evaluation): void => {
    expect(r.findings[0]?.data['servers']).toEqual(nameList(servers));
  };

testRule(rule, [
  {
    name: 'internal CAS with an Internet-facing CAS to update → confirm it is done first',
    fleet: [cas01, cas02, mbx],
    server: 'EXCAS02',
    status: 'fail',
    messages: ['proxiedAfterInternetFacing:info'],
    steps: ['confirm-internet-facing-cas-updated'],
    also: (r) => {
      listing('EXCAS01')(r);
      expect(r.steps[0]?.data).toMatchObject({ target: 'SP3 RU23', targetBuildLong: '08.03.0517.000' });
    },
  },
  { name: 'Internet-facing CAS → goes first (info), no step', fleet: [cas01, cas02, mbx], server: 'EXCAS01', status: 'pass', messages: ['internetFacingFirst:info'], also: listing('EXCAS02') },
  { name: 'only Internet-facing CAS to update → goes first alone', fleet: [cas01, cas02Done], server: 'EXCAS01', status: 'pass', messages: ['internetFacingFirstAlone:info'], also: listing() },
  {
    name: 'non-CAS with CAS to update → confirm every CAS first',
    fleet: [cas01, cas02, mbx],
    server: 'EXMBX02',
    status: 'fail',
    messages: ['afterClientAccess:info'],
    steps: ['confirm-client-access-servers-updated'],
    also: listing('EXCAS01', 'EXCAS02'),
  },
  {
    name: 'RTM organisation on 2003: Edge, UM and an SCC wait for the RTM CAS',
    fleet: [
      casServer('RTMCAS1', { externalUrl: external, machine: machine('RTMCAS1', { exsetup: '8.0.685.24', os: os('5.2.3790'), crl: false }) }),
      server('RTMUM1', { roles: ['UnifiedMessaging'], exsetup: '8.0.685.24' }),
      cmsServer('RTMSCC1', { type: 'scc', exsetup: '8.0.685.24', nodes: [{ name: 'S1', active: true }, { name: 'S2' }] }),
    ],
    server: 'RTMSCC1',
    status: 'fail',
    messages: ['afterClientAccess:info'],
    steps: ['confirm-client-access-servers-updated'],
    also: listing('RTMCAS1'),
  },
  {
    name: 'Edge waits for the Client Access servers too',
    fleet: [cas02, server('EXEDGE01', { roles: ['Edge'], exsetup: '8.1.393.1' })],
    server: 'EXEDGE01',
    status: 'fail',
    messages: ['afterClientAccess:info'],
    steps: ['confirm-client-access-servers-updated'],
    also: listing('EXCAS02'),
  },
  { name: 'internal CAS, Internet-facing CAS already at target → not applicable', fleet: [cas01Done, cas02], server: 'EXCAS02', status: 'not-applicable' },
  { name: 'internal CAS, the Internet-facing one is excluded (not Exchange 2007) → not applicable', fleet: [excludedCas, cas02], server: 'EXCAS02', status: 'not-applicable' },
  { name: 'non-CAS, every CAS at target → not applicable', fleet: [cas01Done, cas02Done, mbx], server: 'EXMBX02', status: 'not-applicable' },
  { name: 'server already at target → not applicable', fleet: [cas01, cas02, mbxDone], server: 'EXMBX02', status: 'not-applicable' },
]);
