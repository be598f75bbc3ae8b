import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExrunbookError } from '../errors.js';
import { parseConfig, readConfig } from './read-config.js';

const BASE = '/analyst/change-42';

function failure(text: string): { line: number | undefined; message: string; hint: string } {
  try {
    parseConfig(text, 'change.yaml', BASE);
  } catch (error) {
    if (!(error instanceof ExrunbookError)) throw error;
    expect(error.code).toBe('config-invalid');
    expect(error.errorClass).toBe('input');
    expect(error.location.file).toBe('change.yaml');
    return { line: error.location.line, message: error.message, hint: error.hint ?? '' };
  }
  throw new Error('expected the config to be refused');
}

describe('parseConfig', () => {
  it('reads run options and per-host overrides with their lines', () => {
    const config = parseConfig(
      [
        '# change 42',
        'ticket: CHG-42',
        'window: 2026-12-05 22:00–02:00 JST',
        'target: SP3-RU10',
        'iuCatalog: ../iu.csv',
        'servers:',
        '  EXCAS01:',
        '    internetAccess: false',
        '  exhub01.contoso.local:',
        '    window: "22:00"',
        '    target: 8.3.417.1',
        '',
      ].join('\n'),
      'change.yaml',
      BASE,
    );
    expect(config).toEqual({
      file: 'change.yaml',
      ticket: { value: 'CHG-42', line: 2 },
      window: { value: '2026-12-05 22:00–02:00 JST', line: 3 },
      target: { value: 'SP3-RU10', line: 4 },
      iuCatalog: { value: '/analyst/iu.csv', line: 5 },
      hosts: [
        { name: 'EXCAS01', line: 7, internetAccess: { value: false, line: 8 } },
        { name: 'exhub01.contoso.local', line: 9, window: { value: '22:00', line: 10 }, target: { value: '8.3.417.1', line: 11 } },
      ],
    });
  });

  it('hears lang: before anything else is checked, so the file\'s own errors can be in that language', () => {
    const heard: string[] = [];
    expect(() => parseConfig('tickt: CHG-1\nlang: ja\n', 'change.yaml', BASE, (lang) => heard.push(lang))).toThrow(ExrunbookError);
    expect(heard).toEqual(['ja']);
    expect(parseConfig('lang: en\n', 'change.yaml', BASE).lang).toEqual({ value: 'en', line: 1 });
    expect(failure('ticket: X\nlang: fr\n')).toMatchObject({ line: 2, message: expect.stringContaining('lang fr is not a language') as unknown });
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing decided yet\n'],
  ])('%s is a config without settings', (_name, text) => {
    expect(parseConfig(text, 'change.yaml', BASE)).toEqual({ file: 'change.yaml', hosts: [] });
  });

  it('a numeric ticket is kept as text', () => {
    expect(parseConfig('ticket: 20261205\n', 'change.yaml', BASE).ticket).toEqual({ value: '20261205', line: 1 });
  });

  it.each([
    { name: 'misspelt top-level key', text: 'ticket: 1\ntickt: 2\n', line: 2, message: '"tickt" is not a setting of the top level', hint: 'ticket, window' },
    { name: 'key in the wrong case', text: 'Ticket: 1\n', line: 1, message: '"Ticket"', hint: 'Did you mean ticket?' },
    { name: 'misspelt host key', text: 'servers:\n  EX1:\n    internetAcess: true\n', line: 3, message: 'not a setting of server EX1', hint: 'internetAccess' },
    { name: 'yes/no instead of true/false', text: 'servers:\n  EX1:\n    internetAccess: no\n', line: 3, message: 'must be true or false', hint: 'internetAccess: false' },
    { name: 'quoted boolean', text: 'servers:\n  EX1:\n    internetAccess: "false"\n', line: 3, message: 'must be true or false', hint: '' },
    { name: 'the same host twice, in another case', text: 'servers:\n  EX1:\n    window: a\n  ex1:\n    window: b\n', line: 4, message: 'listed twice (also on line 2)', hint: 'Merge' },
    { name: 'duplicate key', text: 'ticket: 1\nticket: 2\n', line: 2, message: 'not valid YAML', hint: 'key: value' },
    { name: 'broken YAML', text: 'ticket: [1\nwindow: x\n', line: 2, message: 'not valid YAML', hint: '' },
    { name: 'a list at the top', text: '- ticket: 1\n', line: 1, message: 'top level', hint: 'Example' },
    { name: 'servers as a list', text: 'servers:\n  - EX1\n', line: 1, message: 'servers must hold', hint: 'Example' },
    { name: 'a host without overrides', text: 'servers:\n  EX1:\n', line: 2, message: 'EX1 must hold', hint: '' },
    { name: 'an empty window', text: 'window: ""\n', line: 1, message: 'window must be a single non-empty value', hint: 'quote it' },
    { name: 'a nested value where text is expected', text: 'ticket:\n  id: 1\n', line: 1, message: 'ticket must be a single', hint: '' },
    { name: 'a host name with a path separator', text: 'servers:\n  ../EX1:\n    window: a\n', line: 2, message: 'is not a server name', hint: 'NetBIOS' },
    { name: 'a host name with markup', text: 'servers:\n  "<b>EX1</b>":\n    window: a\n', line: 2, message: 'is not a server name', hint: '' },
  ])('refuses $name, naming the line and the fix', ({ text, line, message, hint }) => {
    const refused = failure(text);
    expect(refused.line).toBe(line);
    expect(refused.message).toContain(message);
    expect(refused.hint).toContain(hint);
  });

  it('reads a UTF-16 file with a BOM (Notepad\'s "Unicode"), resolving iuCatalog beside it, and names the path as typed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exrunbook-config-'));
    const path = join(dir, 'change.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ticket: 変更-42\r\niuCatalog: iu.csv\r\n', 'utf16le')]));
    expect(readConfig(path, 'change.yaml')).toEqual({ file: 'change.yaml', ticket: { value: '変更-42', line: 1 }, iuCatalog: { value: join(dir, 'iu.csv'), line: 2 }, hosts: [] });
  });

  it('a missing file is an input error naming the path as typed', () => {
    let caught: unknown;
    try {
      readConfig('/no/such/change.yaml', 'change.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExrunbookError);
    expect(caught).toMatchObject({ code: 'config-unreadable', errorClass: 'input', message: 'The config file "change.yaml" cannot be read: there is no such file.' });
  });
});

