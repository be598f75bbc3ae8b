import { describe, expect, it } from 'vitest';
import { containsJapanese, probeFonts, type RunFcList } from './font-probe.js';

const NOTO = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc|Noto Sans CJK JP|Regular\n';
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf|DejaVu Sans|Book\n';

/** A scripted fc-list: the font list for `--format`, the Japanese families for `:lang=ja`. */
function fcList(all: string | null, japanese: string | null): RunFcList & { calls: string[][] } {
  const calls: string[][] = [];
  const run = (args: readonly string[]): string | null => {
    calls.push([...args]);
    return args[0] === ':lang=ja' ? japanese : all;
  };
  return Object.assign(run, { calls });
}

describe('probeFonts', () => {
  it.each([
    ['a Japanese font installed', fcList(DEJAVU + NOTO, 'Noto Sans CJK JP\n'), 'found'],
    ['only Latin fonts', fcList(DEJAVU, ''), 'missing'],
    ['no fc-list', fcList(null, null), 'unknown'],
    ['fc-list failing on the :lang query', fcList(DEJAVU, null), 'unknown'],
  ] as const)('on Linux with %s: %s', (_name, run, japanese) => {
    expect(probeFonts('linux', run).japanese).toBe(japanese);
    expect(run.calls.length).toBeGreaterThan(0);
  });

  it.each(['win32', 'darwin'] as const)('assumes the system Japanese fonts on %s without running fc-list', (platform) => {
    const run = fcList(null, null);
    expect(probeFonts(platform, run)).toEqual({ japanese: 'found', fingerprint: platform });
    expect(run.calls).toEqual([]);
  });

  it('fingerprints the installed fonts: the same set in any order gives the same print, a new font another', () => {
    const before = probeFonts('linux', fcList(DEJAVU, '')).fingerprint;
    const reordered = probeFonts('linux', fcList(`${NOTO}${DEJAVU}`, 'x')).fingerprint;
    const after = probeFonts('linux', fcList(`${DEJAVU}${NOTO}`, 'x')).fingerprint;
    expect(after).toBe(reordered);
    expect(after).not.toBe(before);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('containsJapanese', () => {
  it.each([
    ['手順書', true],
    ['ロールアップ', true],
    ['ｶﾀｶﾅ', true],
    ['Update Rollup 23 for Exchange Server 2007 SP3 – “quoted” é', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(containsJapanese(text)).toBe(expected);
  });
});
