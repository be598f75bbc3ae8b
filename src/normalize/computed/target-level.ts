import type { BuildCatalog, ReleasedLevel } from '../../knowledge/build-catalog.js';
import { compareBuildNumbers } from '../../knowledge/build-number.js';
import type { CurrentLevel } from './current-level.js';

/**
 * Target policy: `latest` = SP3 with its latest rollup (the checklist's advice); `current-sp` = the
 * latest rollup of each server's own SP; or one released level for the whole fleet.
 */
export type TargetPolicy = { readonly kind: 'latest' } | { readonly kind: 'current-sp' } | { readonly kind: 'level'; readonly level: ReleasedLevel };

export interface TargetLevel {
  readonly level: ReleasedLevel;
  /** The SP changes: an SP upgrade, then that SP's rollup, as separate steps. */
  readonly servicePackChange: boolean;
  /** A rollup is installed after the SP (or on the current SP). */
  readonly rollupToInstall: boolean;
  /** Nothing to install: the current build is already at or beyond the target. */
  readonly upToDate: boolean;
  /** The current build is newer than the target: the plan never downgrades. */
  readonly beyondTarget: boolean;
}

export function computeTargetLevel(current: CurrentLevel, policy: TargetPolicy, catalog: BuildCatalog): TargetLevel {
  const level =
    policy.kind === 'level' ? policy.level : policy.kind === 'current-sp' && current.servicePack ? catalog.latestOf(current.servicePack) : catalog.latestOf('SP3');
  const build = current.exactness !== 'unknown' && current.rollup !== null ? current.build : null;
  const known = build !== null;
  const cmp = build ? compareBuildNumbers(build, level.build) : -1;
  const upToDate = known && cmp >= 0;
  const servicePackChange = current.servicePack !== level.servicePack;
  return {
    level,
    servicePackChange: !upToDate && servicePackChange,
    rollupToInstall: !upToDate && level.rollup > 0,
    upToDate,
    beyondTarget: known && cmp > 0,
  };
}
