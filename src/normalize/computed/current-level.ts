import type { BuildCatalog, ServicePackName } from '../../knowledge/build-catalog.js';
import { latestServicePack } from '../../knowledge/build-catalog.js';
import { compareBuildNumbers, type BuildNumber } from '../../knowledge/build-number.js';
import type { MachineFacts, Provenance, ServerFacts } from '../server-facts.js';

/** Where the level was read from, best first (BRIEF §3: AdminDisplayVersion shows the SP only). */
export type LevelEvidence = 'exsetup' | 'installed-patches' | 'admin-display-version' | 'none';

export interface MachineLevel {
  readonly machine: string;
  readonly build: BuildNumber | null;
  readonly servicePack: ServicePackName | null;
  /** 0 = the service pack without a rollup; null = not known. */
  readonly rollup: number | null;
  readonly kb: string | null;
  readonly evidence: LevelEvidence;
  /** exact: a released build; between: not a released build (an IU or private build) above `rollup`. */
  readonly exactness: 'exact' | 'between' | 'service-pack-only' | 'unknown';
  readonly from: readonly Provenance[];
}

export interface CurrentLevel extends MachineLevel {
  /** One entry per machine holding binaries (several for a clustered mailbox server). */
  readonly machines: readonly MachineLevel[];
  readonly machinesDiffer: boolean;
}

export function computeCurrentLevel(server: ServerFacts, catalog: BuildCatalog): CurrentLevel {
  const machines = server.machines.map((m) => machineLevel(m, server, catalog));
  const lowest = [...machines].sort(compareMachineLevels)[0] ?? unknownLevel(server.name);
  const differ = machines.some((m) => compareMachineLevels(m, lowest) !== 0);
  return { ...lowest, machines, machinesDiffer: differ };
}

function machineLevel(machine: MachineFacts, server: ServerFacts, catalog: BuildCatalog): MachineLevel {
  if (machine.exsetup) {
    const build = machine.exsetup.value;
    const placed = catalog.place(build);
    const base = { machine: machine.name, build, evidence: 'exsetup' as const, from: [machine.exsetup.from] };
    if (placed.kind === 'exact') return { ...base, servicePack: placed.level.servicePack, rollup: placed.level.rollup, kb: placed.level.kb, exactness: 'exact' };
    if (placed.kind === 'between') return { ...base, servicePack: placed.below.servicePack, rollup: placed.below.rollup, kb: placed.below.kb, exactness: 'between' };
    return { ...base, servicePack: catalog.branchOf(build), rollup: null, kb: null, exactness: 'unknown' };
  }
  const adminSp = server.adminDisplayVersion ? catalog.branchOf(server.adminDisplayVersion.value) : null;
  if (machine.patches) {
    const rollups = machine.patches.items
      .filter((p) => p.kind === 'rollup' && p.kb !== null)
      .map((p) => ({ patch: p, level: p.kb ? catalog.byKb(p.kb) : undefined }))
      .filter((x): x is { patch: typeof x.patch; level: NonNullable<typeof x.level> } => x.level !== undefined);
    const sp = adminSp ?? latestServicePack(rollups.map((r) => r.level.servicePack)) ?? null;
    if (sp) {
      // Rollups of an older branch can stay listed after an SP upgrade; only this branch's count.
      const best = rollups.filter((r) => r.level.servicePack === sp).sort((a, b) => compareBuildNumbers(a.level.build, b.level.build)).at(-1);
      const level = best?.level ?? catalog.servicePack(sp);
      const from = [...(best ? [best.patch.from] : machine.patches.from), ...(adminSp && server.adminDisplayVersion ? [server.adminDisplayVersion.from] : [])];
      return { machine: machine.name, build: level.build, servicePack: sp, rollup: level.rollup, kb: level.kb, evidence: 'installed-patches', exactness: 'exact', from };
    }
  }
  if (server.adminDisplayVersion && adminSp) {
    return {
      machine: machine.name,
      build: catalog.servicePack(adminSp).build,
      servicePack: adminSp,
      rollup: null,
      kb: null,
      evidence: 'admin-display-version',
      exactness: 'service-pack-only',
      from: [server.adminDisplayVersion.from],
    };
  }
  return unknownLevel(machine.name);
}

function unknownLevel(machine: string): MachineLevel {
  return { machine, build: null, servicePack: null, rollup: null, kb: null, evidence: 'none', exactness: 'unknown', from: [] };
}

/** Lowest first; unknown sorts lowest of all, so a CMS with an unknown node is treated as unknown. */
function compareMachineLevels(a: MachineLevel, b: MachineLevel): number {
  if (!a.build || !b.build) return (a.build ? 1 : 0) - (b.build ? 1 : 0);
  return compareBuildNumbers(a.build, b.build) || (a.rollup ?? -1) - (b.rollup ?? -1);
}

/** The machine's own level (a node of a clustered mailbox server can differ from the CMS's lowest). */
export function machineLevelOf(machines: readonly MachineLevel[], fallback: MachineLevel, name: string): MachineLevel {
  return machines.find((m) => m.machine.toUpperCase() === name.toUpperCase()) ?? fallback;
}
