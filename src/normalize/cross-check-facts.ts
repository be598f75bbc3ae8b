import type { Diagnostic } from '../ingest/diagnostic.js';
import { shorten } from '../ingest/shorten.js';
import type { BuildCatalog, ReleasedLevel } from '../knowledge/build-catalog.js';
import { formatBuildNumber } from '../knowledge/build-number.js';
import { describeLevel } from '../rules/describe-level.js';
import type { MachineFacts, Provenance, ServerFacts } from './server-facts.js';

/**
 * Facts from different exports that should tell the same story about a machine's level, checked against
 * each other. ExSetup.exe's file version is what is installed, so it is the value the plan uses; when
 * another export disagrees, a warning names both files so the analyst can find the stale or misfiled one.
 *
 * - `unknown-build`: ExSetup's version is no released SP or rollup build (a private fix, or not Exchange 2007).
 * - `exsetup-admin-version-disagree`: ExSetup's SP is not the SP in AdminDisplayVersion (an SP upgrade
 *   half done, e.g. `setup.com /upgradecms` not yet run, or an export from before the upgrade).
 * - `exsetup-patches-disagree`: the highest rollup of ExSetup's SP in the installed-updates list is not
 *   ExSetup's rollup (a rollup that failed or was removed, or a list from another time or machine).
 */
export function crossCheckFacts(servers: readonly ServerFacts[], catalog: BuildCatalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const server of servers) {
    if (server.excluded) continue;
    for (const machine of server.machines) {
      if (!machine.exsetup) continue;
      const build = machine.exsetup.value;
      const exsetupFrom = where(machine.exsetup.from);
      const placed = catalog.place(build);
      const level = placed.kind === 'exact' ? placed.level : placed.kind === 'between' ? placed.below : null;
      if (placed.kind !== 'exact') {
        diagnostics.push({
          severity: 'warning',
          code: 'unknown-build',
          ...at(machine.exsetup.from),
          data: { machine: shorten(machine.name), build: formatBuildNumber(build), nearest: level ? describeLevel(level) : '—' },
        });
      }
      const exsetupSp = catalog.branchOf(build);
      const admin = server.adminDisplayVersion;
      const adminSp = admin ? catalog.branchOf(admin.value) : null;
      if (admin && exsetupSp && adminSp && exsetupSp !== adminSp) {
        diagnostics.push({
          severity: 'warning',
          code: 'exsetup-admin-version-disagree',
          ...at(admin.from),
          data: { server: shorten(server.name), machine: shorten(machine.name), adminServicePack: adminSp, exsetupLevel: level ? describeLevel(level) : exsetupSp, exsetupFrom },
        });
      }
      if (level) diagnostics.push(...comparePatchList(machine, level, exsetupFrom));
    }
  }
  return diagnostics;
}

function comparePatchList(machine: MachineFacts, level: ReleasedLevel, exsetupFrom: string): Diagnostic[] {
  if (!machine.patches) return [];
  // Rollups of an older SP stay listed after an SP upgrade; only ExSetup's branch is comparable.
  const rollups = machine.patches.items.filter((p) => p.kind === 'rollup' && p.servicePack === level.servicePack && p.rollup !== null);
  const highest = rollups.reduce<(typeof rollups)[number] | null>((best, p) => (best === null || (p.rollup ?? 0) > (best.rollup ?? 0) ? p : best), null);
  const listed = highest?.rollup ?? 0;
  if (listed === level.rollup) return [];
  const from = highest?.from ?? machine.patches.from[0];
  if (!from) return [];
  return [
    {
      severity: 'warning',
      code: 'exsetup-patches-disagree',
      ...at(from),
      data: {
        machine: shorten(machine.name),
        exsetupLevel: describeLevel(level),
        exsetupFrom,
        patchLevel: describeLevel({ servicePack: level.servicePack, rollup: listed }),
      },
    },
  ];
}

function at(from: Provenance): { file: string; line: number } {
  return { file: from.file, line: from.line };
}

function where(from: Provenance): string {
  return `${from.file}:${from.line}`;
}
