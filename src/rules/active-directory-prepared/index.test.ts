import { expect } from 'vitest';
import rule from './index.js';
import type { RuleOptions } from '../define-rule.js';
import { casServer, catalog, cmsServer, defaultOptions, machine, os, server } from '../../../test/support/facts.js';
import { placed, rendersInBothLanguages, testRule, type Evaluation } from '../../../test/support/rule-tester.js';

const SP1_RU9 = '8.1.393.1';
const SP2_RU3 = '8.2.247.2';
const SP3_RU6 = '8.3.245.2';
const RTM_RU7 = '8.0.730.1';

const hub = (name: string, exsetup: string) => server(name, { roles: ['HubTransport'], machines: [machine(name, { exsetup })] });
const edge = (name: string, exsetup: string) => server(name, { roles: ['Edge'], machines: [machine(name, { exsetup })] });
const toSp1: RuleOptions = { ...defaultOptions, target: { kind: 'level', level: catalog.latestOf('SP1') } };

/** Where the steps land (`phase:order:step[:instance]`), and that they render in both languages. */
const landsAt =
  (...places: string[]) =>
  async (r: Evaluation): Promise<void> => {
    expect(placed(r)).toEqual(places);
    await rendersInBothLanguages(r);
  };

testRule(rule, [
  { name: 'no service pack change (rollup only) → not applicable', fleet: [hub('EXHUB01', SP3_RU6)], status: 'not-applicable' },
  {
    name: 'first server in wave order (Internet-facing CAS) prepares schema and AD; crossing SP2 adds ETS',
    fleet: [hub('EXHUB01', SP1_RU9), casServer('EXCAS09', { exsetup: SP1_RU9, externalUrl: 'https://mail.contoso.co.jp/owa' })],
    server: 'EXCAS09',
    status: 'fail',
    messages: ['prepareHere:warning', 'trustedSubsystemAdded:warning'],
    steps: ['ad-prepare-schema', 'ad-prepare-ad', 'ad-record-trusted-subsystem'],
    also: landsAt('prepare:150:ad-prepare-schema', 'prepare:160:ad-prepare-ad', 'verify:390:ad-record-trusted-subsystem:EXCAS09'),
  },
  {
    name: 'a later server confirms the preparation on the first server’s runbook, naming it',
    fleet: [hub('EXHUB01', SP1_RU9), casServer('EXCAS09', { exsetup: SP1_RU9, externalUrl: 'https://mail.contoso.co.jp/owa' })],
    server: 'EXHUB01',
    status: 'pass',
    messages: ['preparedElsewhere:info', 'trustedSubsystemAdded:warning'],
    steps: ['ad-confirm-prepared', 'ad-record-trusted-subsystem'],
    also: async (r) => {
      await landsAt('prepare:150:ad-confirm-prepared', 'verify:390:ad-record-trusted-subsystem:EXHUB01')(r);
      expect(r.steps[0]?.data).toMatchObject({ first: 'EXCAS09', servicePack: 'SP3', schemaVersion: 14625 });
    },
  },
  {
    name: 'a non-Internet-facing CAS comes before other roles even when its name sorts later',
    fleet: [hub('EXAAA01', SP2_RU3), casServer('EXCAS02', { exsetup: SP2_RU3 })],
    server: 'EXCAS02',
    status: 'fail',
    messages: ['prepareHere:warning'],
    steps: ['ad-prepare-schema', 'ad-prepare-ad'],
    also: landsAt('prepare:150:ad-prepare-schema', 'prepare:160:ad-prepare-ad'),
  },
  { name: 'a server already at the target SP proves the directory is prepared; SP2 → SP3 adds no ETS', fleet: [casServer('EXCAS02', { exsetup: SP2_RU3 }), hub('EXHUB01', SP3_RU6)], status: 'pass', messages: ['alreadyPrepared:info'] },
  { name: 'an Edge server at the target SP is no proof (AD LDS), and an Edge server never prepares AD', fleet: [edge('EXEDGE01', SP1_RU9), edge('EXEDGE02', SP3_RU6), hub('EXHUB01', SP1_RU9)], status: 'pass' },
  {
    name: '…so the first non-Edge server prepares',
    fleet: [edge('EXEDGE01', SP1_RU9), edge('EXEDGE02', SP3_RU6), hub('EXHUB01', SP1_RU9)],
    server: 'EXHUB01',
    status: 'fail',
    messages: ['prepareHere:warning', 'trustedSubsystemAdded:warning'],
    steps: ['ad-prepare-schema', 'ad-prepare-ad', 'ad-record-trusted-subsystem'],
    also: landsAt('prepare:150:ad-prepare-schema', 'prepare:160:ad-prepare-ad', 'verify:390:ad-record-trusted-subsystem:EXHUB01'),
  },
  {
    name: 'target SP1 (RTM → SP1): prepare, no ETS',
    fleet: [hub('EXHUB01', RTM_RU7)],
    options: toSp1,
    status: 'fail',
    messages: ['prepareHere:warning'],
    steps: ['ad-prepare-schema', 'ad-prepare-ad'],
    also: landsAt('prepare:150:ad-prepare-schema', 'prepare:160:ad-prepare-ad'),
  },
  {
    name: 'RTM organisation on 2003 with no server on the target SP yet: the Internet-facing RTM CAS prepares',
    fleet: [
      server('RTMUM1', { roles: ['UnifiedMessaging'], machines: [machine('RTMUM1', { exsetup: '8.0.685.24', os: os('5.2.3790') })] }),
      casServer('RTMCAS1', { externalUrl: 'https://mail.contoso.co.jp/owa', machine: machine('RTMCAS1', { exsetup: '8.0.685.24', os: os('5.2.3790'), crl: false }) }),
    ],
    server: 'RTMCAS1',
    status: 'fail',
    messages: ['prepareHere:warning', 'trustedSubsystemAdded:warning'],
    steps: ['ad-prepare-schema', 'ad-prepare-ad', 'ad-record-trusted-subsystem'],
  },
  {
    name: 'a clustered mailbox server records ETS on every node',
    fleet: [cmsServer('EXMBX01', { exsetup: SP1_RU9, nodes: [{ name: 'EXMBX01N1', active: true }, { name: 'EXMBX01N2' }] }), casServer('EXCAS01', { exsetup: SP1_RU9 })],
    status: 'pass',
    messages: ['preparedElsewhere:info', 'trustedSubsystemAdded:warning'],
    steps: ['ad-confirm-prepared:', 'ad-record-trusted-subsystem:EXMBX01N1', 'ad-record-trusted-subsystem:EXMBX01N2'],
    also: landsAt('prepare:150:ad-confirm-prepared', 'verify:390:ad-record-trusted-subsystem:EXMBX01N1', 'verify:390:ad-record-trusted-subsystem:EXMBX01N2'),
  },
  { name: 'no build evidence → data gap', fleet: [{ ...hub('EXHUB01', SP1_RU9), adminDisplayVersion: null, machines: [machine('EXHUB01', { patches: null })] }], status: 'data-gap' },
]);
