import { readFileSync } from 'node:fs';

/** Name and version from package.json, printed on every page and in plan.json. */
export function readToolInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}
