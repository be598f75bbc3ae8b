import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { assembleBinder, loadBinderSections, placeSections, type BinderSection } from './assemble-binder.js';

/*
 * Binding, against small PDFs made here. test/pdf/binder.test.ts binds real Chromium output and
 * checks it with poppler.
 */

/** A PDF whose pages each say `label p<n>`; with `headings`, an outline like Chromium's (one h1, h2s below). */
async function pdfOf(label: string, pages: number, headings: readonly (readonly [string, number])[] = []): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < pages; index++) document.addPage([595, 842]).drawText(`${label} p${index + 1}`, { x: 50, y: 780, font, size: 12 });
  if (headings.length > 0) {
    const { context } = document;
    const root = context.nextRef();
    const h1 = context.nextRef();
    const refs = headings.map(() => context.nextRef());
    const dest = (page: number): PDFArray => context.obj([document.getPage(page).ref, PDFName.of('XYZ'), 50, 700, 0]);
    headings.forEach(([title, page], index) => {
      const item = context.obj({ Title: PDFString.of(title), Parent: h1, Dest: dest(page) });
      const next = refs[index + 1];
      if (next) item.set(PDFName.of('Next'), next);
      context.assign(refs[index] ?? h1, item);
    });
    context.assign(h1, context.obj({ Title: PDFHexString.fromText(`${label} title`), Parent: root, Dest: dest(0), First: refs[0] ?? h1, Last: refs[refs.length - 1] ?? h1, Count: headings.length }));
    context.assign(root, context.obj({ Type: 'Outlines', First: h1, Last: h1, Count: 1 + headings.length }));
    document.catalog.set(PDFName.of('Outlines'), root);
  }
  return document.save();
}

interface Bookmark {
  title: string;
  page: number;
  count: number | undefined;
  children: Bookmark[];
}

/** The binder's outline as titles, 0-based page indexes and /Count values. */
function bookmarksOf(document: PDFDocument): Bookmark[] {
  const pages = document.getPages().map((page) => page.ref.toString());
  const read = (item: PDFDict | undefined): Bookmark[] => {
    const out: Bookmark[] = [];
    for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const target = node.lookup(PDFName.of('Dest'), PDFArray).get(0);
      out.push({
        title: node.lookup(PDFName.of('Title'), PDFHexString).decodeText(),
        page: target instanceof PDFRef ? pages.indexOf(target.toString()) : -1,
        count: node.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber(),
        children: read(node.lookupMaybe(PDFName.of('First'), PDFDict)),
      });
    }
    return out;
  };
  return read(document.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookupMaybe(PDFName.of('First'), PDFDict));
}

const METADATA = { title: 'Runbook binder', lang: 'en', date: '2026-11-25', creator: 'exrunbook 0.1.0', producer: 'pdf-lib; test' };

async function bind(coverPages: number): Promise<Uint8Array> {
  const sections: BinderSection[] = [
    { pdf: await pdfOf('fleet', 3, [['Waves', 0], ['Servers', 2]]), file: 'index.pdf', title: 'Fleet plan' },
    { pdf: await pdfOf('EXCAS01', 2, [['Findings', 0], ['Rollback', 1]]), file: 'servers/EXCAS01.pdf', title: 'EXCAS01', group: 'Wave 1' },
    { pdf: await pdfOf('EXHUB01', 1), file: 'servers/EXHUB01.pdf', title: 'EXHUB01', group: 'Wave 2' },
    { pdf: await pdfOf('EXMBX01', 5), file: 'servers/EXMBX01.pdf', title: 'EXMBX01', group: 'Wave 2' },
  ];
  const cover = await pdfOf('cover', coverPages + 1);
  const bound = await assembleBinder(cover, 'Cover and contents', await loadBinderSections(sections), METADATA);
  return bound.bytes;
}

describe('placeSections', () => {
  it.each([
    [[3, 2, 1, 5], [1, 5, 7, 9]],
    [[4, 4], [1, 5]],
    [[1], [1]],
    [[], []],
  ])('pads every section to an even length, so %j start on %j', (pages, starts) => {
    const placements = placeSections(pages);
    expect(placements.map((p) => p.start)).toEqual(starts);
    expect(placements.map((p) => p.pages)).toEqual(pages);
    for (const { start } of placements) expect(start % 2).toBe(1);
  });
});

describe('assembleBinder', () => {
  it('binds cover, blank backs and sections so that every section starts on a right-hand page', async () => {
    const binder = await PDFDocument.load(await bind(1));
    // cover 1 + back, fleet 3 + back, EXCAS01 2, EXHUB01 1 + back, EXMBX01 5 + back
    expect(binder.getPageCount()).toBe(2 + 4 + 2 + 2 + 6);
    const outline = bookmarksOf(binder);
    expect(outline.map((b) => [b.title, b.page])).toEqual([
      ['Cover and contents', 0],
      ['Fleet plan', 2],
      ['Wave 1', 6],
      ['Wave 2', 8],
    ]);
    for (const { page } of outline) expect(page % 2).toBe(0);
  });

  it('nests servers under their wave and each section’s own headings under it, on the copied pages', async () => {
    const outline = bookmarksOf(await PDFDocument.load(await bind(1)));
    const [, fleet, wave1, wave2] = outline;
    expect(fleet?.children.map((b) => [b.title, b.page])).toEqual([
      ['Waves', 2],
      ['Servers', 4],
    ]);
    expect(fleet?.count).toBe(-2);
    expect(wave1?.children.map((b) => b.title)).toEqual(['EXCAS01']);
    expect(wave1?.children[0]?.children.map((b) => [b.title, b.page])).toEqual([
      ['Findings', 6],
      ['Rollback', 7],
    ]);
    expect(wave2?.children.map((b) => [b.title, b.page, b.children.length])).toEqual([
      ['EXHUB01', 8, 0],
      ['EXMBX01', 10, 0],
    ]);
    // Waves open (their servers visible), servers and the fleet plan closed.
    expect(wave1?.count).toBe(1);
    expect(wave2?.count).toBe(2);
    expect(wave1?.children[0]?.count).toBe(-2);
  });

  it('needs no blank back behind an even-length cover', async () => {
    const binder = await PDFDocument.load(await bind(2));
    expect(binder.getPageCount()).toBe(2 + 4 + 2 + 2 + 6);
    expect(bookmarksOf(binder).map((b) => b.page)).toEqual([0, 2, 6, 8]);
  });

  it('writes the metadata it is given and the same bytes every time', async () => {
    const first = await bind(1);
    expect(Buffer.from(await bind(1)).equals(Buffer.from(first))).toBe(true);
    const binder = await PDFDocument.load(first, { updateMetadata: false });
    expect(binder.getTitle()).toBe('Runbook binder');
    expect(binder.getCreator()).toBe('exrunbook 0.1.0');
    expect(binder.getCreationDate()?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(binder.catalog.lookup(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
  });

  it('names the section it cannot read', async () => {
    const broken: BinderSection = { pdf: new TextEncoder().encode('not a pdf'), file: 'servers/EXBAD01.pdf', title: 'EXBAD01' };
    await expect(loadBinderSections([broken])).rejects.toMatchObject({ code: 'binder-failed', message: expect.stringContaining('servers/EXBAD01.pdf') as unknown });
  });
});
