import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExrunbookError } from '../errors.js';
import { decodeText } from './decode-text.js';

const bytes = (...parts: (number[] | Uint8Array)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string): Uint8Array => {
  const le = utf16le(s);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
};
const BOM8 = [0xef, 0xbb, 0xbf];
const BOM16LE = [0xff, 0xfe];
const BOM16BE = [0xfe, 0xff];
/** `東京サーバー` in cp932 (Shift_JIS as Windows writes it with -Encoding Default on ja-JP). */
const CP932_TOKYO_SERVER = [0x93, 0x8c, 0x8b, 0x9e, 0x83, 0x54, 0x81, 0x5b, 0x83, 0x6f, 0x81, 0x5b];

const sample = 'Name : EXCAS01\r\nSite : 東京\r\n';

describe('decodeText', () => {
  const okCases: { name: string; input: Uint8Array; text: string; encoding: string; codes: string[] }[] = [
    { name: 'UTF-16LE with BOM (Out-File, >, Export-Clixml)', input: bytes(BOM16LE, utf16le(sample)), text: sample, encoding: 'utf-16le', codes: [] },
    { name: 'UTF-16BE with BOM (-Encoding BigEndianUnicode)', input: bytes(BOM16BE, utf16be(sample)), text: sample, encoding: 'utf-16be', codes: [] },
    { name: 'UTF-8 with BOM (-Encoding UTF8)', input: bytes(BOM8, utf8(sample)), text: sample, encoding: 'utf-8-bom', codes: [] },
    { name: 'UTF-8 without BOM', input: utf8(sample), text: sample, encoding: 'utf-8', codes: [] },
    {
      name: 'cp932 (-Encoding Default on Japanese Windows)',
      input: bytes(utf8('Site : '), CP932_TOKYO_SERVER),
      text: 'Site : 東京サーバー',
      encoding: 'shift_jis',
      codes: ['decoded-as-cp932'],
    },
    { name: 'UTF-16LE without BOM', input: utf16le('Name : EXCAS01\r\n'), text: 'Name : EXCAS01\r\n', encoding: 'utf-16le', codes: ['utf16-without-bom'] },
    { name: 'UTF-16BE without BOM', input: utf16be('Name : EXCAS01\r\n'), text: 'Name : EXCAS01\r\n', encoding: 'utf-16be', codes: ['utf16-without-bom'] },
    { name: 'short genuine UTF-16LE without any ASCII', input: bytes(BOM16LE, utf16le('東京')), text: '東京', encoding: 'utf-16le', codes: [] },
    { name: 'empty file', input: bytes(), text: '', encoding: 'utf-8', codes: [] },
    { name: 'BOM only', input: bytes(BOM16LE), text: '', encoding: 'utf-16le', codes: [] },
    { name: 'a single ? in a URL is not data loss', input: utf8('MoreInfoURL : http://support.microsoft.com/?kbid=2788321\r\n'), text: 'MoreInfoURL : http://support.microsoft.com/?kbid=2788321\r\n', encoding: 'utf-8', codes: [] },
    { name: '?? next to real Japanese is not data loss', input: utf8('Note : 東京??\r\n'), text: 'Note : 東京??\r\n', encoding: 'utf-8', codes: [] },
    { name: '?? in UTF-16 is not data loss', input: bytes(BOM16LE, utf16le('Note : what??\r\n')), text: 'Note : what??\r\n', encoding: 'utf-16le', codes: [] },
  ];
  it.each(okCases)('decodes $name', ({ input, text, encoding, codes }) => {
    const result = decodeText(input, 'inv/x.txt');
    expect(result).toMatchObject({ ok: true, text, encoding });
    expect(result.ok ? result.diagnostics.map((d) => d.code) : null).toEqual(codes);
  });

  it('warns when Export-Csv\'s ASCII default turned Japanese into question marks, naming the first line', () => {
    const csv = [
      '#TYPE System.Management.Automation.PSCustomObject',
      '"DisplayName","Installed"',
      '"Exchange Server 2007 Service Pack 3 ? ?????? 10 (KB2788321)","20130211"',
      '"Update Rollup 9 for Exchange Server 2007 Service Pack 3 (KB2756485)","20121112"',
      '"Exchange Server 2007 Service Pack 3 ?????? (KB2556352)","20120507"',
    ].join('\r\n');
    const result = decodeText(utf8(csv), 'inv/EXCAS01/patches.csv');
    expect(result).toEqual({
      ok: true,
      text: csv,
      encoding: 'utf-8',
      diagnostics: [
        {
          severity: 'warning',
          code: 'ascii-question-marks',
          file: 'inv/EXCAS01/patches.csv',
          line: 3,
          data: { sample: '"Exchange Server 2007 Service Pack 3 ? ?????? 10 (KB2788321)","20130211"', lines: 2 },
        },
      ],
    });
  });

  it('shortens a long sample line in the question-mark warning', () => {
    const result = decodeText(utf8(`Site : ??${'x'.repeat(200)}`), 'x.txt');
    expect(result.ok && result.diagnostics[0]?.data['sample']).toHaveLength(80);
  });

  const errorCases: { name: string; input: Uint8Array; code: string; data: Record<string, string>; line?: number }[] = [
    { name: 'FF FE BOM over ASCII of odd length', input: bytes(BOM16LE, utf8('Name : EXCAS01\r\n1')), code: 'bom-mismatch', data: { bom: 'utf-16le', reason: 'odd-length' } },
    { name: 'FF FE BOM over ASCII', input: bytes(BOM16LE, utf8('Name : EXCAS01\r\n')), code: 'bom-mismatch', data: { bom: 'utf-16le', reason: 'no-nul-high-bytes' } },
    { name: 'FF FE BOM over UTF-8 Japanese', input: bytes(BOM16LE, utf8('Site  : 東京本社\r\n')), code: 'bom-mismatch', data: { bom: 'utf-16le', reason: 'no-nul-high-bytes' } },
    { name: 'FE FF BOM over ASCII', input: bytes(BOM16BE, utf8('Name : EXCAS01\r\n')), code: 'bom-mismatch', data: { bom: 'utf-16be', reason: 'no-nul-high-bytes' } },
    { name: 'UTF-8 BOM over UTF-16LE', input: bytes(BOM8, utf16le('Name : EXCAS01\r\n')), code: 'bom-mismatch', data: { bom: 'utf-8-bom', reason: 'utf-16-body' } },
    { name: 'UTF-32LE BOM', input: bytes([0xff, 0xfe, 0, 0], [0x41, 0, 0, 0]), code: 'unsupported-encoding', data: { encoding: 'utf-32le' } },
    { name: 'UTF-32BE BOM', input: bytes([0, 0, 0xfe, 0xff], [0, 0, 0, 0x41]), code: 'unsupported-encoding', data: { encoding: 'utf-32be' } },
    { name: 'unpaired surrogate in UTF-16LE', input: bytes(BOM16LE, [0x00, 0xd8, 0x41, 0x00]), code: 'undecodable', data: { encoding: 'utf-16le' }, line: 1 },
    { name: 'neither UTF-8 nor cp932', input: bytes(utf8('Name : '), [0x81, 0x20]), code: 'undecodable', data: { encoding: 'UTF-8 / Shift_JIS (cp932)' }, line: 1 },
    { name: 'neither UTF-8 nor cp932, on line 3', input: bytes(utf8('A,B\r\n1,2\r\n3,'), [0xfd], utf8('\r\n')), code: 'undecodable', data: { encoding: 'UTF-8 / Shift_JIS (cp932)' }, line: 3 },
    { name: 'NUL bytes in a text file (interrupted copy)', input: bytes(utf8('"Name","Fqdn"\r\n"EX01","ex01"\r\n'), [0, 0, 0, 0, 0, 0, 0, 0]), code: 'nul-bytes', data: {}, line: 3 },
  ];
  it.each(errorCases)('rejects $name', ({ input, code, data, line }) => {
    expect(decodeText(input, 'inv/x.txt')).toEqual({ ok: false, diagnostic: { severity: 'error', code, file: 'inv/x.txt', ...(line === undefined ? {} : { line }), data } });
  });

  const binaryCases: { name: string; input: Uint8Array; format: string }[] = [
    { name: 'a ZIP of the collection', input: bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), format: 'ZIP archive' },
    { name: 'a screenshot', input: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), format: 'PNG image' },
    { name: 'a program', input: bytes(utf8('MZ'), [0x90, 0, 3, 0, 0, 0, 4, 0]), format: 'Windows program (MZ)' },
    { name: 'an old Excel workbook', input: bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), format: 'Office document (OLE)' },
  ];
  it.each(binaryCases)('ignores $name with a warning naming its format', ({ input, format }) => {
    expect(decodeText(input, 'inv/x')).toEqual({ ok: false, diagnostic: { severity: 'warning', code: 'binary-file', file: 'inv/x', data: { format } } });
  });

  it('does not take a CSV whose header starts with MZ for a program', () => {
    expect(decodeText(utf8('MZName,Value\r\n1,2\r\n'), 'x.csv')).toMatchObject({ ok: true, encoding: 'utf-8' });
  });

  it('reads UTF-16LE without a BOM even when much of it is Japanese', () => {
    const text = 'DisplayName : Exchange Server 2007 Service Pack 3 (KB2788321) 用の更新プログラムのロールアップ 10\r\nInstalled   : 20130305\r\n';
    expect(decodeText(utf16le(text), 'x.txt')).toEqual({ ok: true, text, encoding: 'utf-16le', diagnostics: [{ severity: 'info', code: 'utf16-without-bom', file: 'x.txt', data: { encoding: 'UTF-16LE' } }] });
  });

  it('reads UTF-16BE without a BOM (Java, iconv) and names it, even with Japanese', () => {
    const text = 'DisplayName : Exchange Server 2007 Service Pack 3 (KB2788321) 用の更新プログラムのロールアップ 10\r\nInstalled   : 20130305\r\n';
    expect(decodeText(utf16be(text), 'x.txt')).toEqual({ ok: true, text, encoding: 'utf-16be', diagnostics: [{ severity: 'info', code: 'utf16-without-bom', file: 'x.txt', data: { encoding: 'UTF-16BE' } }] });
  });

  it('drops the BOM of a second file joined on (copy /b a+b), saying where', () => {
    expect(decodeText(utf8('\uFEFFName\r\nA\r\n\uFEFFName\r\nB\r\n'), 'x.csv')).toEqual({ ok: true, text: 'Name\r\nA\r\nName\r\nB\r\n', encoding: 'utf-8-bom', diagnostics: [{ severity: 'info', code: 'bom-inside', file: 'x.csv', line: 3, data: {} }] });
  });

  it('a UTF-8 file with a few NUL bytes is still damaged, not UTF-16', () => {
    expect(decodeText(utf8('Name,Value\r\nA,1\r\nB\u0000,2\r\n'), 'x.csv')).toEqual({ ok: false, diagnostic: { severity: 'error', code: 'nul-bytes', file: 'x.csv', line: 3, data: {} } });
  });
});

