import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Smoke test of `npm run bench` on a tiny fleet without PDF: the script runs and writes a well-formed
// report. No figure is checked: timings belong in the benchmark, not in tests.
const work = mkdtempSync(join(tmpdir(), 'exrunbook-bench-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function bench(report: string) {
  return spawnSync(process.execPath, ['scripts/bench.mjs', '--sizes', '4', '--repeats', '1', '--no-pdf', '--pathological', '300', '--out', report, '--work', join(work, 'cache')], { encoding: 'utf8' });
}

describe('scripts/bench.mjs (built dist/)', () => {
  it('writes the generated part between its markers and keeps the hand-written rest', () => {
    const report = join(work, 'BENCHMARKS.md');
    writeFileSync(report, '# Benchmarks\n\nintro by hand\n\n<!-- bench:begin -->\nold figures\n<!-- bench:end -->\n\n## What changed each figure\n\nnotes by hand\n');
    const run = bench(report);
    expect(run.stderr).toContain('N=4 run 1/1');
    expect(run.status).toBe(0);
    const text = readFileSync(report, 'utf8');
    expect(text).toContain('intro by hand');
    expect(text).toContain('notes by hand');
    expect(text).not.toContain('old figures');
    expect(text).toMatch(/^\| CPU \| .+ logical cores/m);
    expect(text).toMatch(/^\| 4 \| \d+ \| [\d.]+ MB \| \d+ \| [\d.]+ MB \|$/m);
    expect(text).toMatch(/^\| 4 \| [\d.]+ (ms|s) · .+ \| [\d.]+ (ms|s) \(/m);
    expect(text).toContain('| HTML + JSON, 1,000 servers: ≤ 3 s wall (CLI) | — | not measured |');
    // 300 rows are within every limit: read whole, exit 0.
    expect(text).toMatch(/^\| 300 \| [\d.]+ MB \| 0 \| .* \| [\d.]+ (ms|s) \(/m);
    expect(text.indexOf('<!-- bench:begin')).toBeLessThan(text.indexOf('<!-- bench:end -->'));
  });

  it('refuses a --work folder holding what it did not make (it removes out/ there), touching nothing', () => {
    const home = join(work, 'home');
    mkdirSync(join(home, 'out', 'inventory'), { recursive: true });
    writeFileSync(join(home, 'out', 'inventory', 'index.html'), 'the runbooks of last night');
    writeFileSync(join(home, 'notes.txt'), 'mine');
    const run = spawnSync(process.execPath, ['scripts/bench.mjs', '--sizes', '4', '--repeats', '1', '--no-pdf', '--no-pathological', '--out', join(work, 'never.md'), '--work', home], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('notes.txt');
    expect(readFileSync(join(home, 'out', 'inventory', 'index.html'), 'utf8')).toBe('the runbooks of last night');
    expect(readdirSync(home).sort()).toEqual(['notes.txt', 'out']);
  });
});
