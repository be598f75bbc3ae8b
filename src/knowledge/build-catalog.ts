import { createHash } from 'node:crypto';
import { ExrunbookError } from '../errors.js';
import { messageRef, type MessageRef } from '../i18n/format-message.js';
import { localizedError } from '../i18n/localized-error.js';
import { compareBuildNumbers, formatBuildNumber, parseBuildNumber, type BuildNumber } from './build-number.js';

export type ServicePackName = 'RTM' | 'SP1' | 'SP2' | 'SP3';
export const SERVICE_PACKS: readonly ServicePackName[] = ['RTM', 'SP1', 'SP2', 'SP3'];

/** `servicePack` is `floor` or a later one; an unknown level (null) is not. */
export function servicePackAtLeast(servicePack: ServicePackName | null, floor: ServicePackName): boolean {
  return servicePack !== null && SERVICE_PACKS.indexOf(servicePack) >= SERVICE_PACKS.indexOf(floor);
}

/** The latest of the given service packs; undefined when there are none. */
export function latestServicePack(servicePacks: readonly ServicePackName[]): ServicePackName | undefined {
  return SERVICE_PACKS.filter((sp) => servicePacks.includes(sp)).at(-1);
}

/** One released level: a service pack itself (rollup 0) or an update rollup on it. */
export interface ReleasedLevel {
  readonly servicePack: ServicePackName;
  /** 0 for the service pack without rollups. */
  readonly rollup: number;
  /** 'v1', 'v2', 'v3' for re-released rollups. */
  readonly revision: string;
  readonly kb: string | null;
  readonly build: BuildNumber;
  readonly releaseDate: string;
  readonly unverified: boolean;
}

interface CatalogFile {
  readonly schemaVersion: number;
  readonly servicePacks: readonly { servicePack: string; build: string; kb: string | null; releaseDate: string; unverified: boolean }[];
  readonly rollups: readonly { servicePack: string; rollup: number; revision: string; kb: string | null; build: string; releaseDate: string; unverified: boolean }[];
  readonly buildAliases: readonly { build: string; sameAs: string }[];
}

/** Where a build sits: exactly a released level, or between releases of one SP branch (an IU or private build). */
export type BuildPlacement =
  | { readonly kind: 'exact'; readonly level: ReleasedLevel }
  | { readonly kind: 'between'; readonly below: ReleasedLevel }
  | { readonly kind: 'unknown' };

export class BuildCatalog {
  readonly sha256: string;
  readonly levels: readonly ReleasedLevel[];
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(levels: readonly ReleasedLevel[], aliases: ReadonlyMap<string, string>, sha256: string) {
    this.levels = [...levels].sort((a, b) => compareBuildNumbers(a.build, b.build));
    this.aliases = aliases;
    this.sha256 = sha256;
  }

  /** Parses and verifies the committed catalogue text against its recorded checksum. */
  static fromText(text: string, expectedSha256: string): BuildCatalog {
    const sha256 = createHash('sha256').update(text).digest('hex');
    if (sha256 !== expectedSha256) {
      throw localizedError('catalog-checksum', 'internal', 'error.catalogChecksum', { actual: sha256, expected: expectedSha256 });
    }
    const file = JSON.parse(text) as CatalogFile;
    const levels: ReleasedLevel[] = [];
    for (const sp of file.servicePacks) {
      levels.push({ servicePack: asServicePack(sp.servicePack), rollup: 0, revision: 'v1', kb: sp.kb, build: mustParse(sp.build), releaseDate: sp.releaseDate, unverified: sp.unverified });
    }
    for (const r of file.rollups) {
      levels.push({ servicePack: asServicePack(r.servicePack), rollup: r.rollup, revision: r.revision, kb: r.kb, build: mustParse(r.build), releaseDate: r.releaseDate, unverified: r.unverified });
    }
    const aliases = new Map(file.buildAliases.map((a) => [formatBuildNumber(mustParse(a.build)), formatBuildNumber(mustParse(a.sameAs))]));
    return new BuildCatalog(levels, aliases, sha256);
  }

