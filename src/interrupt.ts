/**
 * What exrunbook undoes when it is stopped by a signal (Ctrl+C, `kill`, a closed terminal): each
 * piece of work that leaves something behind while it runs (a staging folder, a browser and its
 * profile) registers a synchronous cleanup for as long as it runs. On SIGINT, SIGTERM or SIGHUP
 * every registered cleanup runs, newest first (the browser is killed before its staging folder is
 * removed), then the process exits with the shell's code for the signal: 130, 143 or 129.
 *
 * The handlers are installed only while something is registered, so a run with nothing to undo
 * keeps Node's default behaviour. SIGKILL cannot be caught: what it leaves is swept by the next
 * run (render/temp-folders).
 */
import { formatMessage } from './i18n/format-message.js';
import { CATALOGUES, type Lang } from './i18n/messages.js';

export type InterruptCleanup = () => void;

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

const cleanups: InterruptCleanup[] = [];
let language: Lang = 'en';

/** The language of the line printed when a signal stops the run (the run's --lang). */
export function setInterruptLanguage(lang: Lang): void {
  language = lang;
}
const handlers = new Map<HandledSignal, () => void>();

/** Registers `cleanup` until the returned function is called (call it in a `finally`). */
export function onInterrupt(cleanup: InterruptCleanup): () => void {
  cleanups.push(cleanup);
  install();
  return () => {
    const index = cleanups.lastIndexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
    if (cleanups.length === 0) uninstall();
  };
}

/** Runs every registered cleanup, newest first; a failing one does not stop the others. */
export function runInterruptCleanups(): void {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      cleanup();
    } catch {
      // the process is stopping: the next run sweeps what is left
    }
  }
  uninstall();
}

function install(): void {
  if (handlers.size > 0) return;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) {
    const handler = (): void => {
      runInterruptCleanups();
      process.stderr.write(`${formatMessage(CATALOGUES[language]['cli.interrupted'], { signal }, language)}\n`);
      process.exit(SIGNAL_EXIT_CODES[signal]);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function uninstall(): void {
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  handlers.clear();
}
