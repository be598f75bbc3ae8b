import type { BuildCatalog } from '../knowledge/build-catalog.js';
import type { MachineLevel } from '../normalize/computed/current-level.js';
import type { TargetLevel } from '../normalize/computed/target-level.js';
import { buildText, describeLevel, longBuildText } from './describe-level.js';

/**
 * Where a machine stands when the rollup installed in the window is removed again, computed from the
 * plan (never "back to where it started" by habit):
 *
 * - after a service pack and its rollup, the service pack stays — an SP cannot be removed (seed:
 *   "removing a rollup"; Microsoft documents uninstalling only for rollups) — so removing the rollup
 *   leaves the new SP's own base build (SP3: 8.3.83.6), and nothing older;
 * - after a rollup alone, the rollup the machine had before (a rollup is a Windows Installer patch over
 *   the SP: removing it uncovers the one below), without the interim update the window removed.
 *
 * `afterRemovalLong` is '' when the inventory did not give the exact build the removal uncovers: the step
 * then compares with the FileVersion written down in the step that confirmed the current build.
 * `spKept` is the SP that stays ('' when none changed): step texts use it to say that a build on the new
 * SP after removing the rollup is the expected result, not a reason to restore.
 */
export interface RollbackLevel {
  readonly afterRemoval: string;
  readonly afterRemovalLong: string;
  readonly spKept: string;
  /**
   * After a rollup alone, when the machine was on an earlier rollup: the SP's base build, which removal
   * leaves if Windows Installer does not uncover the earlier rollup ('' otherwise). Step texts say that
   * this build means "install the earlier rollup again", not "restore from backup".
   */
  readonly spBase: string;
  readonly spBaseLong: string;
  /** The level the machine had before the window, for "the interim update was built for …". */
  readonly before: string;
}

export function rollbackLevel(machine: MachineLevel, target: TargetLevel, catalog: BuildCatalog): RollbackLevel {
  const before = `${describeLevel(machine)} (${buildText(machine.build)})`;
  if (target.servicePackChange) {
    const base = catalog.servicePack(target.level.servicePack);
    return { afterRemoval: `${describeLevel(base)} (${buildText(base.build)})`, afterRemovalLong: longBuildText(base.build), spKept: base.servicePack, spBase: '', spBaseLong: '', before };
  }
  const released =
    machine.exactness === 'exact' && machine.build
      ? machine.build
      : machine.servicePack && machine.rollup !== null
        ? (machine.rollup === 0 ? catalog.servicePack(machine.servicePack) : catalog.rollup(machine.servicePack, machine.rollup))?.build ?? null
        : null;
  if (!released || !machine.servicePack || machine.rollup === null) return { afterRemoval: before, afterRemovalLong: '', spKept: '', spBase: '', spBaseLong: '', before };
  const level = { servicePack: machine.servicePack, rollup: machine.rollup };
  const base = machine.rollup > 0 ? catalog.servicePack(machine.servicePack) : null;
  return {
    afterRemoval: `${describeLevel(level)} (${buildText(released)})`,
    afterRemovalLong: longBuildText(released),
    spKept: '',
    spBase: base ? `${describeLevel(base)} (${buildText(base.build)})` : '',
    spBaseLong: base ? longBuildText(base.build) : '',
    before,
  };
}