describe('decodeText properties', () => {
  const assertWellFormed = (input: Uint8Array): void => {
    try {
      const result = decodeText(input, 'x');
      if (result.ok) {
        expect(result.text).not.toContain('\u0000');
        for (const d of result.diagnostics) expect(d.severity).not.toBe('error');
      } else {
        expect(result.diagnostic.severity).toBe(result.diagnostic.code === 'binary-file' ? 'warning' : 'error');
      }
    } catch (error) {
      expect(error).toBeInstanceOf(ExrunbookError);
    }
  };

  it('never throws on arbitrary bytes (or only ExrunbookError)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), assertWellFormed), { numRuns: 300 });
  });

  it('never throws on arbitrary bytes behind any BOM', () => {
    const bom = fc.constantFrom(BOM8, BOM16LE, BOM16BE, [0xff, 0xfe, 0, 0]);
    fc.assert(
      fc.property(bom, fc.uint8Array({ maxLength: 300 }), (b, body) => {
        assertWellFormed(bytes(b, body));
      }),
      { numRuns: 300 },
    );
  });

  // Inventory text always has line breaks, which is what tells genuine UTF-16 from a lying BOM.
  const inventoryText = fc
    .array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 6 })
    .map((lines) => `${lines.join('\r\n')}\r\n`)
    .filter((s) => !s.includes('\u0000') && !s.startsWith('\uFEFF'));

  it('round-trips text written with each BOM', () => {
    fc.assert(
      fc.property(inventoryText, fc.constantFrom('utf-16le', 'utf-16be', 'utf-8-bom'), (text, encoding) => {
        const input =
          encoding === 'utf-16le' ? bytes(BOM16LE, utf16le(text)) : encoding === 'utf-16be' ? bytes(BOM16BE, utf16be(text)) : bytes(BOM8, utf8(text));
        expect(decodeText(input, 'x')).toEqual({ ok: true, text, encoding, diagnostics: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips UTF-8 without BOM, warning about ?? only in pure ASCII', () => {
    fc.assert(
      fc.property(inventoryText, (text) => {
        const result = decodeText(utf8(text), 'x');
        expect(result).toMatchObject({ ok: true, text, encoding: 'utf-8' });
        const warned = result.ok && result.diagnostics.some((d) => d.code === 'ascii-question-marks');
        // eslint-disable-next-line no-control-regex
        expect(warned).toBe(/^[\x00-\x7f]*$/.test(text) && text.includes('??'));
      }),
      { numRuns: 300 },
    );
  });
});
