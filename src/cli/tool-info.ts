import { readPackageText } from '../package-files.js';

/** Name and version from package.json, printed on every page and in plan.json. */
export function readToolInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readPackageText('package.json')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}
