import { describe, expect, it } from 'vitest';
import { normalizeChromiumPdf } from './normalize-pdf.js';

/* The shapes Chromium 156 writes (see a `page.pdf({ tagged: true })` file); the real thing is checked in test/pdf. */
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (pdf: Uint8Array): string => Buffer.from(pdf).toString('latin1');

function chromiumLike(time: string, zone: string, ids: readonly number[]): string {
  const id = (n: number): string => `node${String(n).padStart(8, '0')}`;
  return [
    '%PDF-1.4',
    `1 0 obj\n<</Creator (Chromium)\n/Producer (Skia/PDF m156)\n/CreationDate (D:${time}${zone})\n/ModDate (D:${time}${zone})>>\nendobj`,
    ...ids.map((n, index) => `${index + 2} 0 obj\n<</S /TH\n/ID (${id(n)})>>\nendobj\n<</O /Table\n/Headers [(${id(n)})]>>`),
    `90 0 obj\n<</Limits [(${id(ids[0] ?? 0)}) (${id(ids[ids.length - 1] ?? 0)})]\n/Names [${ids.map((n, index) => `(${id(n)}) ${index + 2} 0 R`).join(' ')}]>>\nendobj`,
    'trailer\n<</Size 91>>\nstartxref\n123\n%%EOF\n',
  ].join('\n');
}

describe('normalizeChromiumPdf', () => {
  it('makes two prints of one document identical whatever the print time and DOM node counter', () => {
    const first = normalizeChromiumPdf(bytes(chromiumLike('20261125004254', "+00'00'", [17, 21, 24])), '2026-11-25');
    const second = normalizeChromiumPdf(bytes(chromiumLike('20261125093001', "+09'00'", [1288, 1292, 1295])), '2026-11-25');
    expect(text(second)).toBe(text(first));
    expect(text(first)).toContain("/CreationDate (D:20261125000000+00'00')");
    expect(text(first)).toContain("/ModDate (D:20261125000000+00'00')");
    expect(text(first)).toContain('/Names [(node00000001) 2 0 R (node00000002) 3 0 R (node00000003) 4 0 R]');
    expect(text(first)).toContain('/Limits [(node00000001) (node00000003)]');
    expect(text(first)).toContain('/Headers [(node00000002)]');
  });

  it.each([
    ['a UTC "Z" date', chromiumLike('20261125004254', 'Z', [5])],
    ['a date with an offset', chromiumLike('20261125004254', "-05'00'", [5])],
  ])('keeps every byte offset: %s', (_name, source) => {
    const input = bytes(source);
    const output = normalizeChromiumPdf(input, '2030-01-02');
    expect(output.length).toBe(input.length);
    expect(text(output)).toContain('(D:20300102000000');
  });

  it.each([
    ['no dates and no ids', '%PDF-1.4\n1 0 obj\n<</Title (x)>>\nendobj\n'],
    ['ids longer than Chromium writes', chromiumLike('20261125004254', "+00'00'", [5]).replace('(node00000005)', '(node123456789)')],
    ['a string that only looks like an id', '%PDF-1.4\n<</Title (node00000042)>>\n'],
  ])('leaves what it does not recognise alone: %s', (_name, source) => {
    const input = bytes(source.replace(/\/CreationDate \(D:\d+[^)]*\)\n\/ModDate \(D:\d+[^)]*\)/, ''));
    expect(text(normalizeChromiumPdf(input, '2026-11-25'))).toBe(text(input));
  });

  it('leaves dates alone when no generation date is given in the expected form', () => {
    const input = bytes(chromiumLike('20261125004254', "+00'00'", []));
    expect(text(normalizeChromiumPdf(input, 'today'))).toBe(text(input));
  });
});
