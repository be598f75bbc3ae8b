import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import puppeteer, { type Browser } from 'puppeteer-core';
import { localizedError } from '../../i18n/localized-error.js';
import { onInterrupt } from '../../interrupt.js';
import { BROWSER_PROFILE_FOLDER, makeTempFolder, sweepTempFolders } from '../temp-folders.js';
import { isWindowsBrowserUnderWsl, windowsFolderInWsl, windowsPathOf } from './wsl.js';

/** One timeout for launch, `setContent` and `pdf` (Marp CLI's single `--browser-timeout`). */
export const DEFAULT_BROWSER_TIMEOUT_MS = 60_000;

/** How long `close()` waits for a graceful shutdown before killing the process group. */
const DEFAULT_CLOSE_WATCHDOG_MS = 5_000;

export interface BrowserSessionOptions {
  readonly browserPath: string;
  readonly headless: 'shell' | true;
  /** Per operation; 0 disables the limit. Defaults to {@link DEFAULT_BROWSER_TIMEOUT_MS}. */
  readonly timeoutMs?: number | undefined;
  /** For tests; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** For tests: how long `close()` waits before killing the browser. Defaults to 5 s. */
  readonly closeWatchdogMs?: number | undefined;
}

export interface BrowserSession extends AsyncDisposable {
  readonly browser: Browser;
  /** The browser's own version string (e.g. `HeadlessChrome/156.0.8078.79`), worth logging. */
  readonly version: string;
  readonly timeoutMs: number;
  /** The temporary browser profile; removed by `close()`. */
  readonly profileDir: string;
  /** Safe to call more than once; never rejects. */
  close(): Promise<void>;
}

export interface SandboxEnvironment {
  readonly uid: number | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dockerEnvExists: boolean;
}

/**
 * Chromium's sandbox cannot start as root or in most containers; elsewhere it stays on, because the
 * page renders data copied out of a production network.
 */
export function needsNoSandbox({ uid, env, dockerEnvExists }: SandboxEnvironment): boolean {
  return uid === 0 || dockerEnvExists || Boolean(env['container']) || env['EXRUNBOOK_NO_SANDBOX'] === '1';
}

/** Flags for a workstation with no network: nothing phones home, nothing is fetched. */
export function browserLaunchArgs(userDataDir: string, noSandbox: boolean): string[] {
  return [
    `--user-data-dir=${userDataDir}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--font-render-hinting=none',
    '--mute-audio',
    // Request interception sees fetches but not DNS prefetch or preconnect; these make any such
    // attempt fail inside the browser instead of reaching the network.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
    '--proxy-server=http://127.0.0.1:9',
    ...(noSandbox ? ['--no-sandbox'] : []),
  ];
}

/**
 * Starts the one browser of this run (BRIEF §8). Dispose it with `await using`, or call `close()`
 * in a `finally`.
 */
export async function openBrowserSession(options: BrowserSessionOptions): Promise<BrowserSession> {
  const { browserPath, headless } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BROWSER_TIMEOUT_MS;
  const env = options.env ?? process.env;
  const noSandbox = needsNoSandbox({
    uid: process.getuid?.(),
    env,
    dockerEnvExists: existsSync('/.dockerenv'),
  });

  // A Windows browser started from WSL needs its profile in a folder Windows names; elsewhere the temp folder.
  const underWsl = isWindowsBrowserUnderWsl(browserPath);
  const profileParent = (underWsl ? windowsFolderInWsl('TMP') : undefined) ?? os.tmpdir();
  sweepTempFolders(profileParent, BROWSER_PROFILE_FOLDER);
  const userDataDir = makeTempFolder(profileParent, BROWSER_PROFILE_FOLDER);
  // Last resort if the process exits without close() (an uncaught error, a signal): kill the
  // browser and remove its profile. Puppeteer's own signal handlers are off: they would exit
  // before the staging folder is removed (interrupt.ts runs every cleanup in order).
  let browserPid: number | undefined;
  const removeProfileOnExit = (): void => {
    if (browserPid !== undefined) killProcessTree(browserPid);
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // exiting anyway; the next run sweeps it
    }
  };
  process.once('exit', removeProfileOnExit);
  const releaseInterrupt = onInterrupt(removeProfileOnExit);

  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: browserPath,
      headless,
      args: browserLaunchArgs((underWsl ? windowsPathOf(userDataDir) : undefined) ?? userDataDir, noSandbox),
      timeout: timeoutMs,
      protocolTimeout: timeoutMs === 0 ? 0 : Math.max(180_000, timeoutMs),
      dumpio: false,
      // Over a pipe the browser exits by itself when this process dies, even by SIGKILL; over a
      // WebSocket it lived on as an orphan.
      pipe: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browserPid = browser.process()?.pid;
  } catch (error) {
    process.removeListener('exit', removeProfileOnExit);
    releaseInterrupt();
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw localizedError('browser-launch-failed', 'browser', 'error.browser.launchFailed', { path: browserPath, reason }, { cause: error });
  }

  let version = 'unknown';
  try {
    version = await browser.version();
  } catch {
    // the version is informational; printing will report a dead browser soon enough
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= closeBrowser(browser, userDataDir, options.closeWatchdogMs ?? DEFAULT_CLOSE_WATCHDOG_MS).finally(() => {
      process.removeListener('exit', removeProfileOnExit);
      releaseInterrupt();
    });
    return closing;
  };

  return {
    browser,
    version,
    timeoutMs,
    profileDir: userDataDir,
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function closeBrowser(browser: Browser, userDataDir: string, watchdogMs: number): Promise<void> {
  const pid = browser.process()?.pid;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => {
      resolve('hung');
    }, watchdogMs);
    timer.unref();
  });
  const outcome = await Promise.race([
    browser.close().then(
      () => 'closed' as const,
      () => 'failed' as const,
    ),
    watchdog,
  ]);
  clearTimeout(timer);
  if (outcome !== 'closed' && pid !== undefined) killProcessTree(pid);
  await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
}

/**
 * Puppeteer spawns the browser detached, so it leads its own process group. Killing only the pid
 * would orphan the renderers when the pid is a wrapper script (perf-lab quirk 2). Windows has no
 * process groups to signal: taskkill /T ends the browser's whole tree (GPU, renderers, crashpad).
 */
function killProcessTree(pid: number): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/T', '/F', '/PID', String(pid)], { windowsHide: true, stdio: 'ignore', timeout: 10_000 });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
