import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { localizedError } from '../../i18n/localized-error.js';

/** Where the browser path came from, in the order they are consulted. */
export type BrowserSource =
  | '--browser-path'
  | 'EXRUNBOOK_BROWSER_PATH'
  | 'PUPPETEER_EXECUTABLE_PATH'
  | 'CHROME_PATH'
  | 'well-known location'
  | 'registry App Paths'
  | 'PATH'
  | 'Windows browser under WSL';

export interface FoundBrowser {
  readonly path: string;
  /** `'shell'` only for a chromium/chrome-headless-shell binary; full browsers get new headless. */
  readonly headless: 'shell' | true;
  readonly source: BrowserSource;
}

export interface FindBrowserOptions {
  readonly flagPath?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** True when `path` is an existing regular file. Injected so tests need no real browsers. */
  readonly fileExists: (path: string) => boolean;
  /**
   * win32: the default value of a registry key (`reg query KEY /ve`), or undefined. Injected so tests
   * need no registry; defaults to {@link queryRegistryDefault}.
   */
  readonly readRegistry?: ((key: string) => string | undefined) | undefined;
  /**
   * Linux under WSL, when a Windows browser is reachable: where the Windows side's folders are
   * (`/mnt/c/...`), asked only when no Linux browser was found (see `detectWsl`); undefined elsewhere.
   */
  readonly wsl?: (() => WslWindowsFolders) | undefined;
}

/** The Windows folders browsers install to, as paths inside WSL. */
export interface WslWindowsFolders {
  readonly programFiles: string;
  readonly programFilesX86: string;
  /** The Windows user's %LOCALAPPDATA% (per-user Chrome and Edge channels), when it could be found. */
  readonly localAppData?: string | undefined;
}

/** A place a browser may be: its path, and how it was found. */
interface Candidate {
  readonly path: string;
  readonly source: BrowserSource;
}

