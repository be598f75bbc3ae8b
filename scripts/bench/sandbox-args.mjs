import { existsSync } from 'node:fs';

/** The baselines drop Chromium's sandbox exactly where exrunbook does (root, containers), so all three compare alike. */
export function sandboxArgs() {
  const needed = process.getuid?.() === 0 || existsSync('/.dockerenv') || Boolean(process.env['container']) || process.env['EXRUNBOOK_NO_SANDBOX'] === '1';
  return needed ? ['--no-sandbox'] : [];
}
