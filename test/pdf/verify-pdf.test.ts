import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { browserTestsRun } from './browser-tests-run.js';

/* verify.pdf and the fleet plan's timeline printed by the browser on this machine, read back with pdftotext. */
const run = browserTestsRun();
const work = mkdtempSync(join(tmpdir(), 'exrunbook-verify-pdf-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function exrunbook(args: string[]): Promise<number> {
  return main(args, { stdout: { write: () => true }, stderr: { write: () => true }, env: process.env, cwd: process.cwd() });
}
const text = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

describe.runIf(run)('verify.pdf and the timeline on paper', () => {
  it('prints the verification in Japanese with its summary, statuses and evidence, listed in SHA256SUMS', async () => {
    const plan = join(work, 'plan');
    expect(await exrunbook(['build', 'fixtures/sample-fleet', '--config', 'fixtures/config/sample-fleet-windows.yaml', '--out', plan, '--date', '2026-11-25', '--format', 'json,pdf', '--lang', 'ja'])).toBe(0);
    const out = join(work, 'verify');
    expect(await exrunbook(['verify', join(plan, 'plan.json'), 'fixtures/sample-fleet', '--out', out, '--date', '2026-12-14', '--lang', 'ja', '--format', 'json,pdf'])).toBe(4);
    const printed = text(join(out, 'verify.pdf'));
    expect(printed).toContain('保守期間後の確認結果');
    expect(printed).toContain('計画した 6 台のうち 1 台が目標ビルドに達していることを確認しました');
    expect(printed).toMatch(/EXMBX01N1 +8\.3\.245\.2 → +8\.3\.245\.2 +未更新/);
    expect(printed).toContain('ExSetup.exe のバージョン: EXCAS01/ExSetup');
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}verify\.pdf$/m);

    const fleet = text(join(plan, 'index.pdf'));
    expect(fleet).toContain('保守期間のスケジュール');
    expect(fleet).toMatch(/保守期間 2: 2026-12-12 22:00–02:30 \(UTC\+09:00\)/);
    expect(fleet).toContain('EXHUB01');
  });
});
