// Regenerates test/golden/ by running the golden test in update mode (never in CI).
// Review `git diff test/golden` before committing the result.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', 'test/golden.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, EXRUNBOOK_UPDATE_GOLDENS: '1', CI: '' },
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
