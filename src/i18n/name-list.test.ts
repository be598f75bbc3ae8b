import { describe, expect, it } from 'vitest';
import { formatData, formatMessage } from './format-message.js';
import { formatNameList, NAME_LIST_SHOWN, NAME_LIST_WHOLE, nameList } from './name-list.js';

const names = (count: number): string[] => Array.from({ length: count }, (_, i) => `EX${String(i + 1).padStart(4, '0')}`);

describe('formatNameList', () => {
  it.each([
    { count: 0, en: '', ja: '' },
    { count: 1, en: 'EX0001', ja: 'EX0001' },
    { count: NAME_LIST_WHOLE, en: names(NAME_LIST_WHOLE).join(', '), ja: names(NAME_LIST_WHOLE).join(', ') },
    {
      count: NAME_LIST_WHOLE + 1,
      en: `${names(NAME_LIST_SHOWN).join(', ')} and 3 more; the fleet plan lists all 13`,
      ja: `${names(NAME_LIST_SHOWN).join(', ')} ほか 3 台、全 13 台はサーバー群の計画に記載`,
    },
    {
      count: 5000,
      en: `${names(NAME_LIST_SHOWN).join(', ')} and 4990 more; the fleet plan lists all 5000`,
      ja: `${names(NAME_LIST_SHOWN).join(', ')} ほか 4990 台、全 5000 台はサーバー群の計画に記載`,
    },
  ])('$count names', ({ count, en, ja }) => {
    expect(formatNameList(nameList(names(count)), 'en')).toBe(en);
    expect(formatNameList(nameList(names(count)), 'ja')).toBe(ja);
  });

  it('keeps the order it is given (the rule decides it)', () => {
    expect(formatNameList(nameList(['B', 'A']), 'en')).toBe('B, A');
  });
});

describe('name lists in messages and step data', () => {
  it('formats a list in the language of the message; strings and numbers print as themselves', () => {
    const data = { server: 'EXMBX01', count: 3, servers: nameList(names(20)) };
    expect(formatMessage('{server} after {servers} ({count})', data, 'en')).toBe(`EXMBX01 after ${names(10).join(', ')} and 10 more; the fleet plan lists all 20 (3)`);
    expect(formatData(data, 'ja')).toEqual({ server: 'EXMBX01', count: '3', servers: `${names(10).join(', ')} ほか 10 台、全 20 台はサーバー群の計画に記載` });
  });
});
