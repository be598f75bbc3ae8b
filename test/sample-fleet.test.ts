import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

interface PlanJson {
  waves: { index: number; servers: string[]; reasonId: string }[];
  servers: {
    name: string;
    wave: number | null;
    internetAccess: boolean | null;
    current: { build: string | null; servicePack: string | null; rollup: number | null; evidence: string; sources: string[] };
    target: { build: string; upToDate: boolean };
    findings: { rule: string; severity: string; messageId: string }[];
    steps: { id: string; phase: string }[];
  }[];
}

const work = mkdtempSync(join(tmpdir(), 'exrunbook-sample-'));
let plan: PlanJson;
beforeAll(async () => {
  const code = await main(['build', 'fixtures/sample-fleet', '--out', join(work, 'out'), '--date', '2026-11-25', '--format', 'json'], {
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
  });
  expect(code).toBe(0);
  plan = JSON.parse(readFileSync(join(work, 'out', 'plan.json'), 'utf8')) as PlanJson;
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
const serverNamed = (name: string) => {
  const s = plan.servers.find((x) => x.name === name);
  if (!s) throw new Error(`${name} missing from plan`);
  return s;
};

describe('sample fleet plan', () => {
  it('updates the Internet-facing CAS in an earlier wave than the CAS behind it', () => {
    const cas01 = serverNamed('EXCAS01');
    const cas02 = serverNamed('EXCAS02');
    expect(cas01.wave).not.toBeNull();
    expect(cas02.wave).not.toBeNull();
    expect(cas01.wave ?? 0).toBeLessThan(cas02.wave ?? 0);
    expect(plan.waves[0]).toMatchObject({ servers: ['EXCAS01'], reasonId: 'internet-facing-cas' });
    expect(plan.waves.at(-1)?.reasonId).toBe('other-roles');
  });

  it.each([
    ['EXCAS01', '8.3.298.3', 'SP3', 10, 'exsetup', 'EXCAS01/ExSetup.csv'],
    ['EXCAS02', '8.2.247.2', 'SP2', 3, 'exsetup', 'EXCAS02/ExSetup.csv'],
    ['EXHUB01', '8.1.393.1', 'SP1', 9, 'exsetup', 'EXHUB01/ExSetup.csv'],
    ['EXMBX01', '8.3.245.2', 'SP3', 6, 'exsetup', 'EXMBX01N1/ExSetup.csv'],
    ['EXMBX02', '8.3.517.0', 'SP3', 23, 'exsetup', 'EXMBX02/ExSetup.csv'],
    ['EXEDGE01', '8.3.389.2', 'SP3', 15, 'exsetup', 'EXEDGE01/ExSetup.csv'],
  ])('reads %s at build %s (%s RU%i) from %s', (name, build, sp, rollup, evidence, source) => {
    const s = serverNamed(name);
    expect(s.current).toMatchObject({ build, servicePack: sp, rollup, evidence });
    expect(s.current.sources.some((src) => src.startsWith(`${source}:`))).toBe(true);
  });

  it('targets SP3 RU23 and leaves the current server out of every wave', () => {
    for (const s of plan.servers) expect(s.target.build).toBe('8.3.517.0');
    expect(serverNamed('EXMBX02')).toMatchObject({ wave: null, target: { upToDate: true } });
    expect(plan.waves.flatMap((w) => w.servers)).not.toContain('EXMBX02');
  });

  it('blocks EXCAS01 on its interim update until a replacement is obtained', () => {
    const cas01 = serverNamed('EXCAS01');
    expect(cas01.findings).toContainEqual(expect.objectContaining({ rule: 'interim-updates-removed', severity: 'blocker', messageId: 'replacementNeeded' }));
    const ids = cas01.steps.map((s) => s.id);
    expect(ids.indexOf('remove-interim-update@EXCAS01:KB2814847')).toBeLessThan(ids.indexOf('install-update-rollup'));
  });

  it('upgrades the service pack before the rollup, as separate steps, only where the SP changes', () => {
    for (const name of ['EXCAS02', 'EXHUB01']) {
      const ids = serverNamed(name).steps.map((s) => s.id);
      expect(ids).toContain('install-service-pack');
      expect(ids.indexOf('install-service-pack')).toBeLessThan(ids.indexOf('install-update-rollup'));
    }
    for (const name of ['EXCAS01', 'EXEDGE01']) expect(serverNamed(name).steps.map((s) => s.id)).not.toContain('install-service-pack');
  });

  it('knows which hosts reach the CRL (untested counts as unknown)', () => {
    expect(serverNamed('EXCAS01').internetAccess).toBe(false);
    expect(serverNamed('EXCAS02').internetAccess).toBeNull();
    expect(serverNamed('EXEDGE01').internetAccess).toBe(true);
  });
});
