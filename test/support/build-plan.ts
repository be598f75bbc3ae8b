import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

/** Runs `exrunbook build <inventory> --format json` in-process on a fixed date and returns the parsed plan.json. */
export async function buildPlanJson(inventory: string, out: string): Promise<unknown> {
  const code = await main(['build', inventory, '--out', out, '--date', '2026-11-25', '--format', 'json'], {
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
  });
  if (code !== 0) throw new Error(`exrunbook build ${inventory} exited with ${String(code)}`);
  return JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
}
