import { describe, expect, it } from 'vitest';
import { loadBuildCatalog } from './load-build-catalog.js';
import { BuildCatalog, latestServicePack, servicePackAtLeast } from './build-catalog.js';
import { compareBuildNumbers, parseAdminDisplayVersion, parseBuildNumber } from './build-number.js';
import { readFileSync } from 'node:fs';

const catalog = loadBuildCatalog();
const b = (text: string) => {
  const build = parseBuildNumber(text);
  if (!build) throw new Error(text);
  return build;
};

describe('build numbers', () => {
  it.each([
    ['08.03.0298.003', [8, 3, 298, 3]],
    ['8.3.083.6', [8, 3, 83, 6]],
    [' 8.1.240.6 ', [8, 1, 240, 6]],
  ])('parses %s numerically', (text, expected) => {
    expect(parseBuildNumber(text)).toEqual(expected);
  });
  it.each(['', '8.3', 'Version 8.3', '8.3.298.x', '1.2.3.4.5'])('rejects %j', (text) => {
    expect(parseBuildNumber(text)).toBeNull();
  });
  it('orders 8.3.83.6 before 8.3.298.3 (string order would not)', () => {
    expect(compareBuildNumbers(b('8.3.83.6'), b('8.3.298.3'))).toBe(-1);
  });
  it('reads AdminDisplayVersion', () => {
    expect(parseAdminDisplayVersion('Version 8.3 (Build 83.6)')).toEqual([8, 3, 83, 6]);
    expect(parseAdminDisplayVersion('0.1 (8.0.535.0)')).toBeNull();
  });
});

describe('build catalogue', () => {
  it('is verified against its recorded checksum', () => {
    const text = readFileSync(new URL('../../data/build-catalog.json', import.meta.url), 'utf8');
    expect(() => BuildCatalog.fromText(text.replace('8.3.517.0', '8.3.518.0'), catalog.sha256)).toThrow(/checksum/);
  });
  it.each([
    ['RTM', '8.0.813.0', 7],
    ['SP1', '8.1.436.0', 10],
    ['SP2', '8.2.305.3', 5],
    ['SP3', '8.3.517.0', 23],
  ] as const)('latest of %s is %s (RU%i), by build not by date', (sp, build, rollup) => {
    const latest = catalog.latestOf(sp);
    expect(latest.build.join('.')).toBe(build);
    expect(latest.rollup).toBe(rollup);
  });
  it('places re-released rollups and both RTM builds', () => {
    expect(catalog.place(b('8.3.279.6'))).toMatchObject({ kind: 'exact', level: { rollup: 8, revision: 'v3' } });
    expect(catalog.place(b('8.0.685.24'))).toMatchObject({ kind: 'exact', level: { servicePack: 'RTM', rollup: 0 } });
    expect(catalog.place(b('8.3.300.0'))).toMatchObject({ kind: 'between', below: { rollup: 10 } });
    expect(catalog.place(b('14.3.123.4'))).toEqual({ kind: 'unknown' });
  });
  it('finds rollups by KB', () => {
    expect(catalog.byKb('kb2788321')).toMatchObject({ servicePack: 'SP3', rollup: 10 });
  });
});

describe('resolving a level by name', () => {
  it.each([
    ['8.3.417.1', 'SP3', 17],
    ['08.03.0417.001', 'SP3', 17],
    ['SP3-RU10', 'SP3', 10],
    ['sp1ru10', 'SP1', 10],
    ['SP2', 'SP2', 0],
    ['KB2873746', 'SP3', 11],
  ] as const)('%s → %s RU%i', (text, sp, rollup) => {
    expect(catalog.resolve(text)).toMatchObject({ level: { servicePack: sp, rollup } });
  });
  it.each(['8.3.999.9', 'SP3-RU99', 'KB1234567', 'SP4', 'latest'])('%s is not a released level', (text) => {
    expect(catalog.resolve(text)).toHaveProperty('problem');
  });
});

describe('service pack order', () => {
  it.each([
    ['SP2', 'SP2', true],
    ['SP3', 'SP2', true],
    ['SP1', 'SP2', false],
    ['RTM', 'RTM', true],
    [null, 'RTM', false],
  ] as const)('%s is at least %s: %s', (servicePack, floor, expected) => {
    expect(servicePackAtLeast(servicePack, floor)).toBe(expected);
  });

  it.each([
    [['SP1', 'SP3', 'RTM'], 'SP3'],
    [['SP2', 'SP2'], 'SP2'],
    [[], undefined],
  ] as const)('the latest of %j is %s', (servicePacks, expected) => {
    expect(latestServicePack(servicePacks)).toBe(expected);
  });
});
