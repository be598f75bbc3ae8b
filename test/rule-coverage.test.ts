import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { runRules, type ServerEvaluation } from '../src/rules/run-rules.js';
import type { RuleOptions } from '../src/rules/define-rule.js';
import type { ServerFacts } from '../src/normalize/server-facts.js';
import { casServer, catalog, cmsServer, defaultOptions, machine, os, owaFile, patch, renderSteps, server, stockOwaFiles, withOutlookAnywhere, withOwaFiles, withRpcProxy } from './support/facts.js';

/**
 * Fleets built for the checklist, not for one rule: RTM hosts, a Windows Server 2003 SP1 host, single copy
 * and CCR clusters on 2003 and 2008, Unified Messaging, Edge, a fleet where no server is on the target SP
 * yet, a service-pack-only target. Every rule runs on every fleet; the test fails when a message or step
 * that a rule declares is produced by none of them, and every step is rendered in both languages with the
 * shipped texts (strict: a placeholder without data fails here, not on the operator's page).
 */
const w2003sp1 = { ...os('5.2.3790'), servicePack: 'Service Pack 1' };
const w2008rtm = { ...os('6.0.6002'), version: '6.0.6001', servicePack: 'Service Pack 1' };
const iuNoKb = { ...patch('KB0', 'Interim Update for Exchange Server 2007 (hotfix without a number)'), kb: null };

const customLogon = stockOwaFiles().map((f) => (/logon\.aspx$/.test(f.path) ? owaFile('auth\\logon.aspx', '2013-06-12T18:40:05', 5230) : f));

