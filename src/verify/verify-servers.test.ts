import { describe, expect, it } from 'vitest';
import { parsePlanJson, type PlanForVerify } from '../ingest/read-plan-json.js';
import type { MachineFacts, ServerFacts, ServiceState } from '../normalize/server-facts.js';
import { assemblePlan } from '../plan/assemble-plan.js';
import { loadRunStepTexts } from '../render/html/render-html.js';
import { renderPlanJson } from '../render/json/plan-json.js';
import type { RenderContext } from '../render/render-context.js';
import { RULES } from '../rules/index.js';
import { runRules } from '../rules/run-rules.js';
import { casServer, catalog, cmsServer, defaultOptions, machine, owaFile, patch, server, stockOwaFiles, withOwaFiles, withRpcProxy } from '../../test/support/facts.js';
import { buildStatus, serverStatus, verifyServers, type VerifyStatus } from './verify-servers.js';

const context: RenderContext = { lang: 'en', rules: new Map(RULES.map((r) => [r.meta.id, r])), tool: { name: 'exrunbook', version: '0.0.0' }, catalogSha256: catalog.sha256, generatedOn: '2026-11-25', ticket: '', window: '' };
const stepTexts = loadRunStepTexts('en');
const TARGET = '8.3.517.0';
const at = (file: string, line = 2) => ({ file, line });

/** The plan exrunbook build writes for a fleet, read back as verify reads it. */
function planFor(fleet: ServerFacts[]): PlanForVerify {
  const plan = assemblePlan(runRules(fleet, RULES, catalog, defaultOptions), fleet, [], []);
  const text = [...renderPlanJson(context, plan, defaultOptions.target, stepTexts)].join('');
  return { file: 'plan.json', sha256: '0'.repeat(64), manifestChecked: true, servers: parsePlanJson(text, 'plan.json') };
}

function withExsetup(s: ServerFacts, builds: Record<string, string | null>): ServerFacts {
  return { ...s, machines: s.machines.map((m) => ({ ...m, exsetup: builds[m.name] === null ? null : builds[m.name] ? { value: parse(builds[m.name] ?? ''), from: at(`${m.name}/ExSetup.csv`) } : m.exsetup })) };
}

function parse(text: string) {
  return text.split('.').map(Number) as unknown as readonly [number, number, number, number];
}

const before = [
  server('EXMBX10', { exsetup: '8.3.298.3' }),
  cmsServer('EXCMS1', { nodes: [{ name: 'NODE1', active: true }, { name: 'NODE2' }], exsetup: '8.3.298.3' }),
];

describe('verifyServers: one status per planned server, clusters per node', () => {
  it.each<[string, Record<string, string | null>, VerifyStatus, VerifyStatus]>([
    ['every machine at the target', { EXMBX10: TARGET, NODE1: TARGET, NODE2: TARGET }, 'verified', 'verified'],
    ['above the target counts as verified', { EXMBX10: '8.3.517.1' }, 'verified', 'not-updated'],
    ['still at the planned start', {}, 'not-updated', 'not-updated'],
    ['one CCR node updated, the other not', { NODE2: TARGET }, 'not-updated', 'partial'],
    ['a build between the start and the target', { EXMBX10: '8.3.417.1', NODE1: '8.3.417.1', NODE2: '8.3.417.1' }, 'partial', 'partial'],
    ['lower than the planned start (rolled back)', { EXMBX10: '8.3.245.2', NODE1: TARGET, NODE2: '8.3.83.6' }, 'regressed', 'regressed'],
    ['no build evidence after the window', { EXMBX10: null, NODE1: null, NODE2: null }, 'no-data', 'no-data'],
  ])('%s', (_name, builds, standalone, cluster) => {
    const plan = planFor(before);
    const after = before.map((s) => ({ ...withExsetup(s, builds), adminDisplayVersion: null, machines: withExsetup(s, builds).machines.map((m) => ({ ...m, patches: null })) }));
    const result = verifyServers(plan, after, catalog, []);
    expect(result.servers.map((s) => [s.name, s.status])).toEqual(expect.arrayContaining([['EXMBX10', standalone], ['EXCMS1', cluster]]));
  });

  it('reports no-data for a planned server the after-inventory does not list at all', () => {
    const result = verifyServers(planFor(before), [], catalog, []);
    expect(result.servers.map((s) => s.status)).toEqual(['no-data', 'no-data']);
    expect(result.servers.find((s) => s.name === 'EXCMS1')?.observed.machines.map((m) => m.name)).toEqual(['NODE1', 'NODE2']);
  });

  it('names each node with its planned and observed build and the file and line that say so', () => {
    const after = [withExsetup(before[1] as ServerFacts, { NODE2: TARGET })];
    const cms = verifyServers(planFor(before), after, catalog, []).servers.find((s) => s.name === 'EXCMS1');
    expect(cms?.observed.machines.map((m) => ({ name: m.name, status: m.status, build: m.build?.join('.'), from: m.from?.join('.'), sources: m.sources }))).toEqual([
      { name: 'NODE1', status: 'not-updated', build: '8.3.298.3', from: '8.3.298.3', sources: [{ file: 'test.csv', line: 2 }] },
      { name: 'NODE2', status: 'verified', build: TARGET, from: '8.3.298.3', sources: [at('NODE2/ExSetup.csv')] },
    ]);
    expect(cms?.observed.build?.join('.')).toBe('8.3.298.3');
  });

  it('does not take AdminDisplayVersion (the SP only) as proof of a rollup', () => {
    const after = [{ ...before[0], adminDisplayVersion: { value: parse('8.3.83.6'), from: at('org/ExchangeServer.csv') }, machines: [machine('EXMBX10', { patches: null })] } as ServerFacts];
    expect(verifyServers(planFor([before[0] as ServerFacts]), after, catalog, [])[`servers`][0]?.status).toBe('no-data');
  });
});

