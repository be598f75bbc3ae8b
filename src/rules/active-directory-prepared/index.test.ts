import { describe, expect, it } from 'vitest';
import rule from './index.js';
import type { RuleOptions } from '../define-rule.js';
import type { ServerFacts } from '../../normalize/server-facts.js';
import { casServer, catalog, cmsServer, defaultOptions, evaluate, machine, renderSteps, server } from '../../../test/support/facts.js';

const SP1_RU9 = '8.1.393.1';
const SP2_RU3 = '8.2.247.2';
const SP3_RU6 = '8.3.245.2';
const RTM_RU7 = '8.0.730.1';

const hub = (name: string, exsetup: string) => server(name, { roles: ['HubTransport'], machines: [machine(name, { exsetup })] });
const edge = (name: string, exsetup: string) => server(name, { roles: ['Edge'], machines: [machine(name, { exsetup })] });
const toSp1: RuleOptions = { ...defaultOptions, target: { kind: 'level', level: catalog.latestOf('SP1') } };

interface Case {
  name: string;
  fleet: ServerFacts[];
  subject: string;
  options?: RuleOptions;
  status: string;
  messages: string[];
  steps: string[];
}

const cases: Case[] = [
  {
    name: 'no service pack change (rollup only) → not applicable',
    fleet: [hub('EXHUB01', SP3_RU6)],
    subject: 'EXHUB01',
    status: 'not-applicable',
    messages: [],
    steps: [],
  },
  {
    name: 'first server in wave order (Internet-facing CAS) prepares schema and AD; crossing SP2 adds ETS',
    fleet: [hub('EXHUB01', SP1_RU9), casServer('EXCAS09', { exsetup: SP1_RU9, externalUrl: 'https://mail.contoso.co.jp/owa' })],
    subject: 'EXCAS09',
    status: 'fail',
    messages: ['trustedSubsystemAdded:warning', 'prepareHere:warning'],
    steps: ['prepare:ad-prepare-schema:150', 'prepare:ad-prepare-ad:160', 'verify:ad-record-trusted-subsystem@EXCAS09:390'],
  },
  {
    name: 'a later server confirms the preparation on the first server’s runbook',
    fleet: [hub('EXHUB01', SP1_RU9), casServer('EXCAS09', { exsetup: SP1_RU9, externalUrl: 'https://mail.contoso.co.jp/owa' })],
    subject: 'EXHUB01',
    status: 'pass',
    messages: ['trustedSubsystemAdded:warning', 'preparedElsewhere:info'],
    steps: ['prepare:ad-confirm-prepared:150', 'verify:ad-record-trusted-subsystem@EXHUB01:390'],
  },
  {
    name: 'a non-Internet-facing CAS comes before other roles even when its name sorts later',
    fleet: [hub('EXAAA01', SP2_RU3), casServer('EXCAS02', { exsetup: SP2_RU3 })],
    subject: 'EXCAS02',
    status: 'fail',
    messages: ['prepareHere:warning'],
    steps: ['prepare:ad-prepare-schema:150', 'prepare:ad-prepare-ad:160'],
  },
  {
    name: 'a server already at the target SP proves the directory is prepared; SP2 → SP3 adds no ETS',
    fleet: [casServer('EXCAS02', { exsetup: SP2_RU3 }), hub('EXHUB01', SP3_RU6)],
    subject: 'EXCAS02',
    status: 'pass',
    messages: ['alreadyPrepared:info'],
    steps: [],
  },
  {
    name: 'an Edge server at the target SP is no proof (AD LDS), and an Edge server never prepares AD',
    fleet: [edge('EXEDGE01', SP1_RU9), edge('EXEDGE02', SP3_RU6), hub('EXHUB01', SP1_RU9)],
    subject: 'EXEDGE01',
    status: 'pass',
    messages: [],
    steps: [],
  },
  {
    name: '…so the first non-Edge server prepares',
    fleet: [edge('EXEDGE01', SP1_RU9), edge('EXEDGE02', SP3_RU6), hub('EXHUB01', SP1_RU9)],
    subject: 'EXHUB01',
    status: 'fail',
    messages: ['trustedSubsystemAdded:warning', 'prepareHere:warning'],
    steps: ['prepare:ad-prepare-schema:150', 'prepare:ad-prepare-ad:160', 'verify:ad-record-trusted-subsystem@EXHUB01:390'],
  },
  {
    name: 'target SP1 (RTM → SP1): prepare, no Windows Installer 4.5 note, no ETS',
    fleet: [hub('EXHUB01', RTM_RU7)],
    subject: 'EXHUB01',
    options: toSp1,
    status: 'fail',
    messages: ['prepareHere:warning'],
    steps: ['prepare:ad-prepare-schema:150', 'prepare:ad-prepare-ad:160'],
  },
  {
    name: 'a clustered mailbox server records ETS on every node',
    fleet: [cmsServer('EXMBX01', { exsetup: SP1_RU9, nodes: [{ name: 'EXMBX01N1', active: true }, { name: 'EXMBX01N2' }] }), casServer('EXCAS01', { exsetup: SP1_RU9 })],
    subject: 'EXMBX01',
    status: 'pass',
    messages: ['trustedSubsystemAdded:warning', 'preparedElsewhere:info'],
    steps: ['prepare:ad-confirm-prepared:150', 'verify:ad-record-trusted-subsystem@EXMBX01N1:390', 'verify:ad-record-trusted-subsystem@EXMBX01N2:390'],
  },
  {
    name: 'no build evidence → data gap',
    fleet: [{ ...hub('EXHUB01', SP1_RU9), adminDisplayVersion: null, machines: [machine('EXHUB01', { patches: null })] }],
    subject: 'EXHUB01',
    status: 'data-gap',
    messages: ['dataGap:warning'],
    steps: [],
  },
];

describe('active-directory-prepared', () => {
  it.each(cases)('$name', async ({ fleet, subject, options, status, messages, steps }) => {
    const result = evaluate(rule, fleet, subject, options ?? defaultOptions);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`).sort()).toEqual([...messages].sort());
    expect(result.steps.map((s) => `${s.phase}:${s.step}${s.instance ? `@${s.instance}` : ''}:${String(s.order)}`)).toEqual(steps);
    for (const lang of ['en', 'ja'] as const) expect(await renderSteps(result, lang)).toHaveLength(result.steps.length);
  });

  it('names the first server on the other servers’ confirm step', () => {
    const fleet = [hub('EXHUB01', SP1_RU9), casServer('EXCAS09', { exsetup: SP1_RU9 })];
    const step = evaluate(rule, fleet, 'EXHUB01').steps.find((s) => s.step === 'ad-confirm-prepared');
    expect(step?.data).toMatchObject({ first: 'EXCAS09', servicePack: 'SP3', schemaVersion: 14625 });
  });
});
