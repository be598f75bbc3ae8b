import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, footerTemplate, headerTemplate } from './header-footer.js';

const job = { headerLeft: 'EXCAS01', headerRight: 'CHG-0042', footerLeft: '2026-11-25', lang: 'en' as const };

describe('header and footer templates', () => {
  it('put the server name left and the ticket right in the header', () => {
    const html = headerTemplate(job);
    expect(html.indexOf('EXCAS01')).toBeLessThan(html.indexOf('CHG-0042'));
    expect(html).not.toContain('pageNumber');
  });

  it.each([
    ['en', 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>'],
    ['ja', '<span class="pageNumber"></span> / <span class="totalPages"></span> ページ'],
  ] as const)('number pages in the footer in %s', (lang, pageOf) => {
    const html = footerTemplate({ ...job, lang });
    expect(html).toContain(pageOf);
    expect(html).toContain('2026-11-25');
    expect(html).toContain(`lang="${lang}"`);
  });

  it('set an explicit pt size and a Latin font before the CJK one', () => {
    const html = headerTemplate(job);
    expect(html).toMatch(/font-size: \d+pt/);
    expect(html).toContain('font-family: "DejaVu Sans", "Noto Sans CJK JP", "Meiryo", "Yu Gothic", sans-serif');
  });

  it('escape inventory strings', () => {
    const html = headerTemplate({ ...job, headerLeft: '<b>EX&01</b>', headerRight: '"><img src=x onerror=1>' });
    expect(html).toContain('&#60;b&#62;EX&#38;01&#60;/b&#62;');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<img');
  });
});

describe('escapeHtml', () => {
  it('leaves no markup-significant character in any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']|&(?!#\d+;)/);
      }),
    );
  });
});
