import type { ReleasedLevel, ServicePackName } from '../knowledge/build-catalog.js';
import { formatBuildNumber, type BuildNumber } from '../knowledge/build-number.js';

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
export function rollupPackageName(level: ReleasedLevel, osLanguage: string): string {
  const lang = osLanguage.trim() === '1041' ? 'JA' : 'EN';
  return `Exchange2007-${level.kb ?? 'KB?'}-x64-${lang}.msp`;
}

/** ExSetup prints `08.03.0517.000`; the operator compares what they see with what is printed. */
export function longBuildText(build: BuildNumber): string {
  const [major, minor, b, revision] = build;
  return `${String(major).padStart(2, '0')}.${String(minor).padStart(2, '0')}.${String(b).padStart(4, '0')}.${String(revision).padStart(3, '0')}`;
}
