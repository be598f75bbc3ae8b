import type { OwaFile } from '../../normalize/server-facts.js';

/** Where Exchange 2007 Setup puts OWA unless MsiInstallPath says otherwise. */
export const DEFAULT_OWA_PATH = 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa';

/**
 * Setup writes the auth files within minutes of each other; a logon.aspx edited later is newer than
 * every sibling by more than this (A.5: a heuristic, no Microsoft detection method exists).
 */
const LOGON_TOLERANCE_MS = 60 * 60 * 1000;

export interface OwaEvidence {
  /** The machine's Owa folder, read from the listing's paths (default when none shows it). */
  readonly owaPath: string;
  /** `auth\logon.aspx (2013-06-12 18:40)` when it is newer than the other auth files, else null. */
  readonly logon: string | null;
  /** Theme folders beyond the shipped `base` and numbered ones, relative to the Owa folder. */
  readonly customThemes: readonly string[];
}

export function owaPathOf(files: readonly OwaFile[]): string {
  for (const file of files) {
    const match = /^(.*\\ClientAccess\\Owa)(?:\\|$)/i.exec(file.path);
    if (match?.[1]) return match[1];
  }
  return DEFAULT_OWA_PATH;
}

/** Reads the OWA file listing of one machine for signs of Logon.aspx and theme customisation. */
export function analyseOwaFiles(files: readonly OwaFile[]): OwaEvidence {
  const owaPath = owaPathOf(files);
  const prefix = `${owaPath.toLowerCase()}\\`;
  const relative = (file: OwaFile): string => (file.path.toLowerCase().startsWith(prefix) ? file.path.slice(prefix.length) : file.path);

  const authFiles = files.filter((f) => f.length !== null && /^auth\\[^\\]+$/i.test(relative(f)));
  const logonFile = authFiles.find((f) => /^auth\\logon\.aspx$/i.test(relative(f)));
  const siblingTimes = authFiles.filter((f) => f !== logonFile && f.lastWriteTime !== null).map((f) => Date.parse(`${f.lastWriteTime ?? ''}Z`));
  let logon: string | null = null;
  if (logonFile?.lastWriteTime && siblingTimes.length > 0) {
    const newestSibling = Math.max(...siblingTimes);
    if (Date.parse(`${logonFile.lastWriteTime}Z`) - newestSibling > LOGON_TOLERANCE_MS) {
      logon = `${relative(logonFile)} (${logonFile.lastWriteTime.slice(0, 16).replace('T', ' ')})`;
    }
  }

  const themes = new Map<string, string>();
  for (const file of files) {
    const match = /^([^\\]+\\themes\\([^\\]+))(?:\\|$)/i.exec(relative(file));
    if (!match?.[1] || !match[2]) continue;
    if (match[2].toLowerCase() === 'base' || /^\d+$/.test(match[2])) continue;
    themes.set(match[1].toLowerCase(), match[1]);
  }
  const customThemes = [...themes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { owaPath, logon, customThemes };
}
