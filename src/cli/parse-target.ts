import { ExrunbookError } from '../errors.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { formatBuildNumber, parseBuildNumber } from '../knowledge/build-number.js';
import type { TargetPolicy } from '../normalize/computed/target-level.js';

/** `latest` | `current-sp` | a released build (`8.3.417.1`) | `SP3` | `SP3-RU10` / `SP3RU10`. */
export function parseTarget(text: string, catalog: BuildCatalog): TargetPolicy {
  const value = text.trim();
  if (value === 'latest') return { kind: 'latest' };
  if (value === 'current-sp') return { kind: 'current-sp' };
  const build = parseBuildNumber(value);
  if (build) {
    const placed = catalog.place(build);
    if (placed.kind === 'exact') return { kind: 'level', level: placed.level };
    throw invalid(value, `${formatBuildNumber(build)} is not a released Exchange 2007 build`);
  }
  const named = /^(RTM|SP[1-3])(?:[-\s]?RU(\d+))?$/i.exec(value);
  if (named?.[1]) {
    const sp = named[1].toUpperCase() as 'RTM' | 'SP1' | 'SP2' | 'SP3';
    const level = named[2] === undefined ? catalog.servicePack(sp) : catalog.rollup(sp, Number(named[2]));
    if (level) return { kind: 'level', level };
    throw invalid(value, `${sp} has no rollup ${named[2] ?? ''}`);
  }
  throw invalid(value, 'not a known target');
}

function invalid(value: string, why: string): ExrunbookError {
  return new ExrunbookError('bad-target', 'usage', `--target ${value}: ${why}.`, {
    hint: 'Use latest (SP3 + its latest rollup), current-sp, a released build such as 8.3.417.1, or a level such as SP3-RU10 (`exrunbook catalog` lists them).',
  });
}
