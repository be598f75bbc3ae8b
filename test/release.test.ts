import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differingFiles, failingSums, readOutputTree } from './support/output-tree.js';

/**
 * The artefacts of `npm run release` (release/), each run as the analyst would: the tarball installed
 * offline into an empty folder, the Linux executable, the Windows executable (under wine on Linux).
 * Each must print the sample fleet byte for byte as this checkout does. They run wherever release/
 * exists, and always in CI, where .ci/run makes release/ first and a missing one fails.
 */
const REPO = process.cwd();
const RELEASE = join(REPO, 'release');
const run = existsSync(join(RELEASE, 'SHA256SUMS')) || Boolean(process.env['CI']);
const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const TARBALL = `exrunbook-${version}.tgz`;
const LINUX_EXE = `exrunbook-${version}-linux-x64`;
const WINDOWS_EXE = `exrunbook-${version}-win-x64.exe`;

const BUILDS = [
  ['build', 'fixtures/sample-fleet', '--out', 'out/en', '--date', '2026-11-25', '--ticket', 'CHG-1042', '--format', 'html,json'],
  ['build', 'fixtures/sample-fleet', '--out', 'out/ja', '--date', '2026-11-25', '--lang', 'ja', '--format', 'html'],
  ['collector', '--out', 'out/collector/Collect-ExrunbookInventory.ps1'],
];

