import { createHash } from 'node:crypto';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_BASE = 64;

/**
 * The file name a server's runbook gets when no other server's name competes for it. Server names
 * come from inventory data: anything outside [A-Za-z0-9._-] (path separators, markup, control
 * characters, spaces) is replaced, and a short hash of the name keeps altered names apart. Plain
 * NetBIOS names pass unchanged. Windows reserves device names whatever follows the first dot
 * (`CON.contoso.html` is the console), so those are altered too, as are names longer than 64
 * characters.
 */
export function serverFileName(name: string): string {
  return isPlain(name) ? name : hashedName(name, 8);
}

/**
 * One file name per server of the fleet, distinct even on a file system that ignores case
 * (Windows, macOS): `EX A` and a server really called `EX_A-6c0bb10f`, or `exa` and `EXA`, never
 * share a runbook. Names that pass unchanged claim theirs first, in code-unit order; a name whose
 * file name is taken gets a longer hash, and if even the whole SHA-256 is taken, a counter. The
 * result depends only on the set of names, not on their order.
 */
export function serverFileNames(names: Iterable<string>): ReadonlyMap<string, string> {
  const unique = [...new Set(names)].sort((a, b) => Number(isPlain(b)) - Number(isPlain(a)) || compareCodeUnits(a, b));
  const taken = new Set<string>();
  const files = new Map<string, string>();
  for (const name of unique) {
    const candidates = [serverFileName(name), hashedName(name, 16), hashedName(name, 64)];
    let file = candidates.find((candidate) => !taken.has(fold(candidate)));
    for (let n = 2; file === undefined; n++) {
      const numbered = `${hashedName(name, 64)}-${n}`;
      if (!taken.has(fold(numbered))) file = numbered;
    }
    taken.add(fold(file));
    files.set(name, file);
  }
  return files;
}

const byPlan = new WeakMap<object, ReadonlyMap<string, string>>();

/** {@link serverFileNames} of a plan's servers, computed once per plan. */
export function planFileNames(plan: { readonly servers: readonly { readonly facts: { readonly name: string } }[] }): ReadonlyMap<string, string> {
  let files = byPlan.get(plan);
  if (files === undefined) {
    files = serverFileNames(plan.servers.map((server) => server.facts.name));
    byPlan.set(plan, files);
  }
  return files;
}

/**
 * The runbook's path in the output folder, without extension: `servers/<file name>`. Only the plan's own
 * servers have runbooks: a name from elsewhere would get a file name no collision check has seen.
 */
export function runbookPath(plan: Parameters<typeof planFileNames>[0], name: string): string {
  const file = planFileNames(plan).get(name);
  if (file === undefined) throw new Error(`no runbook for "${name}": not a server of the plan`);
  return `servers/${file}`;
}

function isPlain(name: string): boolean {
  return name !== '' && name.length <= MAX_BASE && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) && !RESERVED.test(name.split('.')[0] ?? '');
}

function hashedName(name: string, hashLength: number): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, MAX_BASE);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, hashLength);
  const file = `${safe || 'server'}-${hash}`;
  // `NUL.x` → `NUL.x-…` is still the device NUL to Windows: the part before the first dot decides.
  return RESERVED.test(file.split('.')[0] ?? '') ? `_${file}` : file;
}

/** File systems that ignore case compare these (ASCII-only) names as lower case. */
function fold(file: string): string {
  return file.toLowerCase();
}

/** Plain code-unit order: the same on every machine and locale, unlike compareText's collation. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