const FLEETS: { name: string; servers: ServerFacts[]; options?: RuleOptions }[] = [
  {
    name: 'RTM organisation on Windows Server 2003: no server on the target SP yet, UM, Edge, SCC',
    servers: [
      casServer('RTMCAS1', { externalUrl: 'https://mail.contoso.co.jp/owa', machine: machine('RTMCAS1', { exsetup: '8.0.685.24', os: w2003sp1, crl: false, dotNet: { clr2ServicePack: 0, has35: false } }) }),
      casServer('RTMCAS2', { machine: withOwaFiles(machine('RTMCAS2', { exsetup: '8.0.685.24', os: os('5.2.3790'), patches: [iuNoKb] }), stockOwaFiles('8.0.685.24')) }),
      server('RTMUM1', { roles: ['UnifiedMessaging'], machines: [machine('RTMUM1', { exsetup: '8.0.685.24', os: os('5.2.3790') })] }),
      server('RTMEDGE1', { roles: ['Edge'], machines: [machine('RTMEDGE1', { exsetup: '8.0.685.24', os: os('5.2.3790'), dotNet: null })] }),
      cmsServer('RTMSCC1', { type: 'scc', exsetup: '8.0.685.24', nodes: [{ name: 'SCCN1', active: true, os: os('5.2.3790') }, { name: 'SCCN2', os: os('5.2.3790') }] }),
      server('RTMHUB1', { roles: ['HubTransport'], machines: [machine('RTMHUB1', { exsetup: '8.0.685.24', os: w2008rtm, patches: null })] }),
    ],
  },
  {
    name: 'mixed SP1–SP3 on 2008 and 2008 R2, CCR without an active flag, RPC proxy and Outlook Anywhere',
    servers: [
      withOutlookAnywhere(casServer('CAS1', { externalUrl: 'https://mail.contoso.co.jp/owa', machine: withRpcProxy(machine('CAS1', { exsetup: '8.3.298.3', os: os('6.1.7601') }), 'CAS1:6001-6002;CAS1:6004;DC1:593') }), 'mail.contoso.co.jp'),
      withOutlookAnywhere(casServer('CAS2', { machine: machine('CAS2', { exsetup: '8.1.393.1', os: os('6.0.6002') }) }), 'mail.contoso.co.jp'),
      cmsServer('CCR1', { nodes: [{ name: 'CCRN1', os: os('5.2.3790') }, { name: 'CCRN2', os: os('5.2.3790') }], exsetup: '8.2.247.2', patches: [patch('KB2814847', 'Interim Update for Exchange Server 2007 (KB2814847)')] }),
      cmsServer('CCR2', { nodes: [{ name: 'CCR2N1', active: true }], exsetup: '8.3.245.2' }),
      server('MBX3', { machines: [machine('MBX3', { exsetup: '8.3.517.0' })] }),
      server('MBX4', { machines: [machine('MBX4', { exsetup: '8.2.247.2', os: os('6.1.7601'), crl: true })] }),
      server('NOBUILD', { adminDisplayVersion: null, machines: [machine('NOBUILD', {})] }),
    ],
  },
  {
    name: 'one Internet-facing CAS with a customised logon page; CCR on 2008 with nodes at different builds; evidence short of ExSetup',
    servers: [
      casServer('WEB1', { externalUrl: 'https://mail.contoso.co.jp/owa', machine: withRpcProxy(withOwaFiles(machine('WEB1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: null, has35: false } }), customLogon), 'WEB1:6001-6002;WEB1:6004') }),
      server('CCR8', {
        roles: ['Mailbox'],
        cluster: { type: 'ccr', nodes: [{ name: 'CCR8N1', active: true, quorumOwner: true }, { name: 'CCR8N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } },
        machines: [machine('CCR8N1', { exsetup: '8.3.245.2', os: os('6.0.6002') }), machine('CCR8N2', { exsetup: '8.3.298.3', os: os('6.0.6002') })],
      }),
      server('FROMPATCH', { machines: [{ ...machine('FROMPATCH', { patches: [patch('KB2788321', 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', 'rollup')] }), exsetup: null }] }),
      server('ADVONLY', { machines: [{ ...machine('ADVONLY', { patches: null, os: null }), exsetup: null }] }),
      server('PRIVATE', { roles: ['HubTransport'], machines: [machine('PRIVATE', { exsetup: '8.3.298.5' })] }),
    ],
  },
  {
    name: 'service pack only (SP2 without a rollup) and an RTM target',
    servers: [
      server('SP1MBX', { machines: [machine('SP1MBX', { exsetup: '8.1.393.1', os: { ...os('5.2.3790'), hotfixes: ['KB925876'] } })] }),
      server('NOVDIR', { roles: ['ClientAccess'], machines: [machine('NOVDIR', { exsetup: '8.1.393.1' })] }),
    ],
    options: { ...defaultOptions, target: { kind: 'level', level: catalog.servicePack('SP2') } },
  },
  {
    name: 'RTM target on Windows Server 2008, a server beyond it',
    servers: [
      server('W8RTM', { machines: [machine('W8RTM', { exsetup: '8.0.685.24', os: w2008rtm })] }),
      server('NEWER', { machines: [machine('NEWER', { exsetup: '8.3.517.0', os: os('6.1.7601') })] }),
      server('R2RTM', { machines: [machine('R2RTM', { exsetup: '8.0.685.24', os: os('6.1.7601') })] }),
    ],
    options: { ...defaultOptions, target: { kind: 'level', level: catalog.servicePack('RTM') } },
  },
  {
    name: 'a Japanese Exchange and the interim-update catalogue',
    servers: [
      server('JAMBX', { machines: [machine('JAMBX', { exsetup: '8.3.298.3', patches: [patch('KB2788321', 'Exchange Server 2007 Service Pack 3 (KB2788321) 用の更新プログラムのロールアップ 10', 'rollup'), patch('KB2814847', 'Interim Update (KB2814847)')] })] }),
      server('OS2012', { machines: [machine('OS2012', { exsetup: '8.3.298.3', os: { caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', servicePack: '', family: 'other', language: '1033' } })] }),
    ],
    options: { ...defaultOptions, interimUpdateFixes: new Map([['KB2814847', catalog.latestOf('SP3')]]) },
  },
];

const evaluations: { fleet: string; evaluation: ServerEvaluation }[] = FLEETS.flatMap((f) => runRules(f.servers, RULES, catalog, f.options ?? defaultOptions).map((evaluation) => ({ fleet: f.name, evaluation })));

describe('rule coverage over varied fleets', () => {
  it('no rule crashes on any fleet', () => {
    const errors = evaluations.flatMap(({ fleet, evaluation }) => evaluation.results.filter((r) => r.status === 'error').map((r) => `${fleet} / ${evaluation.server.name} / ${r.rule}: ${r.detail}`));
    expect(errors).toEqual([]);
  });

  it('every message and step a rule declares is produced by some fleet', () => {
    const seen = new Set(evaluations.flatMap(({ evaluation }) => [...evaluation.findings.map((f) => `${f.rule}/message/${f.messageId}`), ...evaluation.steps.map((s) => `${s.rule}/step/${s.step}`)]));
    const declared = RULES.flatMap((rule) => [
      ...Object.keys(rule.meta.messages).map((m) => `${rule.meta.id}/message/${m}`),
      ...Object.keys(rule.meta.steps).map((s) => `${rule.meta.id}/step/${s}`),
    ]);
    expect(declared.filter((d) => !seen.has(d))).toEqual([]);
  });

  it('every step renders in both languages with its data', async () => {
    for (const { evaluation } of evaluations) {
      for (const lang of ['en', 'ja'] as const) {
        const texts = await renderSteps(evaluation, lang);
        expect(texts.length).toBe(evaluation.steps.length);
      }
    }
  });

  it('rollback after a service pack and its rollup expects the new SP\'s base build, per node', () => {
    const ccr = evaluations.find(({ evaluation }) => evaluation.server.name === 'CCR1')?.evaluation;
    const removals = ccr?.steps.filter((s) => s.step === 'cluster-remove-rollup-2003') ?? [];
    expect(removals.map((s) => [s.instance, s.data['afterRemoval'], s.data['spKept']])).toEqual([
      ['CCRN1', 'SP3 (8.3.83.6)', 'SP3'],
      ['CCRN2', 'SP3 (8.3.83.6)', 'SP3'],
    ]);
  });
});