describe('parseConfig: maintenance windows', () => {
  it('reads windows with their offsets kept, named waves and operators', () => {
    const config = parseConfig(
      ['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', '  - start: "2026-12-12 22:00Z"', '    end: 2026-12-13T04:00Z', '    waves: [2, 3]', 'operators: 2', ''].join('\n'),
      'change.yaml',
      BASE,
    );
    expect(config.operators).toEqual({ value: 2, line: 7 });
    expect(config.windows?.map((w) => [w.index, w.line, w.start.text, w.end.text, w.waves ?? null, w.end.epochMinutes - w.start.epochMinutes])).toEqual([
      [1, 2, '2026-12-05T22:00+09:00', '2026-12-06T02:00+09:00', null, 240],
      [2, 4, '2026-12-12T22:00+00:00', '2026-12-13T04:00+00:00', [2, 3], 360],
    ]);
  });

  it.each([
    ['a time without its offset', ['windows:', '  - start: 2026-12-05T22:00', '    end: 2026-12-06T02:00+09:00'], 2, /start of window 1 \("2026-12-05T22:00"\) is not a date and time with its UTC offset/],
    ['an impossible date', ['windows:', '  - start: 2026-02-30T22:00+09:00', '    end: 2026-03-01T02:00+09:00'], 2, /not a date and time/],
    ['an end before the start', ['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-05T02:00+09:00'], 2, /window 1 ends .* before it starts/],
    ['a window without end', ['windows:', '  - start: 2026-12-05T22:00+09:00'], 2, /window 1 needs both start and end/],
    ['overlapping windows', ['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', '  - start: 2026-12-06T01:00+09:00', '    end: 2026-12-06T03:00+09:00'], 4, /window 2 starts .* before window 1 ends/],
    ['a wave in two windows', ['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', '    waves: [1]', '  - start: 2026-12-12T22:00+09:00', '    end: 2026-12-13T02:00+09:00', '    waves: [1]'], 5, /wave 1 is named by windows 1 and 2/],
    ['waves that are not numbers', ['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', '    waves: first'], 4, /waves of window 1 must be a list of wave numbers/],
    ['windows that are not a list', ['windows: tonight'], 1, /windows must be a list/],
    ['a misspelt window key', ['windows:', '  - begin: 2026-12-05T22:00+09:00'], 2, /"begin" is not a setting of window 1/],
    ['zero operators', ['operators: 0'], 1, /operators must be a whole number of 1 or more/],
  ])('refuses %s, naming the line', (_name, lines, line, message) => {
    const error = failure([...lines, ''].join('\n'));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });
});
