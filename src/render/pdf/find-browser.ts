import { statSync } from 'node:fs';
import path from 'node:path';
import { localizedError } from '../../i18n/localized-error.js';

/** Where the browser path came from, in the order they are consulted. */
export type BrowserSource =
  | '--browser-path'
  | 'EXRUNBOOK_BROWSER_PATH'
  | 'PUPPETEER_EXECUTABLE_PATH'
  | 'CHROME_PATH'
  | 'well-known location';

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
}

const ENV_VARIABLES = ['EXRUNBOOK_BROWSER_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/**
 * Finds a Chrome, Edge or Chromium already on this machine (BRIEF §8: flag > env > well-known paths).
 * A path the user named explicitly must exist: a typo there is reported, not papered over by a
 * silent fall-through to some other browser.
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

  const candidates = wellKnownBrowserPaths(platform, env);
  for (const candidate of candidates) {
    if (fileExists(candidate)) {
      return { path: candidate, headless: headlessModeFor(candidate), source: 'well-known location' };
    }
  }
  throw localizedError('browser-not-found', 'browser', 'error.browser.notFound', { candidates: candidates.map((candidate) => `\n  ${candidate}`).join('') });
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
 * Well-known install locations, most preferred first. On Linux the Debian headless shell comes
 * first (≈1.5x faster printing, reference/perf-lab.md), and the /usr/lib binary before the
 * /usr/bin wrapper, which starts it without `exec` (perf-lab quirk 2).
 */
export function wellKnownBrowserPaths(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (platform === 'win32') {
    const roots = [
      readEnv(env, 'PROGRAMFILES', platform) ?? 'C:\\Program Files',
      readEnv(env, 'PROGRAMFILES(X86)', platform) ?? 'C:\\Program Files (x86)',
      readEnv(env, 'LOCALAPPDATA', platform),
    ].filter((root): root is string => root !== undefined && root !== '');
    const uniqueRoots = [...new Set(roots)];
    return [
      ...uniqueRoots.map((root) => path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...uniqueRoots.map((root) => path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  if (platform === 'darwin') {
    const bundles = [
      ['Google Chrome.app', 'Google Chrome'],
      ['Chromium.app', 'Chromium'],
      ['Microsoft Edge.app', 'Microsoft Edge'],
    ] as const;
    const home = readEnv(env, 'HOME', platform);
    const applicationFolders = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
    return applicationFolders.flatMap((folder) =>
      bundles.map(([bundle, binary]) => path.posix.join(folder, bundle, 'Contents', 'MacOS', binary)),
    );
  }
  const names = ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser', 'microsoft-edge', 'microsoft-edge-stable'];
  return [
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium-headless-shell',
    ...['/usr/bin', '/snap/bin'].flatMap((folder) => names.map((name) => path.posix.join(folder, name))),
  ];
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
