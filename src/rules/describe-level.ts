import type { ReleasedLevel, ServicePackName } from '../knowledge/build-catalog.js';
import { formatBuildNumber, type BuildNumber } from '../knowledge/build-number.js';
import type { MachineFacts } from '../normalize/server-facts.js';

/** `SP3 RU23`, `SP1`, `RTM RU7`, `SP3 RU8 (v3)` — the same in both languages, as Microsoft writes it. */
export function describeLevel(level: { servicePack: ServicePackName | null; rollup: number | null; revision?: string }): string {
  if (!level.servicePack) return '?';
  if (level.rollup === null) return `${level.servicePack} RU?`;
  if (level.rollup === 0) return level.servicePack;
  const revision = level.revision && level.revision !== 'v1' ? ` (${level.revision})` : '';
  return `${level.servicePack} RU${level.rollup}${revision}`;
}

export function buildText(build: BuildNumber | null): string {
  return build ? formatBuildNumber(build) : '?';
}

/** `Exchange2007-KB4011325-x64-EN.msp` / `-JA.msp`: the package file name Microsoft ships per language. */
export function rollupPackageName(level: ReleasedLevel, language: PackageLanguage): string {
  return `Exchange2007-${level.kb ?? 'KB?'}-x64-${language.code}.msp`;
}

/**
 * The language of the rollup package must be the language of the installed Exchange, not of Windows (a
 * Japanese Windows can run an English Exchange). The evidence is the name of an installed Exchange update
 * (Japanese names read "… 用の更新プログラムのロールアップ …"). Without one, the OS language is only a
 * guess and `confirmed` is false: the runbook asks the operator to confirm.
 */
export interface PackageLanguage {
  readonly code: 'EN' | 'JA';
  readonly confirmed: boolean;
  /** The installed update's name that shows the language, '' when none does. */
  readonly evidence: string;
}

export function packageLanguage(machines: readonly MachineFacts[]): PackageLanguage {
  for (const machine of machines) {
    for (const patch of machine.patches?.items ?? []) {
      if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(patch.displayName)) return { code: 'JA', confirmed: true, evidence: patch.displayName };
      if (/^(Update Rollup|Interim Update|Security Update)\b/i.test(patch.displayName.trim())) return { code: 'EN', confirmed: true, evidence: patch.displayName };
    }
  }
  const osLanguage = machines.map((m) => m.os?.value.language ?? '').find((l) => l.trim() !== '') ?? '';
  return { code: osLanguage.trim() === '1041' ? 'JA' : 'EN', confirmed: false, evidence: '' };
}

/** ExSetup prints `08.03.0517.000`; the operator compares what they see with what is printed. */
export function longBuildText(build: BuildNumber): string {
  const [major, minor, b, revision] = build;
  return `${String(major).padStart(2, '0')}.${String(minor).padStart(2, '0')}.${String(b).padStart(4, '0')}.${String(revision).padStart(3, '0')}`;
}
