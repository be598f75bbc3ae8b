import { describe, expect, it } from 'vitest';
import { ExrunbookError, exitCodeFor } from '../../errors.js';
import { findBrowser, parseRegQueryDefault, wellKnownBrowserPaths, type FindBrowserOptions } from './find-browser.js';

const fsWith =
  (...files: string[]) =>
  (candidate: string): boolean =>
    files.includes(candidate);

const WINDOWS_ENV = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\ops\\AppData\\Local',
};
const MAC_ENV = { HOME: '/Users/ops' };
const noRegistry = (): undefined => undefined;
const registryWith =
  (values: Record<string, string>) =>
  (key: string): string | undefined =>
    values[key];
const WSL_FOLDERS = () => ({ programFiles: '/mnt/c/Program Files', programFilesX86: '/mnt/c/Program Files (x86)', localAppData: '/mnt/c/Users/ops/AppData/Local' });
const noWslLookup = () => {
  throw new Error('the Windows side was asked although a Linux browser is installed');
};

interface FoundCase {
  readonly name: string;
  readonly options: FindBrowserOptions;
  readonly expected: { path: string; headless: 'shell' | true; source: string };
}

/** A case where `file` is the one browser installed: found at its well-known location, new headless. */
function onlyInstalled(name: string, platform: NodeJS.Platform, env: Record<string, string>, file: string): FoundCase {
  return { name, options: { env, platform, readRegistry: noRegistry, fileExists: fsWith(file) }, expected: { path: file, headless: true, source: 'well-known location' } };
}

function catchError(options: FindBrowserOptions): ExrunbookError {
  try {
    findBrowser(options);
  } catch (error) {
    if (error instanceof ExrunbookError) return error;
    throw error;
  }
  throw new Error('findBrowser did not throw');
}

