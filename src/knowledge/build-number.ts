/**
 * Exchange build numbers, compared numerically. ExSetup writes the long form `08.03.0298.003`,
 * Microsoft's tables the short form `8.3.298.3`, some tools pad oddly (`8.3.083.6`): all are the same
 * four integers, and string comparison would order them wrongly.
 */
export type BuildNumber = readonly [major: number, minor: number, build: number, revision: number];

const BUILD_PATTERN = /^\s*(\d{1,4})\.(\d{1,4})\.(\d{1,5})\.(\d{1,5})\s*$/;

export function parseBuildNumber(text: string): BuildNumber | null {
  const match = BUILD_PATTERN.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

/** `Version 8.3 (Build 83.6)` → 8.3.83.6 (AdminDisplayVersion; reflects the service pack only). */
export function parseAdminDisplayVersion(text: string): BuildNumber | null {
  const match = /Version\s+(\d+)\.(\d+)\s*\(Build\s+(\d+)\.(\d+)\)/i.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

export function compareBuildNumbers(a: BuildNumber, b: BuildNumber): number {
  for (let i = 0; i < 4; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function formatBuildNumber(build: BuildNumber): string {
  return build.join('.');
}
