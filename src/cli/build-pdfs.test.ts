import { describe, expect, it } from 'vitest';
import type { Plan, ServerPlan } from '../plan/assemble-plan.js';
import { binderOrder, blockedWarnings, fontWarning } from './build-pdfs.js';

/** Just what binderOrder reads of a plan: server names, their waves, and each wave's order. */
function planOf(servers: readonly [string, number | null][], waves: readonly (readonly string[])[]): Plan {
  return {
    servers: servers.map(([name, wave]) => ({ facts: { name }, wave }) as unknown as ServerPlan),
    waves: waves.map((names, index) => ({ index: index + 1, reason: 'other-roles', servers: names, estimatedMinutes: 0 })),
    excluded: [],
    inputs: [],
    diagnostics: [],
  };
}

describe('binderOrder', () => {
  it('follows the waves, keeps the order the plan gives inside a wave, and ends with the servers needing no update', () => {
    const plan = planOf(
      [
        ['EXA', 2],
        ['EXB', 2],
        ['EXCAS01', 1],
        ['EXOK01', null],
        ['EXOK00', null],
      ],
      [['EXCAS01'], ['EXB', 'EXA']],
    );
    expect(binderOrder(plan).map((server) => server.facts.name)).toEqual(['EXCAS01', 'EXB', 'EXA', 'EXOK01', 'EXOK00']);
  });
});

describe('blockedWarnings', () => {
  const en = { lang: 'en' } as const;
  const pathOf = (outPath: string): string => outPath.replace('/tmp/staging/', '');

  it('names the document and every refused URL', () => {
    const [line, ...rest] = blockedWarnings(en, [{ outPath: '/tmp/staging/servers/EXCAS01.pdf', urls: ['http://203.0.113.9/x.png', 'file:///etc/passwd'] }], pathOf);
    expect(rest).toEqual([]);
    expect(line).toBe(
      'exrunbook: warning: servers/EXCAS01.pdf tried to load 2 outside resources; every one was refused, nothing left this machine: http://203.0.113.9/x.png, file:///etc/passwd',
    );
  });

  it('caps URLs per document and documents per run, shortens long URLs and strips terminal controls', () => {
    const urls = [`http://203.0.113.9/${'a'.repeat(300)}`, 'http://203.0.113.9/\u001b[2Jclear', ...Array.from({ length: 8 }, (_, i) => `http://203.0.113.9/${i}`)];
    const blocked = Array.from({ length: 12 }, (_, i) => ({ outPath: `/tmp/staging/servers/EX${i}.pdf`, urls }));
    const lines = blockedWarnings(en, blocked, pathOf);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toContain('tried to load 10 outside resources');
    expect(lines[0]).toContain('(+5)');
    expect(lines[0]).toContain(`${'a'.repeat(120 - 'http://203.0.113.9/'.length)}…`);
    expect(lines[0]).not.toContain('\u001b');
    expect(lines[0]).toContain('[2Jclear');
    expect(lines[10]).toBe('exrunbook: warning: 2 more documents tried to load outside resources (all refused).');
  });

  it('says nothing when nothing was refused', () => {
    expect(blockedWarnings(en, [], pathOf)).toEqual([]);
  });

  it('speaks Japanese with --lang ja', () => {
    const [line] = blockedWarnings({ lang: 'ja' }, [{ outPath: '/tmp/staging/index.pdf', urls: ['http://203.0.113.9/x'] }], pathOf);
    expect(line).toContain('index.pdf が外部リソース 1 件を読み込もうとしました');
  });
});

describe('fontWarning', () => {
  const japanese = [{ html: '<p>EXCAS01</p>' }, { html: '<p>中間更新プログラム</p>' }];
  const english = [{ html: '<p>EXCAS01 Update Rollup 23</p>' }];

  it.each([
    ['en', 'missing', japanese, /no Japanese font is installed.*apt-get install fonts-noto-cjk/],
    ['ja', 'missing', japanese, /日本語フォントがインストールされていない.*fonts-noto-cjk/],
    ['en', 'unknown', japanese, /could not check for a Japanese font.*fonts-noto-cjk/],
    ['en', 'found', japanese, null],
    ['en', 'missing', english, null],
  ] as const)('%s, Japanese font %s → %s', (lang, state, documents, expected) => {
    const warning = fontWarning({ lang }, { japanese: state, fingerprint: 'x' }, documents);
    if (expected === null) expect(warning).toBeNull();
    else expect(warning).toMatch(expected);
  });
});
