import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-interrupt-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
// The compiled module (`npm test` builds dist/ first), in a process of its own: a signal ends it.
const INTERRUPT = pathToFileURL(join(process.cwd(), 'dist', 'interrupt.js')).href;

function signalled(signal: NodeJS.Signals, registerSecond: boolean): { status: number | null; stderr: string; log: string } {
  const log = join(work, `${signal}-${String(registerSecond)}.log`);
  const script = `
    import { appendFileSync } from 'node:fs';
    import { onInterrupt } from ${JSON.stringify(INTERRUPT)};
    onInterrupt(() => appendFileSync(${JSON.stringify(log)}, 'staging removed\\n'));
    const release = onInterrupt(() => appendFileSync(${JSON.stringify(log)}, 'browser killed\\n'));
    if (!${String(registerSecond)}) release();
    setTimeout(() => process.kill(process.pid, ${JSON.stringify(signal)}), 10);
    setTimeout(() => {}, 10000);
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stderr: result.stderr, log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

describe('onInterrupt', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s runs every registered cleanup, newest first, and exits %i', (signal, code) => {
    const result = signalled(signal, true);
    expect(result.status).toBe(code);
    expect(result.log).toBe('browser killed\nstaging removed\n');
    expect(result.stderr).toContain(`stopped by ${signal}`);
  });

  it('runs no cleanup once it is released', () => {
    expect(signalled('SIGTERM', false).log).toBe('staging removed\n');
  });
});