describe('findBrowser', () => {
  const found: FoundCase[] = [
    {
      name: 'linux: the /usr/lib headless shell beats everything else installed',
      options: {
        env: {},
        platform: 'linux',
        fileExists: fsWith('/usr/bin/chromium', '/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell'),
      },
      expected: { path: '/usr/lib/chromium/chromium-headless-shell', headless: 'shell', source: 'well-known location' },
    },
    {
      name: 'linux: the /usr/bin headless-shell wrapper when the /usr/lib binary is absent',
      options: { env: {}, platform: 'linux', fileExists: fsWith('/usr/bin/chromium', '/usr/bin/chromium-headless-shell') },
      expected: { path: '/usr/bin/chromium-headless-shell', headless: 'shell', source: 'well-known location' },
    },
    {
      name: 'linux: Chrome before Chromium, with new headless',
      options: { env: {}, platform: 'linux', fileExists: fsWith('/usr/bin/chromium', '/usr/bin/google-chrome') },
      expected: { path: '/usr/bin/google-chrome', headless: true, source: 'well-known location' },
    },
    {
      name: 'flag beats every environment variable and well-known path',
      options: {
        flagPath: '/opt/chrome/chrome',
        env: { EXRUNBOOK_BROWSER_PATH: '/a', PUPPETEER_EXECUTABLE_PATH: '/b', CHROME_PATH: '/c' },
        platform: 'linux',
        fileExists: fsWith('/opt/chrome/chrome', '/a', '/b', '/c', '/usr/lib/chromium/chromium-headless-shell'),
      },
      expected: { path: '/opt/chrome/chrome', headless: true, source: '--browser-path' },
    },
    {
      name: 'EXRUNBOOK_BROWSER_PATH beats PUPPETEER_EXECUTABLE_PATH and CHROME_PATH',
      options: {
        env: { EXRUNBOOK_BROWSER_PATH: '/a', PUPPETEER_EXECUTABLE_PATH: '/b', CHROME_PATH: '/c' },
        platform: 'linux',
        fileExists: fsWith('/a', '/b', '/c'),
      },
      expected: { path: '/a', headless: true, source: 'EXRUNBOOK_BROWSER_PATH' },
    },
    {
      name: 'PUPPETEER_EXECUTABLE_PATH beats CHROME_PATH',
      options: {
        env: { PUPPETEER_EXECUTABLE_PATH: '/b', CHROME_PATH: '/c' },
        platform: 'linux',
        fileExists: fsWith('/b', '/c'),
      },
      expected: { path: '/b', headless: true, source: 'PUPPETEER_EXECUTABLE_PATH' },
    },
    {
      name: 'CHROME_PATH beats well-known paths; a headless shell from CfT gets shell mode',
      options: {
        env: { CHROME_PATH: '/opt/cft/chrome-headless-shell' },
        platform: 'linux',
        fileExists: fsWith('/opt/cft/chrome-headless-shell', '/usr/bin/chromium'),
      },
      expected: { path: '/opt/cft/chrome-headless-shell', headless: 'shell', source: 'CHROME_PATH' },
    },
    {
      name: 'empty environment variables count as unset',
      options: { flagPath: '', env: { EXRUNBOOK_BROWSER_PATH: '', CHROME_PATH: ' ' }, platform: 'linux', fileExists: fsWith('/usr/bin/chromium') },
      expected: { path: '/usr/bin/chromium', headless: true, source: 'well-known location' },
    },
    {
      name: 'macOS: Chrome in /Applications',
      options: {
        env: { HOME: '/Users/ops' },
        platform: 'darwin',
        fileExists: fsWith(
          '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
          '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        ),
      },
      expected: { path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', headless: true, source: 'well-known location' },
    },
    {
      name: 'macOS: a flag naming the .app bundle resolves to the executable inside',
      options: {
        flagPath: '/Applications/Chromium.app',
        env: {},
        platform: 'darwin',
        fileExists: fsWith('/Applications/Chromium.app/Contents/MacOS/Chromium'),
      },
      expected: { path: '/Applications/Chromium.app/Contents/MacOS/Chromium', headless: true, source: '--browser-path' },
    },
    {
      name: 'windows: Chrome (x86) is preferred over Edge',
      options: {
        env: WINDOWS_ENV,
        platform: 'win32',
        fileExists: fsWith(
          'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
          'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
        ),
      },
      expected: { path: 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe', headless: true, source: 'well-known location' },
    },
    {
      name: 'windows: environment names match case-insensitively',
      options: {
        env: { chrome_path: 'D:\\portable\\chrome.exe' },
        platform: 'win32',
        fileExists: fsWith('D:\\portable\\chrome.exe'),
      },
      expected: { path: 'D:\\portable\\chrome.exe', headless: true, source: 'CHROME_PATH' },
    },
    {
      name: 'windows: stable Chrome beats Edge Canary and Chrome Beta',
      options: {
        env: WINDOWS_ENV,
        platform: 'win32',
        readRegistry: noRegistry,
        fileExists: fsWith(
          'C:\\Users\\ops\\AppData\\Local\\Microsoft\\Edge SxS\\Application\\msedge.exe',
          'C:\\Program Files\\Google\\Chrome Beta\\Application\\chrome.exe',
          'C:\\Users\\ops\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
        ),
      },
      expected: { path: 'C:\\Users\\ops\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', headless: true, source: 'well-known location' },
    },
    onlyInstalled('linux: a snap Chromium as the last resort', 'linux', {}, '/snap/bin/chromium'),
    onlyInstalled('macOS: Edge in the user’s own Applications folder', 'darwin', MAC_ENV, '/Users/ops/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
    onlyInstalled('macOS: Chrome Canary when it is the only one', 'darwin', MAC_ENV, '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary'),
    ...(
      [
        ['per-user Chrome under %LOCALAPPDATA%', 'C:\\Users\\ops\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'],
        ['Edge, which every Windows 10/11 has', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
        ['Edge Beta, per user', 'C:\\Users\\ops\\AppData\\Local\\Microsoft\\Edge Beta\\Application\\msedge.exe'],
        ['Edge Dev', 'C:\\Program Files (x86)\\Microsoft\\Edge Dev\\Application\\msedge.exe'],
        ['Edge Canary', 'C:\\Users\\ops\\AppData\\Local\\Microsoft\\Edge SxS\\Application\\msedge.exe'],
        ['Chrome Dev', 'C:\\Program Files\\Google\\Chrome Dev\\Application\\chrome.exe'],
        ['Chrome Canary', 'C:\\Users\\ops\\AppData\\Local\\Google\\Chrome SxS\\Application\\chrome.exe'],
        ['Chromium, per user', 'C:\\Users\\ops\\AppData\\Local\\Chromium\\Application\\chrome.exe'],
      ] as const
    ).map(([what, file]) => onlyInstalled(`windows: ${what}`, 'win32', WINDOWS_ENV, file)),
    {
      name: 'windows: the registry App Paths (per-user key first; quotes and %LOCALAPPDATA% resolved) when no well-known path has a browser',
      options: {
        env: WINDOWS_ENV,
        platform: 'win32',
        readRegistry: registryWith({
          'HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\chrome.exe': '"%LOCALAPPDATA%\\Apps\\Chrome\\chrome.exe"',
          'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\msedge.exe': 'D:\\Edge\\msedge.exe',
        }),
        fileExists: fsWith('C:\\Users\\ops\\AppData\\Local\\Apps\\Chrome\\chrome.exe', 'D:\\Edge\\msedge.exe'),
      },
      expected: { path: 'C:\\Users\\ops\\AppData\\Local\\Apps\\Chrome\\chrome.exe', headless: true, source: 'registry App Paths' },
    },
    {
      name: 'windows: a registry value naming a missing file falls through to PATH',
      options: {
        env: { ...WINDOWS_ENV, Path: 'C:\\Windows\\system32;"D:\\Portable Edge";relative\\bin' },
        platform: 'win32',
        readRegistry: registryWith({ 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\msedge.exe': 'C:\\gone\\msedge.exe' }),
        fileExists: fsWith('D:\\Portable Edge\\msedge.exe', 'relative\\bin\\chrome.exe'),
      },
      expected: { path: 'D:\\Portable Edge\\msedge.exe', headless: true, source: 'PATH' },
    },
    {
      name: 'linux: Edge from Microsoft\'s package in /opt',
      options: { env: {}, platform: 'linux', fileExists: fsWith('/opt/microsoft/msedge/msedge', '/opt/microsoft/msedge-dev/msedge') },
      expected: { path: '/opt/microsoft/msedge/msedge', headless: true, source: 'well-known location' },
    },
    {
      name: 'linux: a browser on PATH, headless shell first',
      options: { env: { PATH: '/home/ops/bin:/usr/local/bin' }, platform: 'linux', fileExists: fsWith('/usr/local/bin/chromium', '/home/ops/bin/chrome-headless-shell') },
      expected: { path: '/home/ops/bin/chrome-headless-shell', headless: 'shell', source: 'PATH' },
    },
    {
      name: 'linux under WSL: a Linux browser first; the Windows side is not even asked',
      options: { env: {}, platform: 'linux', wsl: noWslLookup, fileExists: fsWith('/usr/bin/chromium', '/mnt/c/Program Files/Google/Chrome/Application/chrome.exe') },
      expected: { path: '/usr/bin/chromium', headless: true, source: 'well-known location' },
    },
    {
      name: 'linux under WSL: the Windows side\'s Edge when Linux has no browser',
      options: { env: { PATH: '/usr/bin' }, platform: 'linux', wsl: WSL_FOLDERS, fileExists: fsWith('/mnt/c/Program Files (x86)/Microsoft/Edge/Application/msedge.exe') },
      expected: { path: '/mnt/c/Program Files (x86)/Microsoft/Edge/Application/msedge.exe', headless: true, source: 'Windows browser under WSL' },
    },
    {
      name: 'linux under WSL: a per-user Edge Beta of the Windows user',
      options: { env: {}, platform: 'linux', wsl: WSL_FOLDERS, fileExists: fsWith('/mnt/c/Users/ops/AppData/Local/Microsoft/Edge Beta/Application/msedge.exe') },
      expected: { path: '/mnt/c/Users/ops/AppData/Local/Microsoft/Edge Beta/Application/msedge.exe', headless: true, source: 'Windows browser under WSL' },
    },
    {
      name: 'macOS: stable Edge beats Edge Beta',
      options: {
        env: { HOME: '/Users/ops' },
        platform: 'darwin',
        fileExists: fsWith('/Applications/Microsoft Edge Beta.app/Contents/MacOS/Microsoft Edge Beta', '/Users/ops/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
      },
      expected: { path: '/Users/ops/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', headless: true, source: 'well-known location' },
    },
  ];

  it.each(found)('$name', ({ options, expected }) => {
    expect(findBrowser(options)).toEqual(expected);
  });

  it.each([
    { name: '--browser-path', options: { flagPath: '/nope/chrome', env: {} }, named: '/nope/chrome', via: '--browser-path' },
    {
      name: 'EXRUNBOOK_BROWSER_PATH',
      options: { env: { EXRUNBOOK_BROWSER_PATH: '/nope/edge' } },
      named: '/nope/edge',
      via: 'EXRUNBOOK_BROWSER_PATH',
    },
    { name: 'CHROME_PATH', options: { env: { CHROME_PATH: '/nope/chromium' } }, named: '/nope/chromium', via: 'CHROME_PATH' },
  ])('a missing path given by $name is an error naming it, not a fall-through', ({ options, named, via }) => {
    const error = catchError({
      ...options,
      platform: 'linux',
      // A browser is installed, and must not be picked silently instead of the one the user named.
      fileExists: fsWith('/usr/lib/chromium/chromium-headless-shell'),
    });
    expect(error.code).toBe('browser-not-found');
    expect(error.errorClass).toBe('browser');
    expect(exitCodeFor(error)).toBe(3);
    expect(error.message).toContain(named);
    expect(error.message).toContain(via);
  });

  it.each(['linux', 'darwin', 'win32'] as const)('nothing found on %s lists every path, registry key and PATH folder tried, and how to go on', (platform) => {
    const env = platform === 'win32' ? { ...WINDOWS_ENV, PATH: 'C:\\Tools' } : { HOME: '/home/ops', PATH: '/opt/tools/bin' };
    const error = catchError({ env, platform, readRegistry: noRegistry, fileExists: () => false });
    expect(error.message).toContain(platform === 'win32' ? 'PATH (C:\\Tools): chrome.exe, msedge.exe' : 'PATH (/opt/tools/bin): chromium-headless-shell');
    if (platform === 'win32') expect(error.message).toContain('reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\msedge.exe" /ve');
    expect(error.code).toBe('browser-not-found');
    expect(exitCodeFor(error)).toBe(3);
    for (const candidate of wellKnownBrowserPaths(platform, env)) expect(error.message).toContain(candidate);
    expect(error.hint).toContain('--browser-path');
    expect(error.hint).toContain('EXRUNBOOK_BROWSER_PATH');
    expect(error.hint).toContain('--format html,json');
  });
});

describe('wellKnownBrowserPaths', () => {
  it('tries the headless shell first on Linux, then full browsers in /usr/bin before /snap/bin', () => {
    const paths = wellKnownBrowserPaths('linux', {});
    expect(paths.slice(0, 2)).toEqual(['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell']);
    expect(paths).toContain('/usr/bin/microsoft-edge');
    expect(paths.indexOf('/usr/bin/google-chrome-stable')).toBeLessThan(paths.indexOf('/usr/bin/chromium'));
    expect(paths.indexOf('/usr/bin/chromium-browser')).toBeLessThan(paths.indexOf('/snap/bin/google-chrome-stable'));
  });

  it('falls back to the default Program Files folders when Windows variables are missing', () => {
    expect(wellKnownBrowserPaths('win32', {}).slice(0, 4)).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
  });
});

describe('parseRegQueryDefault', () => {
  it.each([
    ['English', '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\...\\chrome.exe\r\n    (Default)    REG_SZ    C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\r\n\r\n', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
    ['Japanese', '\r\nHKEY_CURRENT_USER\\...\\msedge.exe\r\n    (既定)    REG_SZ    D:\\Edge\\msedge.exe\r\n', 'D:\\Edge\\msedge.exe'],
    ['expandable', '    (Default)    REG_EXPAND_SZ    %LOCALAPPDATA%\\Chromium\\Application\\chrome.exe\r\n', '%LOCALAPPDATA%\\Chromium\\Application\\chrome.exe'],
    ['value not set', '\r\nHKEY_LOCAL_MACHINE\\...\\chrome.exe\r\n    (Default)    REG_SZ    \r\n', undefined],
    ['no key', '', undefined],
  ])('%s', (_name, output, expected) => {
    expect(parseRegQueryDefault(output)).toBe(expected);
  });
});
