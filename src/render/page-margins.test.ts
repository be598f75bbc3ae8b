import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cssString, pageMarginCss } from './page-margins.js';
import { pdfOptionsFor, supportsMarginBoxes } from './pdf/print-pdfs.js';

/**
 * What a CSS string literal made by cssString means (CSS Syntax §4.3.7): up to six hex digits, and
 * one white space character after them belongs to the escape.
 */
function unescapeCss(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal.slice(1, -1).replace(/\\([0-9a-fA-F]{1,6})[ \t\n]?/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

describe('cssString', () => {
  it.each([
    ['EXCAS01', '"EXCAS01"'],
    ['CHG-0042/01', '"CHG-0042/01"'],
    ['a"b c', '"a\\000022b\\000020c"'],
    ['" x', '"\\000022\\000020x"'],
    ['a"b', '"a\\000022b"'],
    ['</style>', '"\\00003c/style\\00003e"'],
    ['back\\slash', '"back\\00005cslash"'],
    ['line\nbreak', '"line\\00000abreak"'],
    ['東京', '"\\006771\\004eac"'],
    ['😀', '"\\01f600"'],
  ])('%j → %s', (text, literal) => {
    expect(cssString(text)).toBe(literal);
  });

  it('means exactly its text, and leaves nothing that can end the string, the rule or a <style> element', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const literal = cssString(text);
        expect(unescapeCss(literal)).toBe(text);
        expect(literal.slice(1, -1)).toMatch(/^[A-Za-z0-9.\-_:/\\]*$/);
      }),
    );
  });
});

describe('pageMarginCss', () => {
  const text = { headerLeft: 'EXCAS01', headerRight: 'CHG-0042', footerLeft: '2026-11-25' };
  it.each([
    ['en', '@bottom-right { content: "Page\\000020" counter(page) "\\000020of\\000020" counter(pages); }'],
    ['ja', '@bottom-right { content: counter(page) "\\000020/\\000020" counter(pages) "\\000020\\0030da\\0030fc\\0030b8"; }'],
  ] as const)('numbers pages in %s, the server left and the ticket right at the top, the date bottom left', (lang, pageOf) => {
    const css = pageMarginCss({ ...text, lang });
    expect(css).toContain('@top-left { content: "EXCAS01"; }');
    expect(css).toContain('@top-right { content: "CHG-0042"; }');
    expect(css).toContain('@bottom-left { content: "2026-11-25"; }');
    expect(css).toContain(pageOf);
  });
});

describe('header and footer: margin boxes or templates', () => {
  it.each([
    ['HeadlessChrome/156.0.8078.79', true],
    ['Chrome/131.0.6778.85', true],
    ['HeadlessChrome/130.0.6723.58', false],
    ['Mozilla/5.0 … Edg/109.0.1518.78', false],
    ['unknown', false],
  ])('%s → margin boxes %s', (version, expected) => {
    expect(supportsMarginBoxes(version)).toBe(expected);
  });

  const job = { html: '', outPath: 'x.pdf', headerLeft: 'EXCAS01', headerRight: 'CHG', footerLeft: '2026-11-25', lang: 'en' as const };
  it('draws the templates only where the document cannot draw its own margins', () => {
    expect(pdfOptionsFor({ ...job, marginBoxes: true })).toMatchObject({ displayHeaderFooter: false });
    expect(pdfOptionsFor({ ...job, marginBoxes: true })).not.toHaveProperty('headerTemplate');
    expect(pdfOptionsFor({ ...job, marginBoxes: false })).toMatchObject({ displayHeaderFooter: true, headerTemplate: expect.stringContaining('EXCAS01') as unknown });
    expect(pdfOptionsFor(job)).toMatchObject({ displayHeaderFooter: true });
    expect(pdfOptionsFor({ ...job, headerFooter: false })).toMatchObject({ displayHeaderFooter: false });
  });
});
