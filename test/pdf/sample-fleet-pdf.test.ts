import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { linuxPopplerTestsRun } from './browser-tests-run.js';

/*
 * The product end to end on paper: the sample fleet printed through the CLI with the browser on this
 * machine, checked with poppler. Like the other browser tests it fails (never skips) in CI.
 */
// Linux only: reads the PDFs back with poppler (see linuxPopplerTestsRun).
const run = linuxPopplerTestsRun();
const work = mkdtempSync(join(tmpdir(), 'exrunbook-sample-pdf-'));
const out = join(work, 'out');
let code = -1;
let stderr = '';

beforeAll(async () => {
  if (!run) return;
  code = await main(['build', 'fixtures/sample-fleet', '--out', out, '--lang', 'ja', '--format', 'html,json,pdf', '--date', '2026-11-25', '--ticket', 'CHG-1042'], {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s) },
    env: process.env,
    cwd: process.cwd(),
  });
}, 120_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const pages = (pdf: string): string[] => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');

describe.runIf(run)('sample fleet as PDF (ja)', () => {
  it('prints the fleet plan and every runbook', () => {
    expect(code, stderr).toBe(0);
    expect(readdirSync(join(out, 'servers')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(
      ['EXCAS01.pdf', 'EXCAS02.pdf', 'EXEDGE01.pdf', 'EXHUB01.pdf', 'EXMBX01.pdf', 'EXMBX02.pdf'],
    );
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toContain('  servers/EXCAS01.pdf\n');
  });

  it('prints the fleet plan with input files by kind; the list of every file is in inputs.html, which is not printed', () => {
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { inputs: { path: string; sha256: string }[] };
    const html = readFileSync(join(out, 'inputs.html'), 'utf8');
    const printed = pages(join(out, 'index.pdf')).join('\n');
    expect(plan.inputs.length).toBeGreaterThan(40);
    for (const { path, sha256 } of plan.inputs) {
      expect(html).toContain(`>${path}<`);
      expect(html).toContain(`>${sha256}<`);
      expect(printed).not.toContain(path);
    }
    expect(readdirSync(out)).not.toContain('inputs.pdf');
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toMatch(/ {2}inputs\.html\n/);
    // pdftotext's layout mode spaces Japanese text by position.
    expect(printed.replace(/\s+/g, '')).toContain(`${plan.inputs.length}個のファイルすべて`);
    expect(printed).toMatch(/owa-files\s+2\s+85/);
  });

  it.each(['EXCAS01', 'EXMBX01'])('%s: A4, a sane page count, the server on every page, Japanese step text', (server) => {
    const pdf = join(out, 'servers', `${server}.pdf`);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
    const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(40);
    const text = pages(pdf);
    expect(text).toHaveLength(count);
    for (const [i, page] of text.entries()) {
      expect(page, `page ${i + 1}`).toContain(server);
      expect(page, `page ${i + 1}`).toContain('CHG-1042');
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`${i + 1} / ${count}\\s*ページ`));
    }
    expect(text.join('\n')).toContain('更新プログラムのロールアップ');
    expect(text.join('\n')).toContain('期待される結果');
  });
});