describe('buildStatus and serverStatus', () => {
  it.each([
    ['8.3.517.0', '8.3.298.3', 'verified'],
    ['8.3.298.3', '8.3.298.3', 'not-updated'],
    ['8.3.300.0', '8.3.298.3', 'partial'],
    ['8.3.245.2', '8.3.298.3', 'regressed'],
    ['8.3.300.0', null, 'not-updated'],
  ] as const)('build %s from %s → %s', (build, from, status) => {
    expect(buildStatus(parse(build), from === null ? null : parse(from), parse(TARGET))).toBe(status);
  });
  it.each<[VerifyStatus[], VerifyStatus]>([
    [['verified', 'verified'], 'verified'],
    [['verified', 'not-updated'], 'partial'],
    [['verified', 'no-data'], 'partial'],
    [['partial', 'no-data'], 'partial'],
    // No node moved: one still at the start, the other without evidence.
    [['not-updated', 'no-data'], 'not-updated'],
    [['verified', 'regressed'], 'regressed'],
    [['no-data', 'no-data'], 'no-data'],
    [['not-updated', 'not-updated'], 'not-updated'],
    [[], 'no-data'],
  ])('%o → %s', (machines, status) => {
    expect(serverStatus(machines)).toBe(status);
  });
});

function service(name: string, state = 'Running', startMode = 'Auto', line = 2): ServiceState {
  return { name, displayName: name, state, startMode, from: at('EXCAS01/Services.csv', line) };
}

function casMachine(extra: Partial<MachineFacts>): MachineFacts {
  return { ...machine('EXCAS01', { exsetup: TARGET, crl: false, patches: [patch('KB2814847', 'Interim Update for Exchange Server 2007 (KB2814847)')] }), ...extra };
}

