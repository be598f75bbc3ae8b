import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { WslWindowsFolders } from './find-browser.js';

/**
 * Linux under WSL can start the Windows side's Chrome or Edge, as Marp CLI does: on WSL 1, and on
 * WSL 2 only with mirrored networking, because puppeteer reaches the browser on 127.0.0.1, which under
 * WSL 2's default NAT is not the Windows side's. Returns how to find the Windows folders (asked only
 * when no Linux browser was found, since it starts cmd.exe), or undefined when a Windows browser is
 * out of reach.
 */
export function detectWsl(env: Readonly<Record<string, string | undefined>>): (() => WslWindowsFolders) | undefined {
  if (process.platform !== 'linux') return undefined;
  let version = '';
  try {
    version = readFileSync('/proc/version', 'utf8');
  } catch {
    // not Linux as we know it: no WSL
  }
  if (!env['WSL_DISTRO_NAME'] && !/microsoft/i.test(version)) return undefined;
  const wsl2 = /microsoft-standard-wsl2/i.test(version) || Boolean(env['WSL_INTEROP']);
  if (wsl2 && runText('wslinfo', ['--networking-mode'])?.toLowerCase() !== 'mirrored') return undefined;
  return () => ({ programFiles: '/mnt/c/Program Files', programFilesX86: '/mnt/c/Program Files (x86)', localAppData: windowsFolderInWsl('LOCALAPPDATA') });
}

/** A browser of the Windows side, started from WSL (`/mnt/c/.../msedge.exe`). */
export function isWindowsBrowserUnderWsl(browserPath: string): boolean {
  return process.platform === 'linux' && /^\/mnt\/[a-z]\/.+\.exe$/i.test(browserPath);
}

/** A Windows folder variable (`TMP`, `LOCALAPPDATA`) of the Windows user, as a WSL path. */
export function windowsFolderInWsl(name: string): string | undefined {
  const value = runText('cmd.exe', ['/d', '/c', `echo %${name}%`]);
  if (value === undefined || value.includes('%')) return undefined;
  return runText('wslpath', ['-u', value]);
}

/** A WSL path as the Windows side names it (a browser profile folder handed to a Windows browser). */
export function windowsPathOf(wslPath: string): string | undefined {
  return runText('wslpath', ['-w', wslPath]);
}

function runText(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const text = result.status === 0 ? result.stdout.trim() : '';
  return text === '' ? undefined : text;
}
