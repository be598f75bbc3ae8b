import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failingSums } from './support/output-tree.js';

const BIN = join(process.cwd(), 'bin', 'exrunbook.js');
const work = mkdtempSync(join(tmpdir(), 'exrunbook-cli-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function exrunbook(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the exrunbook bin (spawned, built dist/)', () => {
  it('builds the sample fleet: index, one runbook per server, plan.json and a checking SHA256SUMS', () => {
    const out = join(work, 'sample');
    const r = exrunbook(['build', 'fixtures/sample-fleet', '--out', out, '--date', '2026-11-25']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['index.html', 'plan.json', 'SHA256SUMS', 'servers/EXCAS01.html', 'servers/EXMBX01.html']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, 'servers', 'EXMBX01N1.html'))).toBe(false);
    expect(failingSums(out)).toEqual([]);
  });

  it('without dist/ (installed with --ignore-scripts) says how to build it, without a stack trace', () => {
    const copy = join(work, 'unbuilt');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    writeFileSync(join(copy, 'bin', 'exrunbook.js'), readFileSync(BIN));
    const result = spawnSync(process.execPath, [join(copy, 'bin', 'exrunbook.js'), 'build', 'x'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dist/cli/main.js is missing');
    expect(result.stderr).toContain('npm run build');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('catalog --json lists every rule as an object with its references', () => {
    const r = exrunbook(['catalog', '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { rules: { id: string; title: { en: string; ja: string }; severity: string; seedSections: string[]; references: { title: string; url: string }[] }[] };
    expect(parsed.rules.length).toBeGreaterThan(10);
    for (const rule of parsed.rules) {
      expect(Object.keys(rule).sort(), rule.id).toEqual(['id', 'references', 'seedSections', 'severity', 'title', 'unverified']);
      expect(rule.seedSections.length, rule.id).toBeGreaterThan(0);
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      for (const reference of rule.references) expect(reference.url, rule.id).toMatch(/^https?:\/\//);
    }
  });

  it('prints help with examples and exit codes', () => {
    const r = exrunbook(['help', 'build']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('exrunbook build fixtures/sample-fleet');
    expect(r.stdout).toContain('Exit codes');
    expect(exrunbook(['collector', '--help']).stdout).toContain('--out FILE');
  });

  it('writes the collector script from the installed templates', () => {
    const out = join(work, 'collector', 'Collect-ExrunbookInventory.ps1');
    const r = exrunbook(['collector', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(readFileSync('templates/collector/Collect-ExrunbookInventory.ps1'))).toBe(true);
    expect(existsSync(join(work, 'collector', 'README.txt'))).toBe(true);
  });

  it.each([
    [['build'], 'build needs <inventory>'],
    [['build', 'fixtures/sample-fleet', '--lang', 'fr'], '--lang fr'],
    [['build', 'fixtures/sample-fleet', '--target', '8.3.999.9'], 'not a released Exchange 2007 build'],
    [['build', 'fixtures/sample-fleet', '--bogus'], 'bogus'],
    [['frobnicate', 'x'], 'Unknown command'],
    [['build', 'no/such/folder'], 'does not exist'],
  ])('rejects %j with exit 2 and a fix', (args, text) => {
    const r = exrunbook(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(r.stderr).toMatch(/fix:/);
  });

  it('refuses to write anything when the inventory has errors, naming file and line', () => {
    const out = join(work, 'bad');
    const r = exrunbook(['build', 'fixtures/bad/truncated-quote', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ExchangeServer\.csv:\d+/);
    expect(r.stderr).toContain('[csv-malformed]');
    expect(existsSync(out)).toBe(false);
  });

  it('an interim-update catalogue turns the replacement blocker into a plain removal', () => {
    const out = join(work, 'iu');
    const r = exrunbook(['build', 'fixtures/sample-fleet', '--out', out, '--format', 'json', '--iu-catalog', 'fixtures/iu-catalog/sample-fleet.csv']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { servers: { name: string; findings: { messageId: string; severity: string }[]; steps: { id: string }[] }[] };
    const cas01 = plan.servers.find((s) => s.name === 'EXCAS01');
    expect(cas01?.findings).toContainEqual(expect.objectContaining({ messageId: 'fixedInTarget', severity: 'warning' }));
    expect(cas01?.findings.filter((f) => f.severity === 'blocker')).toEqual([]);
    expect(cas01?.steps.map((s) => s.id)).toContain('remove-interim-update@EXCAS01:KB2814847');
    expect(cas01?.steps.map((s) => s.id).filter((id) => id.includes('replacement'))).toEqual([]);
  });

  it('rejects a bad interim-update catalogue row with file, line and fix', () => {
    const r = exrunbook(['build', 'fixtures/sample-fleet', '--out', join(work, 'iu-bad'), '--iu-catalog', 'fixtures/iu-catalog/bad-level.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-level.csv:2');
    expect(r.stderr).toContain('SP3-RU99');
    expect(r.stderr).toMatch(/fix:.*KB,FixedIn/);
    expect(existsSync(join(work, 'iu-bad'))).toBe(false);
  });

  it('check prints diagnostics as JSON and exits 2 on errors', () => {
    const r = exrunbook(['check', 'fixtures/bad/no-exchange-servers', '--json']);
    expect(r.code).toBe(2);
    const diagnostics = JSON.parse(r.stdout) as { code: string; severity: string; hint: string }[];
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'no-exchange-servers', severity: 'error' }));
  });

  it('never replaces a folder it did not make', () => {
    const out = join(work, 'precious');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.docx'), 'keep me');
    const r = exrunbook(['build', 'fixtures/sample-fleet', '--out', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(out, 'thesis.docx'), 'utf8')).toBe('keep me');
  });

  it('replaces its own earlier output atomically', () => {
    const out = join(work, 'again');
    expect(exrunbook(['build', 'fixtures/sample-fleet', '--out', out, '--lang', 'ja']).code).toBe(0);
    expect(exrunbook(['build', 'fixtures/sample-fleet', '--out', out, '--lang', 'en']).code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<html lang="en">');
  });

  it('exits 3 with what it tried when no browser is found, and writes nothing', () => {
    const out = join(work, 'pdf');
    const r = exrunbook(['build', 'fixtures/sample-fleet', '--out', out, '--format', 'pdf', '--browser-path', '/nonexistent/chrome']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('/nonexistent/chrome');
    expect(existsSync(out)).toBe(false);
  });
});
