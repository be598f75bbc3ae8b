import { describe, expect, it } from 'vitest';
import { ExrunbookError, exitCodeFor } from '../../errors.js';
import { findBrowser, wellKnownBrowserPaths, type FindBrowserOptions } from './find-browser.js';

const fsWith =
  (...files: string[]) =>
  (candidate: string): boolean =>
    files.includes(candidate);

const WINDOWS_ENV = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\ops\\AppData\\Local',
};

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
  const found: {
    name: string;
    options: FindBrowserOptions;
    expected: { path: string; headless: 'shell' | true; source: string };
  }[] = [
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
      name: 'linux: a snap Chromium as the last resort',
      options: { env: {}, platform: 'linux', fileExists: fsWith('/snap/bin/chromium') },
      expected: { path: '/snap/bin/chromium', headless: true, source: 'well-known location' },
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
      name: 'macOS: Edge in the user’s own Applications folder',
      options: {
        env: { HOME: '/Users/ops' },
        platform: 'darwin',
        fileExists: fsWith('/Users/ops/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
      },
      expected: { path: '/Users/ops/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', headless: true, source: 'well-known location' },
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
      name: 'windows: per-user Chrome under %LOCALAPPDATA%',
      options: {
        env: WINDOWS_ENV,
        platform: 'win32',
        fileExists: fsWith('C:\\Users\\ops\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'),
      },
      expected: { path: 'C:\\Users\\ops\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', headless: true, source: 'well-known location' },
    },
    {
      name: 'windows: Edge, which every Windows 10/11 has',
      options: {
        env: WINDOWS_ENV,
        platform: 'win32',
        fileExists: fsWith('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'),
      },
      expected: { path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', headless: true, source: 'well-known location' },
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

  it.each(['linux', 'darwin', 'win32'] as const)('nothing found on %s lists every path tried and how to go on', (platform) => {
    const env = platform === 'win32' ? WINDOWS_ENV : { HOME: '/home/ops' };
    const error = catchError({ env, platform, fileExists: () => false });
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
    expect(wellKnownBrowserPaths('win32', {})).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
  });
});
