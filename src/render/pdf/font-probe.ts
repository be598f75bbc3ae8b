import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export interface FontProbe {
  /**
   * Whether the browser can draw Japanese: a font for `:lang=ja` is installed (`found`), none is
   * (`missing`: Japanese prints as empty boxes, silently), or it could not be checked (`unknown`).
   */
  readonly japanese: 'found' | 'missing' | 'unknown';
  /**
   * Changes when the installed fonts change, so a PDF printed before a font was installed is not
   * reused after (see pdf-cache).
   */
  readonly fingerprint: string;
}

/** Runs `fc-list` with these arguments: its stdout, or null when it cannot run or fails. */
export type RunFcList = (args: readonly string[]) => string | null;

/**
 * Chromium on Linux (and BSD) finds fonts through fontconfig, so `fc-list` sees what it sees.
 * Windows and macOS ship Japanese fonts (Meiryo / Yu Gothic, Hiragino) with the system: assumed.
 */
export function probeFonts(platform: NodeJS.Platform, runFcList: RunFcList = runFcListCommand): FontProbe {
  if (platform === 'win32' || platform === 'darwin') return { japanese: 'found', fingerprint: platform };
  const all = runFcList(['--format', '%{file}|%{family}|%{style}\\n']);
  if (all === null) return { japanese: 'unknown', fingerprint: 'no fc-list' };
  const japanese = runFcList([':lang=ja', 'family']);
  const lines = all.split('\n').filter((line) => line !== '').sort();
  return {
    japanese: japanese === null ? 'unknown' : japanese.trim() === '' ? 'missing' : 'found',
    fingerprint: createHash('sha256').update(lines.join('\n')).digest('hex'),
  };
}

function runFcListCommand(args: readonly string[]): string | null {
  const result = spawnSync('fc-list', args, { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return result.error === undefined && result.status === 0 ? result.stdout : null;
}

/** Hiragana, katakana (incl. half-width) and CJK ideographs: text a Latin font cannot draw. */
const JAPANESE_TEXT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;

export function containsJapanese(text: string): boolean {
  return JAPANESE_TEXT.test(text);
}
