import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { treeEntries } from './support/tree-hash.js';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-verify-'));
const planDir = join(work, 'plan');
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function exrunbook(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: process.cwd() });
  return { code, stdout, stderr };
}

/** The sample fleet after a window: each machine's ExSetup.csv says `builds[machine]`, others unchanged. */
function afterInventory(name: string, builds: Record<string, string>): string {
  const dir = join(work, name);
  cpSync('fixtures/sample-fleet', dir, { recursive: true });
  for (const [machine, build] of Object.entries(builds)) {
    // Only the ExSetup version says the rollup; the patch listing of the sample still names the old one.
    rmSync(join(dir, machine, 'InstalledPatches.csv'), { force: true });
    writeFileSync(join(dir, machine, 'ExSetup.csv'), `"FileName","FileVersion"\r\n"C:\\Program Files\\Microsoft\\Exchange Server\\bin\\ExSetup.exe","${build}"\r\n`);
  }
  return dir;
}

const ALL = ['EXCAS01', 'EXCAS02', 'EXEDGE01', 'EXHUB01', 'EXMBX01N1', 'EXMBX01N2', 'EXMBX02'];
const TARGET = '08.03.0517.000';

beforeAll(async () => {
  const r = await exrunbook(['build', 'fixtures/sample-fleet', '--out', planDir, '--date', '2026-11-25', '--format', 'json']);
  expect(r.code).toBe(0);
});

interface VerifyJson {
  schemaVersion: number;
  plan: { sha256: string; manifestChecked: boolean };
  servers: { name: string; status: string; observed: { machines: { name: string; status: string }[] }; checks: { id: string; status: string }[] }[];
}