  place(build: BuildNumber): BuildPlacement {
    const key = this.aliases.get(formatBuildNumber(build)) ?? formatBuildNumber(build);
    const exact = this.levels.find((l) => formatBuildNumber(l.build) === key);
    if (exact) return { kind: 'exact', level: exact };
    const branch = this.branchOf(build);
    if (!branch) return { kind: 'unknown' };
    const below = this.levels.filter((l) => l.servicePack === branch && compareBuildNumbers(l.build, build) < 0).at(-1);
    return below ? { kind: 'between', below } : { kind: 'unknown' };
  }

  /** The SP branch a build belongs to: Exchange 2007 is major 8, the minor number is the SP. */
  branchOf(build: BuildNumber): ServicePackName | null {
    if (build[0] !== 8) return null;
    return SERVICE_PACKS[build[1]] ?? null;
  }

  servicePack(sp: ServicePackName): ReleasedLevel {
    const level = this.levels.find((l) => l.servicePack === sp && l.rollup === 0);
    if (!level) throw new ExrunbookError('catalog-incomplete', 'internal', `The build catalogue has no entry for ${sp}.`);
    return level;
  }

  /** The latest rollup of a branch by build number (never by release date), or the SP itself when it has none. */
  latestOf(sp: ServicePackName): ReleasedLevel {
    return this.levels.filter((l) => l.servicePack === sp).at(-1) ?? this.servicePack(sp);
  }

  /**
   * A released level named the way analysts name them: a build (`8.3.417.1`, `08.03.0417.001`),
   * `SP3` / `SP3-RU10` / `SP3RU10`, or the KB of a rollup or SP. Returns why not (a message for
   * the caller's error), when it is none.
   */
  resolve(text: string): { readonly level: ReleasedLevel } | { readonly problem: MessageRef } {
    const value = text.trim();
    const build = parseBuildNumber(value);
    if (build) {
      const placed = this.place(build);
      return placed.kind === 'exact' ? { level: placed.level } : { problem: messageRef('level.problem.notReleased', { build: formatBuildNumber(build) }) };
    }
    const named = /^(RTM|SP[1-3])(?:[-\s]?RU(\d+))?$/i.exec(value);
    if (named?.[1]) {
      const sp = asServicePack(named[1].toUpperCase());
      const level = named[2] === undefined ? this.servicePack(sp) : this.rollup(sp, Number(named[2]));
      return level ? { level } : { problem: messageRef('level.problem.noRollup', { servicePack: sp, rollup: named[2] ?? '' }) };
    }
    if (/^KB\s?\d{6,7}$/i.test(value)) {
      const level = this.byKb(value.replace(/\s/g, ''));
      return level ? { level } : { problem: messageRef('level.problem.unknownKb', { kb: value }) };
    }
    return { problem: messageRef('level.problem.unrecognised') };
  }

  byKb(kb: string): ReleasedLevel | undefined {
    const wanted = kb.toUpperCase();
    return this.levels.find((l) => l.kb?.toUpperCase() === wanted);
  }

  /** Rollups of a branch by number: several revisions (RU3 v1/v2, RU8 v1–v3) share a rollup number. */
  rollup(sp: ServicePackName, rollup: number): ReleasedLevel | undefined {
    return this.levels.filter((l) => l.servicePack === sp && l.rollup === rollup).at(-1);
  }
}

function asServicePack(text: string): ServicePackName {
  const sp = SERVICE_PACKS.find((s) => s === text);
  if (!sp) throw new ExrunbookError('catalog-invalid', 'internal', `Unknown service pack "${text}" in the build catalogue.`);
  return sp;
}

function mustParse(text: string): BuildNumber {
  const build = parseBuildNumber(text);
  if (!build) throw new ExrunbookError('catalog-invalid', 'internal', `Invalid build "${text}" in the build catalogue.`);
  return build;
}