const ENV_VARIABLES = ['EXRUNBOOK_BROWSER_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/**
 * Finds a Chrome, Edge or Chromium already on this machine (BRIEF §8: flag > env > well-known paths >
 * Windows registry App Paths > PATH > under WSL, the Windows side's browsers). A path the user named
 * explicitly must exist: a typo there is reported, not papered over by a silent fall-through to some
 * other browser. When nothing is found, the error lists everything that was tried.
 */
export function findBrowser(options: FindBrowserOptions): FoundBrowser {
  const { flagPath, env, platform, fileExists } = options;

  const explicit: { source: BrowserSource; value: string | undefined }[] = [
    { source: '--browser-path', value: flagPath },
    ...ENV_VARIABLES.map((name) => ({ source: name, value: readEnv(env, name, platform) })),
  ];
  for (const { source, value } of explicit) {
    if (value === undefined || value.trim() === '') continue;
    const resolved = resolveExplicitPath(value.trim(), platform, fileExists);
    if (resolved === undefined) {
      if (source === '--browser-path') throw localizedError('browser-not-found', 'browser', 'error.browser.notAtFlagPath', { path: JSON.stringify(value) });
      throw localizedError('browser-not-found', 'browser', 'error.browser.notAtEnvPath', { path: JSON.stringify(value), variable: source });
    }
    return { path: resolved, headless: headlessModeFor(resolved), source };
  }

  const tried: string[] = [];
  for (const group of candidateGroups(options)) {
    for (const candidate of group.candidates()) {
      if (fileExists(candidate.path)) return { path: candidate.path, headless: headlessModeFor(candidate.path), source: candidate.source };
      if (group.describe === undefined) tried.push(`  ${candidate.path}`);
    }
    if (group.describe !== undefined) tried.push(`  ${group.describe}`);
  }
  throw localizedError('browser-not-found', 'browser', 'error.browser.notFound', { candidates: tried.map((line) => `
${line}`).join('') });
}

/** Default `fileExists`: an existing regular file (a directory is not an executable). */
export function isRegularFile(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/**
 * A group of candidates, computed only when the groups before it found nothing (registry queries
 * start a process each). `describe` sums the group up in the not-found message instead of its paths.
 */
interface CandidateGroup {
  readonly candidates: () => Candidate[];
  readonly describe?: string;
}

function candidateGroups(options: FindBrowserOptions): CandidateGroup[] {
  const { env, platform } = options;
  const wellKnown: CandidateGroup = {
    candidates: () => wellKnownBrowserPaths(platform, env).map((p) => ({ path: p, source: 'well-known location' as const })),
  };
  const pathFolders = searchPathFolders(env, platform);
  const pathNames = platform === 'win32' ? WINDOWS_PATH_NAMES : UNIX_PATH_NAMES;
  const pathJoin = platform === 'win32' ? joinWindows : joinPosix;
  const onPath: CandidateGroup = {
    candidates: () => pathNames.flatMap((name) => pathFolders.map((folder) => ({ path: pathJoin(folder, name), source: 'PATH' as const }))),
    // Names and commands only, no prose: the list is printed inside a message of either language.
    describe: `PATH (${pathFolders.join(platform === 'win32' ? ';' : ':')}): ${pathNames.join(', ')}`,
  };
  if (platform === 'win32') {
    const readRegistry = options.readRegistry ?? queryRegistryDefault;
    const keys = APP_PATHS_EXECUTABLES.flatMap((exe) => ['HKCU', 'HKLM'].map((hive) => `${hive}\\${APP_PATHS_KEY}\\${exe}`));
    const registry: CandidateGroup = {
      candidates: () =>
        keys.flatMap((key) => {
          const value = readRegistry(key);
          return value === undefined ? [] : [{ path: expandWindowsVariables(value.trim().replace(/^"(.*)"$/, '$1'), env), source: 'registry App Paths' as const }];
        }),
      describe: keys.map((key) => `reg query "${key}" /ve`).join('\n  '),
    };
    return [wellKnown, registry, onPath];
  }
  if (platform === 'linux' && options.wsl !== undefined) {
    const windowsFolders = options.wsl;
    const wsl: CandidateGroup = {
      candidates: () => {
        const { programFiles, programFilesX86, localAppData } = windowsFolders();
        return windowsBrowserPaths([programFiles, programFilesX86, localAppData], joinPosix).map((p) => ({ path: p, source: 'Windows browser under WSL' as const }));
      },
    };
    return [wellKnown, onPath, wsl];
  }
  return [wellKnown, onPath];
}

const joinWindows = (...parts: string[]): string => path.win32.join(...parts);
const joinPosix = (...parts: string[]): string => path.posix.join(...parts);

const APP_PATHS_KEY = 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths';
const APP_PATHS_EXECUTABLES = ['chrome.exe', 'msedge.exe'];
const WINDOWS_PATH_NAMES = ['chrome.exe', 'msedge.exe'];
const UNIX_PATH_NAMES = [
  'chromium-headless-shell',
  'chrome-headless-shell',
  'google-chrome-stable',
  'google-chrome',
  'chromium',
  'chromium-browser',
  'microsoft-edge-stable',
  'microsoft-edge',
  'chrome',
];

/**
 * Well-known install locations, most preferred first. On Linux the Debian headless shell comes
 * first (≈1.5x faster printing, reference/perf-lab.md), and the /usr/lib binary before the
 * /usr/bin wrapper, which starts it without `exec` (perf-lab quirk 2). Stable channels come before
 * beta, dev and canary everywhere: a runbook should not depend on a pre-release browser.
 */
export function wellKnownBrowserPaths(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (platform === 'win32') {
    return windowsBrowserPaths(
      [
        readEnv(env, 'PROGRAMFILES', platform) ?? 'C:\\Program Files',
        readEnv(env, 'PROGRAMFILES(X86)', platform) ?? 'C:\\Program Files (x86)',
        readEnv(env, 'LOCALAPPDATA', platform),
      ],
      joinWindows,
    );
  }
  if (platform === 'darwin') {
    const bundles = [
      'Google Chrome',
      'Microsoft Edge',
      'Chromium',
      'Google Chrome Beta',
      'Microsoft Edge Beta',
      'Google Chrome Dev',
      'Microsoft Edge Dev',
      'Google Chrome Canary',
      'Microsoft Edge Canary',
    ];
    const home = readEnv(env, 'HOME', platform);
    const applicationFolders = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
    return bundles.flatMap((bundle) => applicationFolders.map((folder) => path.posix.join(folder, `${bundle}.app`, 'Contents', 'MacOS', bundle)));
  }
  const names = ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser', 'microsoft-edge', 'microsoft-edge-stable'];
  const preReleases = ['google-chrome-beta', 'google-chrome-unstable', 'microsoft-edge-beta', 'microsoft-edge-dev'];
  return [
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium-headless-shell',
    ...['/usr/bin', '/snap/bin'].flatMap((folder) => names.map((name) => path.posix.join(folder, name))),
    '/opt/google/chrome/chrome',
    '/opt/microsoft/msedge/msedge',
    ...preReleases.map((name) => path.posix.join('/usr/bin', name)),
    '/opt/google/chrome-beta/chrome',
    '/opt/microsoft/msedge-beta/msedge',
    '/opt/google/chrome-unstable/chrome',
    '/opt/microsoft/msedge-dev/msedge',
  ];
}

/**
 * Chrome, Edge and Chromium on Windows, stable first, then beta, dev and canary ("SxS"); each in
 * Program Files, Program Files (x86) and the user's %LOCALAPPDATA% (per-user installs, and the only
 * place of Chrome Canary).
 */
function windowsBrowserPaths(roots: readonly (string | undefined)[], join: (...parts: string[]) => string): string[] {
  const uniqueRoots = [...new Set(roots.filter((root): root is string => root !== undefined && root !== ''))];
  const installs = [
    ['Google', 'Chrome', 'chrome.exe'],
    ['Microsoft', 'Edge', 'msedge.exe'],
    ['Chromium', undefined, 'chrome.exe'],
    ['Google', 'Chrome Beta', 'chrome.exe'],
    ['Microsoft', 'Edge Beta', 'msedge.exe'],
    ['Google', 'Chrome Dev', 'chrome.exe'],
    ['Microsoft', 'Edge Dev', 'msedge.exe'],
    ['Google', 'Chrome SxS', 'chrome.exe'],
    ['Microsoft', 'Edge SxS', 'msedge.exe'],
  ] as const;
  return installs.flatMap(([vendor, product, exe]) =>
    uniqueRoots.map((root) => (product === undefined ? join(root, vendor, 'Application', exe) : join(root, vendor, product, 'Application', exe))),
  );
}

/** The folders of PATH, in order, without empty or quoted entries. */
function searchPathFolders(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string[] {
  const value = readEnv(env, 'PATH', platform) ?? '';
  const folders = value
    .split(platform === 'win32' ? ';' : ':')
    .map((folder) => folder.trim().replace(/^"(.*)"$/, '$1'))
    .filter((folder) => folder !== '' && (platform === 'win32' ? path.win32.isAbsolute(folder) : folder.startsWith('/')));
  return [...new Set(folders)];
}

/** `%LOCALAPPDATA%\...` in a REG_EXPAND_SZ value, from this process's environment. */
function expandWindowsVariables(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/%([^%]+)%/g, (whole, name: string) => readEnv(env, name, 'win32') ?? whole);
}

/**
 * The default value of a registry key, through `reg.exe` (no native module): the line
 * `    (Default)    REG_SZ    C:\...\chrome.exe` (the name is localised, the type is not).
 */
export function queryRegistryDefault(key: string): string | undefined {
  const result = spawnSync('reg', ['query', key, '/ve'], { encoding: 'utf8', windowsHide: true, timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  if (result.status !== 0) return undefined;
  return parseRegQueryDefault(result.stdout);
}

export function parseRegQueryDefault(output: string): string | undefined {
  for (const line of output.split(/\r?\n/)) {
    const match = /\sREG_(?:EXPAND_)?SZ\s+(.+)$/.exec(line);
    if (match?.[1] !== undefined && match[1].trim() !== '') return match[1].trim();
  }
  return undefined;
}

function headlessModeFor(executable: string): 'shell' | true {
  const base = executable.split(/[\\/]/).pop() ?? '';
  const name = base.toLowerCase().replace(/\.exe$/, '');
  return name === 'chromium-headless-shell' || name === 'chrome-headless-shell' ? 'shell' : true;
}

/** A macOS user will often name the .app bundle; the executable lives inside it. */
function resolveExplicitPath(
  value: string,
  platform: NodeJS.Platform,
  fileExists: (path: string) => boolean,
): string | undefined {
  if (fileExists(value)) return value;
  if (platform === 'darwin' && /\.app\/?$/i.test(value)) {
    const bundle = value.replace(/\/$/, '');
    const binary = path.posix.basename(bundle).replace(/\.app$/i, '');
    const inside = path.posix.join(bundle, 'Contents', 'MacOS', binary);
    if (fileExists(inside)) return inside;
  }
  return undefined;
}

/** Windows environment names are case-insensitive (`ProgramFiles(x86)`); a plain object is not. */
function readEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  platform: NodeJS.Platform,
): string | undefined {
  const direct = env[name];
  if (direct !== undefined || platform !== 'win32') return direct;
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}
