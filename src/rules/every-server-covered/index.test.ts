import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, machine, os, server } from '../../../test/support/facts.js';

const complete = machine('EXHUB01', { exsetup: '8.1.393.1', os: os('5.2.3790') });
const hub = (m = complete) => server('EXHUB01', { roles: ['HubTransport'], machines: [m] });
const edge = (file: string) => ({ ...server('EXEDGE01', { roles: ['Edge'], exsetup: '8.3.389.2' }), from: { file, line: 2 } });
const cms = server('EXMBX01', {
  cluster: { type: 'ccr', nodes: [{ name: 'EXMBX01N1', active: true, quorumOwner: true }, { name: 'EXMBX01N2', active: false, quorumOwner: false }], from: { file: 'org/MailboxServer.csv', line: 2 } },
  machines: [machine('EXMBX01N1', { exsetup: '8.3.245.2' }), machine('EXMBX01N2', { patches: null, os: null })],
});

describe('every-server-covered', () => {
  const cases = [
    { name: 'ExSetup, patch list and OS present → pass', fleet: [hub()], of: 'EXHUB01', status: 'pass', messages: [], machines: [] },
    {
      name: 'nothing collected on the machine → a warning per missing kind',
      fleet: [hub(machine('EXHUB01', { patches: null, os: null }))],
      of: 'EXHUB01',
      status: 'fail',
      messages: ['exsetupMissing:warning', 'patchListMissing:warning', 'osMissing:warning'],
      machines: ['EXHUB01', 'EXHUB01', 'EXHUB01'],
    },
    { name: 'only the patch list missing → one warning', fleet: [hub(machine('EXHUB01', { exsetup: '8.1.393.1', patches: null }))], of: 'EXHUB01', status: 'fail', messages: ['patchListMissing:warning'], machines: ['EXHUB01'] },
    {
      name: 'CMS: the passive node has no data → warnings name that node',
      fleet: [cms],
      of: 'EXMBX01',
      status: 'fail',
      messages: ['exsetupMissing:warning', 'patchListMissing:warning', 'osMissing:warning'],
      machines: ['EXMBX01N2', 'EXMBX01N2', 'EXMBX01N2'],
    },
    { name: 'Edge record from its own folder → pass', fleet: [edge('EXEDGE01/ExchangeServer.csv')], of: 'EXEDGE01', status: 'pass', messages: [], machines: [] },
    { name: 'Edge record from the organisation export → pass with info', fleet: [edge('org/ExchangeServer.csv')], of: 'EXEDGE01', status: 'pass', messages: ['edgeFromOrganisation:info'], machines: [undefined] },
  ];
  it.each(cases)('$name', ({ fleet, of, status, messages, machines }) => {
    const result = evaluate(rule, fleet, of);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.findings.map((f) => f.data['machine'])).toEqual(machines);
    expect(result.steps).toEqual([]);
  });

  it('applies to a server already at the target too (a gap is never silently dropped)', () => {
    const result = evaluate(rule, [server('EXMBX02', { machines: [machine('EXMBX02', { exsetup: '8.3.517.0', patches: null })] })]);
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.data).toMatchObject({ machine: 'EXMBX02', file: 'InstalledPatches.csv' });
  });
});
