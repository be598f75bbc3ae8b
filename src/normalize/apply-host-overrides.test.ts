import { describe, expect, it } from 'vitest';
import type { HostOverride } from '../ingest/read-config.js';
import { cmsServer, machine, server } from '../../test/support/facts.js';
import type { ServerFacts } from './server-facts.js';
import { applyHostOverrides } from './apply-host-overrides.js';

const fleet: ServerFacts[] = [
  server('EXCAS01', { roles: ['ClientAccess'], machines: [machine('EXCAS01', { crl: false })] }),
  cmsServer('EXMBX01', { nodes: [{ name: 'EXMBX01N1', active: true }, { name: 'EXMBX01N2' }] }),
  { ...server('EX2010'), excluded: { reason: 'other-version', version: 'Version 14.1 (Build 218.15)' } },
];

function crlOf(servers: ReturnType<typeof applyHostOverrides>['servers']): Record<string, unknown> {
  return Object.fromEntries(servers.flatMap((s) => s.machines.map((m) => [m.name, m.crlReachable ? `${String(m.crlReachable.value)}@${m.crlReachable.from.file}:${m.crlReachable.from.line}` : null])));
}

describe('applyHostOverrides', () => {
  it.each<{ name: string; hosts: HostOverride[]; crl: Record<string, unknown>; windows: [string, string][]; targets: string[]; unknown: string[] }>([
    { name: 'no overrides → facts unchanged', hosts: [], crl: { EXCAS01: 'false@test.csv:2', EXMBX01N1: null, EXMBX01N2: null, EX2010: null }, windows: [], targets: [], unknown: [] },
    {
      name: 'by name, case-insensitive: replaces the CRL test with the config line',
      hosts: [{ name: 'excas01', line: 7, internetAccess: { value: true, line: 8 } }],
      crl: { EXCAS01: 'true@change.yaml:8', EXMBX01N1: null, EXMBX01N2: null, EX2010: null },
      windows: [],
      targets: [],
      unknown: [],
    },
    {
      name: 'by FQDN: the first label names the server',
      hosts: [{ name: 'EXCAS01.contoso.co.jp', line: 3, window: { value: 'Sat 22:00', line: 4 }, target: { value: 'SP3-RU10', line: 5 } }],
      crl: { EXCAS01: 'false@test.csv:2', EXMBX01N1: null, EXMBX01N2: null, EX2010: null },
      windows: [['EXCAS01', 'Sat 22:00']],
      targets: ['EXCAS01=SP3-RU10@5'],
      unknown: [],
    },
    {
      name: 'a CMS name reaches every node; window and target belong to the CMS',
      hosts: [{ name: 'EXMBX01', line: 2, internetAccess: { value: false, line: 3 }, window: { value: 'Sun', line: 4 } }],
      crl: { EXCAS01: 'false@test.csv:2', EXMBX01N1: 'false@change.yaml:3', EXMBX01N2: 'false@change.yaml:3', EX2010: null },
      windows: [['EXMBX01', 'Sun']],
      targets: [],
      unknown: [],
    },
    {
      name: 'a node name reaches only that node, its window goes to the CMS',
      hosts: [{ name: 'EXMBX01N2', line: 2, internetAccess: { value: true, line: 3 }, window: { value: 'Sun', line: 4 } }],
      crl: { EXCAS01: 'false@test.csv:2', EXMBX01N1: null, EXMBX01N2: 'true@change.yaml:3', EX2010: null },
      windows: [['EXMBX01', 'Sun']],
      targets: [],
      unknown: [],
    },
    {
      name: 'an unknown or excluded host is a warning with its line, never applied',
      hosts: [
        { name: 'EXCAS09', line: 5, internetAccess: { value: true, line: 6 } },
        { name: 'EX2010', line: 9, internetAccess: { value: true, line: 10 } },
      ],
      crl: { EXCAS01: 'false@test.csv:2', EXMBX01N1: null, EXMBX01N2: null, EX2010: null },
      windows: [],
      targets: [],
      unknown: ['EXCAS09@5', 'EX2010@9'],
    },
  ])('$name', ({ hosts, crl, windows, targets, unknown }) => {
    const result = applyHostOverrides(fleet, hosts, 'change.yaml');
    expect(crlOf(result.servers)).toEqual(crl);
    expect([...result.windows]).toEqual(windows);
    expect([...result.targets].map(([name, t]) => `${name}=${t.value}@${t.line}`)).toEqual(targets);
    expect(result.diagnostics.map((d) => `${String(d.data.host)}@${String(d.line)}`)).toEqual(unknown);
    expect(result.diagnostics.every((d) => d.severity === 'warning' && d.code === 'config-unknown-host' && d.file === 'change.yaml')).toBe(true);
  });
});