describe('verifyServers: the checks the after-inventory proves, each with its evidence', () => {
  const customised = [...stockOwaFiles('8.3.298.3'), owaFile('auth\\logon.aspx', '2014-01-01T10:00:00', 9999), owaFile('8.3.298.3\\themes\\contoso\\')].filter((f, _i, all) => !(f.path.endsWith('logon.aspx') && f.length === 4096 && all.some((g) => g.path === f.path && g.length === 9999)));
  const beforeMachine = withRpcProxy(withOwaFiles(machine('EXCAS01', { exsetup: '8.3.298.3', crl: false, patches: [patch('KB2814847', 'Interim Update for Exchange Server 2007 (KB2814847)')] }), customised), 'exmbx01:6001-6002', true);
  const cas = casServer('EXCAS01', { externalUrl: 'https://mail.contoso.co.jp/owa', machine: beforeMachine, roles: ['ClientAccess'] });
  const plan = planFor([cas]);

  const restored = [...stockOwaFiles(TARGET), owaFile('auth\\logon.aspx', '2014-01-01T10:00:00', 9999), owaFile(`${TARGET}\\themes\\contoso\\`)].filter((f) => !(f.path.endsWith('logon.aspx') && f.length === 4096));
  const good = casMachine({
    owaFiles: { items: restored, from: [at('EXCAS01/OwaFiles.csv')] },
    rpcProxy: { value: { validPorts: 'exmbx01:6001-6002', enabled: true }, from: at('EXCAS01/RpcProxy.csv') },
    services: { items: [service('MSExchangeADTopology'), service('MSExchangeServiceHost', 'Running', 'Auto', 3), service('MSExchangeIMAP4', 'Stopped', 'Manual', 4), service('W3Svc', 'Running', 'Auto', 5)], from: [at('EXCAS01/Services.csv')] },
    publisherRevocationCheck: { value: { state: 0x23c00, checksRevocation: true }, from: at('EXCAS01/SoftwarePublishing.csv') },
    setupLog: { value: { lines: ['[12/06/2026 01:10:00] [0] The Microsoft Exchange Server setup operation completed successfully.'] }, from: at('EXCAS01/ExchangeSetup.log', 9000) },
  });
  const verdict = (m: MachineFacts) => verifyServers(plan, [{ ...cas, machines: [m] }], catalog, []).servers[0];
  const byId = (m: MachineFacts) => Object.fromEntries((verdict(m)?.checks ?? []).map((c) => [c.id, c]));

  it('passes every check when the window restored everything', () => {
    const checks = verdict(good)?.checks ?? [];
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['interim-update-reinstalled', 'pass'],
      ['exchange-services', 'pass'],
      ['crl-check-restored', 'pass'],
      ['owa-customisations', 'pass'],
      ['rpc-proxy-unchanged', 'pass'],
      ['dotnet-unchanged', 'pass'],
      ['setup-log', 'pass'],
    ]);
    expect(verdict(good)?.status).toBe('verified');
    expect(byId(good)['crl-check-restored']?.evidence).toEqual([at('EXCAS01/SoftwarePublishing.csv')]);
  });

  it.each<[string, Partial<MachineFacts>, string, Record<string, string>]>([
    ['the interim update is not back', { patches: { items: [], from: [at('EXCAS01/InstalledPatches.csv')] } }, 'interim-update-reinstalled', { kb: 'KB2814847' }],
    ['a service left disabled by silent mode', { services: { items: [service('MSExchangeADTopology'), service('MSExchangeServiceHost', 'Stopped', 'Disabled', 7)], from: [at('EXCAS01/Services.csv')] } }, 'exchange-services', { services: 'MSExchangeServiceHost (Stopped, Disabled)' }],
    ['an automatic Exchange service outside the role lists stopped', { services: { items: [service('MSExchangeADTopology'), service('MSExchangeServiceHost'), service('MSExchangeTransport', 'Stopped', 'Auto', 8)], from: [at('EXCAS01/Services.csv')] } }, 'exchange-services', { services: 'MSExchangeTransport (Stopped, Auto)' }],
    ['the CRL check still off', { publisherRevocationCheck: { value: { state: 0x23e00, checksRevocation: false }, from: at('EXCAS01/SoftwarePublishing.csv') } }, 'crl-check-restored', { state: '0x23e00' }],
    ['logon.aspx back to the default and the theme gone', { owaFiles: { items: stockOwaFiles(TARGET), from: [at('EXCAS01/OwaFiles.csv')] } }, 'owa-customisations', { missing: 'logon.aspx 4096 ≠ 9999, themes\\contoso' }],
    ['the RpcProxy ValidPorts rewritten', { rpcProxy: { value: { validPorts: 'exmbx01:6001-6004', enabled: true }, from: at('EXCAS01/RpcProxy.csv') } }, 'rpc-proxy-unchanged', { before: 'ValidPorts=exmbx01:6001-6002; Enabled=1', after: 'ValidPorts=exmbx01:6001-6004; Enabled=1' }],
    ['.NET changed', { dotNet: { value: { clr2ServicePack: 1, has35: false }, from: at('EXCAS01/DotNet.csv') } }, 'dotnet-unchanged', { before: 'CLR 2.0 SP2; .NET 3.5 yes', after: 'CLR 2.0 SP1; .NET 3.5 no' }],
    ['setup logged an error', { setupLog: { value: { lines: ['[ERROR] Service MSExchangeTransport failed to start.'] }, from: at('EXCAS01/ExchangeSetup.log', 9000) } }, 'setup-log', { errors: '[ERROR] Service MSExchangeTransport failed to start.' }],
  ])('fails when %s, with the values it compared', (_name, change, id, data) => {
    const check = byId({ ...good, ...change })[id];
    expect(check?.status).toBe('fail');
    expect(check?.data).toEqual(data);
    expect(check?.evidence.length).toBeGreaterThan(0);
    // A failed check does not change the build verdict.
    expect(verdict({ ...good, ...change })?.status).toBe('verified');
  });

  it('finds an interim update listed without a KB number again by its place among those without one', () => {
    const noKb = { ...patch('KB0', 'Interim Update for Exchange Server 2007'), kb: null };
    const rtm = { ...beforeMachine, patches: { items: [noKb], from: [at('EXCAS01/InstalledPatches.csv')] } };
    const rtmPlan = planFor([{ ...cas, machines: [rtm] }]);
    const check = (items: typeof noKb[]) =>
      verifyServers(rtmPlan, [{ ...cas, machines: [{ ...good, patches: { items, from: [at('EXCAS01/InstalledPatches.csv')] } }] }], catalog, []).servers[0]?.checks.find((c) => c.id === 'interim-update-reinstalled');
    expect(check([{ ...noKb, from: at('EXCAS01/InstalledPatches.csv', 7) }])).toMatchObject({ status: 'pass', data: { kb: '(no KB number, #1)' }, evidence: [at('EXCAS01/InstalledPatches.csv', 7)] });
    expect(check([])?.status).toBe('fail');
  });

  it('says no-data for each check the after-inventory cannot prove', () => {
    const bare: MachineFacts = { ...machine('EXCAS01', { exsetup: TARGET, patches: null, dotNet: null }), services: null };
    expect((verdict(bare)?.checks ?? []).map((c) => [c.id, c.status])).toEqual([
      ['interim-update-reinstalled', 'no-data'],
      ['exchange-services', 'no-data'],
      ['crl-check-restored', 'no-data'],
      ['owa-customisations', 'no-data'],
      ['rpc-proxy-unchanged', 'no-data'],
      ['dotnet-unchanged', 'no-data'],
      ['setup-log', 'no-data'],
    ]);
  });

  it('does not pass the services check on an export that holds none of the services it checks', () => {
    const status = (items: ServiceState[]) => byId({ ...good, services: { items, from: [at('EXCAS01/Services.csv')] } })['exchange-services']?.status;
    expect(status([])).toBe('no-data');
    expect(status([service('W3Svc'), service('MSExchangeIMAP4', 'Stopped', 'Manual')])).toBe('no-data');
    expect(status([service('MSExchangeADTopology')])).toBe('pass');
    // Without the server's roles, any automatic Exchange service running is evidence.
    const noRoles = (items: ServiceState[]) =>
      verifyServers(plan, [{ ...cas, roles: [], machines: [{ ...good, services: { items, from: [at('EXCAS01/Services.csv')] } }] }], catalog, []).servers[0]?.checks.find((c) => c.id === 'exchange-services')?.status;
    expect(noRoles([service('W3Svc')])).toBe('no-data');
    expect(noRoles([service('MSExchangeTransport')])).toBe('pass');
  });

  it('lets MSExchangeIS stay stopped on a passive cluster node only', () => {
    const cms = cmsServer('EXCMS1', { nodes: [{ name: 'NODE1', active: true }, { name: 'NODE2' }], exsetup: '8.3.298.3' });
    const cmsPlan = planFor([cms]);
    const services = (name: string) => ({ items: [service('MSExchangeIS', 'Stopped', 'Auto'), service('MSExchangeRepl')], from: [at(`${name}/Services.csv`)] });
    const after = { ...cms, machines: cms.machines.map((m) => ({ ...m, exsetup: { value: parse(TARGET), from: at('x') }, services: services(m.name) })) };
    const checks = verifyServers(cmsPlan, [after], catalog, []).servers[0]?.checks.filter((c) => c.id === 'exchange-services');
    expect(checks?.map((c) => [c.machine, c.status])).toEqual([['NODE1', 'fail'], ['NODE2', 'pass']]);
  });
});