describe('exrunbook verify', () => {
  it('exits 4 and says not-updated when the after-inventory is the one the plan was made from', async () => {
    const out = join(work, 'v-same');
    const r = await exrunbook(['verify', join(planDir, 'plan.json'), 'fixtures/sample-fleet', '--out', out, '--date', '2026-12-07']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(4);
    expect(readdirSync(out).sort()).toEqual(['.exrunbook', 'SHA256SUMS', 'verify.html', 'verify.json']);
    const json = JSON.parse(readFileSync(join(out, 'verify.json'), 'utf8')) as VerifyJson;
    expect(json.plan.manifestChecked).toBe(true);
    expect(Object.fromEntries(json.servers.map((s) => [s.name, s.status]))).toEqual({ EXCAS01: 'not-updated', EXCAS02: 'not-updated', EXEDGE01: 'not-updated', EXHUB01: 'not-updated', EXMBX01: 'not-updated', EXMBX02: 'verified' });
    expect(r.stdout).toContain('1 of 6 servers verified');
  });

  it('exits 0 when every machine reached the target, and lists a partial CCR per node', async () => {
    const done = afterInventory('after-all', Object.fromEntries(ALL.map((m) => [m, TARGET])));
    const ok = await exrunbook(['verify', join(planDir, 'plan.json'), done, '--out', join(work, 'v-all'), '--lang', 'ja']);
    expect(ok.code).toBe(0);

    const half = afterInventory('after-half', Object.fromEntries(ALL.filter((m) => m !== 'EXMBX01N1').map((m) => [m, TARGET])));
    const r = await exrunbook(['verify', join(planDir, 'plan.json'), half, '--out', join(work, 'v-half')]);
    expect(r.code).toBe(4);
    const json = JSON.parse(readFileSync(join(work, 'v-half', 'verify.json'), 'utf8')) as VerifyJson;
    const cms = json.servers.find((s) => s.name === 'EXMBX01');
    expect(cms?.status).toBe('partial');
    expect(cms?.observed.machines.map((m) => [m.name, m.status])).toEqual([['EXMBX01N1', 'not-updated'], ['EXMBX01N2', 'verified']]);
    const html = readFileSync(join(work, 'v-half', 'verify.html'), 'utf8');
    expect(html).toContain('EXMBX01N1');
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses a plan changed after it was built (exit 2), writing nothing', async () => {
    const tampered = join(work, 'tampered');
    cpSync(planDir, tampered, { recursive: true });
    const path = join(tampered, 'plan.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"8.3.517.0"', '"8.3.417.1"'));
    const out = join(work, 'v-tampered');
    const r = await exrunbook(['verify', path, 'fixtures/sample-fleet', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not match its SHA256SUMS/);
    expect(r.stderr).toContain('fix: ');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['a plan that is not JSON', '{"schemaVersion": 1,', /not valid JSON/],
    ['a plan of a newer schema', '{"schemaVersion": 99, "servers": []}', /schemaVersion 99/],
    ['a plan whose server has no target', '{"schemaVersion": 1, "servers": [{"name": "X", "current": {"build": null, "machines": []}, "target": {}, "wave": 1, "cluster": null, "steps": []}]}', /servers\[0\]\.target\.build/],
  ])('refuses %s (exit 2)', async (_name, text, message) => {
    const dir = join(work, `bad-${String(Math.random()).slice(2)}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'plan.json'), text);
    const r = await exrunbook(['verify', join(dir, 'plan.json'), 'fixtures/sample-fleet', '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  // A plan or a SHA256SUMS that is a FIFO or a device would block verify for ever, or read until memory ran out.
  it.skipIf(process.platform === 'win32').each([
    ['a plan that is a FIFO', 'plan', /The plan ".*plan\.json" cannot be read: it is not a regular file but a named pipe/],
    ['a SHA256SUMS beside the plan that is a FIFO', 'manifest', /The SHA256SUMS beside the plan, ".*SHA256SUMS", cannot be read: it is not a regular file/],
  ])('refuses %s at once (exit 2), writing nothing', async (_name, which, message) => {
    const dir = join(work, `fifo-${which}`);
    cpSync(planDir, dir, { recursive: true });
    const fifo = join(dir, which === 'plan' ? 'plan.json' : 'SHA256SUMS');
    rmSync(fifo);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await exrunbook(['verify', join(dir, 'plan.json'), 'fixtures/sample-fleet', '--out', join(work, `v-fifo-${which}`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(work, `v-fifo-${which}`))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('refuses /dev/zero as the plan (exit 2) instead of reading it', async () => {
    const r = await exrunbook(['verify', '/dev/zero', 'fixtures/sample-fleet', '--out', join(work, 'v-zero')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The plan "/dev/zero" cannot be read: it is not a regular file');
  });

  it('never replaces a folder it did not make', async () => {
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    const untouched = treeEntries(foreign);
    const r = await exrunbook(['verify', join(planDir, 'plan.json'), 'fixtures/sample-fleet', '--out', foreign]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(foreign, 'keep.txt'), 'utf8')).toBe('mine');
    expect(treeEntries(foreign)).toEqual(untouched);
  });

  it('never writes into the after-window inventory or over the plan', async () => {
    const after = afterInventory('after-as-out', {});
    const before = readdirSync(after).sort();
    const afterTree = treeEntries(after);
    const r = await exrunbook(['verify', join(planDir, 'plan.json'), after, '--out', join(after, 'verified')]);
    expect(r.code).toBe(2);
    expect(readdirSync(after).sort()).toEqual(before);
    // Every file below, byte for byte, not only the names at the top.
    expect(treeEntries(after)).toEqual(afterTree);
    const planTree = treeEntries(planDir);
    const overPlan = await exrunbook(['verify', join(planDir, 'plan.json'), 'fixtures/sample-fleet', '--out', planDir]);
    expect(overPlan.code).toBe(2);
    expect(existsSync(join(planDir, 'plan.json'))).toBe(true);
    expect(treeEntries(planDir)).toEqual(planTree);
  });

  it('needs both the plan and the after-inventory (exit 2)', async () => {
    const r = await exrunbook(['verify', join(planDir, 'plan.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('verify needs <after-inventory>');
  });
});