const work = mkdtempSync(join(tmpdir(), 'exrunbook-release-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A folder holding a copy of the sample fleet, so every run sees the same relative paths. */
function runFolder(name: string): string {
  const folder = join(work, name);
  cpSync(join(REPO, 'fixtures', 'sample-fleet'), join(folder, 'fixtures', 'sample-fleet'), { recursive: true });
  return folder;
}

/** Runs every build with `exec(args)` in a fresh folder; returns what they wrote. */
function buildAll(name: string, exec: (args: string[], cwd: string) => SpawnSyncReturns<string>): Map<string, Buffer> {
  const folder = runFolder(name);
  for (const args of BUILDS) {
    const result = exec(args, folder);
    expect(result.status, `${name} ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
  }
  return readOutputTree(join(folder, 'out'));
}

const env = { PATH: process.env['PATH'] ?? '' };
const spawnText = (command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}) =>
  spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...env, ...extraEnv } });
/** npm's own script when run under npm (no shell, so paths with spaces survive on Windows), else `npm` on PATH. */
const npm = (args: string[], cwd: string) => {
  const npmCli = process.env['npm_execpath'];
  return npmCli !== undefined && /[\\/]npm-cli\.js$/.test(npmCli) ? spawnText(process.execPath, [npmCli, ...args], cwd) : spawnText('npm', args, cwd);
};

describe.runIf(run)('the release artefacts (npm run release)', () => {
  let reference: Map<string, Buffer>;
  beforeAll(() => {
    if (!existsSync(join(RELEASE, 'SHA256SUMS'))) throw new Error('release/ is missing: run `npm run release` first (.ci/run does). These tests must not be skipped in CI.');
    reference = buildAll('checkout', (args, cwd) => spawnText(process.execPath, [join(REPO, 'bin', 'exrunbook.js'), ...args], cwd));
  });

  it('release/SHA256SUMS lists and matches the tarball, both executables and the notices', () => {
    expect(failingSums(RELEASE)).toEqual([]);
    const listed = readFileSync(join(RELEASE, 'SHA256SUMS'), 'utf8');
    for (const name of [TARBALL, LINUX_EXE, WINDOWS_EXE, 'THIRD-PARTY-NOTICES.txt']) expect(listed).toContain(`  ${name}\n`);
  });

  it('the tarball ships one bundled file of code, LICENSE and notices; no source maps, build-time code, scripts or dependencies', () => {
    const files = execFileSync('tar', ['-tzf', join(RELEASE, TARBALL)], { encoding: 'utf8' }).split('\n').filter((f) => f !== '').sort();
    expect(files.filter((f) => f.startsWith('package/dist/'))).toEqual(['package/dist/cli/main.js']);
    expect(files).toEqual(expect.arrayContaining(['package/LICENSE', 'package/THIRD-PARTY-NOTICES.txt', 'package/bin/exrunbook.js', 'package/data/build-catalog.json', 'package/templates/collector/Collect-ExrunbookInventory.ps1']));
    expect(files.filter((f) => f.endsWith('.map') || f.includes('node_modules'))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', join(RELEASE, TARBALL), 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest['license']).toBe('MIT');
    const code = execFileSync('tar', ['-xzOf', join(RELEASE, TARBALL), 'package/dist/cli/main.js'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(code).not.toContain('sourceMappingURL');
    expect(code).not.toContain('ts-morph');
  });

  it('the tarball installs into an empty folder from an empty cache with no registry, and builds the same bytes', () => {
    const project = join(work, 'offline-install');
    mkdirSync(project);
    const install = npm(['install', '--offline', '--cache', join(work, 'empty-cache'), '--registry', 'http://127.0.0.1:9/', '--no-audit', '--no-fund', join(RELEASE, TARBALL)], project);
    expect(install.status, install.stdout + install.stderr).toBe(0);
    const bin = join(project, 'node_modules', 'exrunbook', 'bin', 'exrunbook.js');
    expect(differingFiles(buildAll('tarball', (args, cwd) => spawnText(process.execPath, [bin, ...args], cwd)), reference)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('the Linux executable builds the same bytes', () => {
    expect(differingFiles(buildAll('linux-exe', (args, cwd) => spawnText(join(RELEASE, LINUX_EXE), args, cwd)), reference)).toEqual([]);
  });

  it.runIf(process.platform === 'win32')('the Windows executable builds the same bytes', () => {
    expect(differingFiles(buildAll('windows-exe', (args, cwd) => spawnText(join(RELEASE, WINDOWS_EXE), args, cwd)), reference)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('the Windows executable, under wine, builds the same bytes and finds browsers through the registry', () => {
    const wine = ['/usr/lib/wine/wine64', '/usr/bin/wine64'].find((candidate) => existsSync(candidate));
    expect(wine, 'wine64 is not installed (Debian: apt-get install wine64; .ci/run does)').toBeDefined();
    if (wine === undefined) return;
    // A private prefix that says Windows 10: Node refuses wine's default (Windows 7) at start.
    const wineEnv = { HOME: process.env['HOME'] ?? work, WINEPREFIX: join(work, 'wineprefix'), WINEDEBUG: '-all' };
    const setVersion = spawnText(wine, ['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'], work, wineEnv);
    expect(setVersion.status, setVersion.stdout + setVersion.stderr).toBe(0);
    try {
      // Node's console output under wine needs a terminal: script(1) gives it one and passes the exit code on.
      const command = [wine, join(RELEASE, WINDOWS_EXE)];
      const viaWine = (args: string[], cwd: string) => spawnText('script', ['-qec', [...command, ...args].map(shellQuote).join(' '), '/dev/null'], cwd, wineEnv);
      expect(differingFiles(buildAll('windows-exe-wine', viaWine), reference)).toEqual([]);

      // Browser discovery through Windows's own APIs: nothing installed lists what was tried (reg.exe
      // included) with exit 3; a browser registered under App Paths is found there and started.
      const folder = runFolder('windows-exe-wine-pdf');
      const pdf = ['build', 'fixtures/sample-fleet', '--out', 'out/pdf', '--format', 'pdf', '--timeout', '30'];
      // What the console showed, with wine's terminal escapes and its 80-column line wrapping undone.
      const screen = (result: SpawnSyncReturns<string>): string => result.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g'), '').replace(/\r*\n/g, '');
      const none = viaWine(pdf, folder);
      expect(none.status, screen(none)).toBe(3);
      expect(screen(none)).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
      expect(screen(none)).toContain('reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\msedge.exe" /ve');
      const register = spawnText(wine, ['reg', 'add', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\App Paths\\chrome.exe', '/ve', '/d', 'C:\\windows\\notepad.exe', '/f'], work, wineEnv);
      expect(register.status, register.stdout + register.stderr).toBe(0);
      const registered = viaWine(pdf, folder);
      expect(registered.status, screen(registered)).toBe(3);
      expect(screen(registered)).toContain('Could not start the browser C:\\windows\\notepad.exe');
    } finally {
      spawnText(join(wine, '..', 'wineserver'), ['-k'], work, wineEnv);
    }
  });
});

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
