import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, ParseSpeeds, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { ExrunbookError } from '../../errors.js';
import { localizedError } from '../../i18n/localized-error.js';
import type { SectionPlacement } from './binder-cover.js';

/**
 * The binder is bound from PDFs already printed: the fleet plan and every runbook exactly as they
 * are in the output folder (each with its own header, so every page names its server, and its own
 * "page X of Y"), behind a cover printed for it. Nothing is printed twice, and an incremental run
 * binds the PDFs it reused. Each section starts on a right-hand page (a blank back is added after
 * a section with an odd page count), every page after the cover gets a binder page number at the
 * bottom centre, and the bookmarks are cover → fleet plan → wave → server → the runbook's headings.
 */

export interface BinderSection {
  readonly pdf: Uint8Array;
  /** The section's output path, named in errors. */
  readonly file: string;
  /** Its bookmark. */
  readonly title: string;
  /** The bookmark it hangs under (a wave); consecutive sections with the same group share it. */
  readonly group?: string | undefined;
}

export interface LoadedSection extends BinderSection {
  readonly document: PDFDocument;
  readonly pages: number;
}

export interface BinderMetadata {
  readonly title: string;
  readonly lang: string;
  /** YYYY-MM-DD: creation and modification date, so the same inputs bind to the same bytes. */
  readonly date: string;
  readonly creator: string;
  readonly producer: string;
}

export interface BoundBinder {
  readonly bytes: Uint8Array;
  readonly pages: number;
  /** Blank backs added so that sections start on right-hand pages. */
  readonly blanks: number;
}

export async function loadBinderSections(sections: readonly BinderSection[]): Promise<LoadedSection[]> {
  return Promise.all(
    sections.map(async (section) => {
      const document = await loadPdf(section.pdf, section.file);
      return { ...section, document, pages: document.getPageCount() };
    }),
  );
}

/**
 * Binder page numbers: 1 is the fleet plan's first page (the cover is front matter and unnumbered);
 * every section is padded to an even length, so each starts on an odd number, a right-hand page.
 */
export function placeSections(pageCounts: readonly number[]): SectionPlacement[] {
  let next = 1;
  return pageCounts.map((pages) => {
    const placement = { start: next, pages };
    next += pages + (pages % 2);
    return placement;
  });
}

/**
 * `cover` is the printed cover document whose last page is the blank back; `coverTitle` its bookmark.
 */
export async function assembleBinder(
  cover: Uint8Array,
  coverTitle: string,
  sections: readonly LoadedSection[],
  metadata: BinderMetadata,
): Promise<BoundBinder> {
  const coverDocument = await loadPdf(cover, 'binder cover');
  const coverPages = coverDocument.getPageCount() - 1;
  if (coverPages < 1) throw new ExrunbookError('binder-failed', 'internal', 'The binder cover printed without its blank back page.');
  const binder = await PDFDocument.create({ updateMetadata: false });

  // One copy operation for the cover and every blank back, so the backs share one content stream.
  const blanksNeeded = (coverPages % 2) + sections.filter((section) => section.pages % 2 === 1).length;
  const coverCopies = await binder.copyPages(coverDocument, [...Array.from({ length: coverPages }, (_, index) => index), ...Array.from({ length: blanksNeeded }, () => coverPages)]);
  const blanks = coverCopies.slice(coverPages);
  const addBlank = (): PDFPage => {
    const blank = blanks.shift();
    if (blank === undefined) throw new ExrunbookError('binder-failed', 'internal', 'The binder ran out of blank pages.');
    return binder.addPage(blank);
  };
  for (const page of coverCopies.slice(0, coverPages)) binder.addPage(page);
  if (coverPages % 2 === 1) addBlank();

  const font = await binder.embedFont(StandardFonts.Helvetica);
  let pageNumber = 0;
  const numbered = (page: PDFPage): void => {
    pageNumber++;
    stampPageNumber(page, font, pageNumber);
  };

  const firstCoverPage = coverCopies[0];
  if (firstCoverPage === undefined) throw new ExrunbookError('binder-failed', 'internal', 'The binder cover has no pages.');
  const outline: OutlineNode[] = [{ title: coverTitle, dest: fitPage(binder, firstCoverPage.ref), open: false, children: [] }];
  let currentGroup: { name: string; node: OutlineNode } | undefined;
  for (const section of sections) {
    const copies = await binder.copyPages(section.document, section.document.getPageIndices());
    for (const page of copies) numbered(binder.addPage(page));
    if (copies.length % 2 === 1) numbered(addBlank());
    const first = copies[0];
    if (first === undefined) throw localizedError('binder-failed', 'browser', 'error.binder.noPages', { file: section.file });
    const node: OutlineNode = { title: section.title, dest: fitPage(binder, first.ref), open: false, children: sectionOutline(binder, section.document, copies) };
    if (section.group === undefined) {
      currentGroup = undefined;
      outline.push(node);
    } else if (currentGroup?.name === section.group) {
      currentGroup.node.children.push(node);
    } else {
      currentGroup = { name: section.group, node: { title: section.group, dest: node.dest, open: true, children: [node] } };
      outline.push(currentGroup.node);
    }
  }
  writeOutline(binder, outline);

  const date = new Date(`${metadata.date}T00:00:00Z`);
  binder.setTitle(metadata.title, { showInWindowTitleBar: true });
  binder.setLanguage(metadata.lang);
  binder.setCreator(metadata.creator);
  binder.setProducer(metadata.producer);
  if (!Number.isNaN(date.getTime())) {
    binder.setCreationDate(date);
    binder.setModificationDate(date);
  }
  const bytes = await binder.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, pages: binder.getPageCount(), blanks: blanksNeeded };
}

async function loadPdf(bytes: Uint8Array, file: string): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw localizedError('binder-failed', 'browser', 'error.binder.unreadable', { file, reason }, { cause: error, hint: 'error.binder.noPages.hint' });
  }
}

/** `– 12 –` at the bottom centre, in the footer's line, in a standard font (digits only). */
function stampPageNumber(page: PDFPage, font: PDFFont, pageNumber: number): void {
  const text = `\u2013 ${pageNumber} \u2013`;
  const size = 8;
  // On the baseline of Chromium's footer line (8 pt, measured with pdftotext -bbox).
  page.drawText(text, { x: (page.getWidth() - font.widthOfTextAtSize(text, size)) / 2, y: 17.7, size, font, color: rgb(0.2, 0.2, 0.2) });
}

interface OutlineNode {
  readonly title: string;
  readonly dest: PDFArray;
  readonly open: boolean;
  readonly children: OutlineNode[];
}

const TITLE = PDFName.of('Title');
const FIRST = PDFName.of('First');
const NEXT = PDFName.of('Next');
const DEST = PDFName.of('Dest');
const ACTION = PDFName.of('A');
const ACTION_DEST = PDFName.of('D');
const MAX_OUTLINE_DEPTH = 8;
const MAX_OUTLINE_ITEMS = 10_000;

function fitPage(binder: PDFDocument, page: PDFRef): PDFArray {
  return binder.context.obj([page, PDFName.of('Fit')]);
}

/**
 * The section's own bookmarks (Chromium's, from its headings), pointed at the copied pages. A
 * single top item is the section's title, which the section's own bookmark already is: its
 * children are used instead. Anything unexpected gives no sub-bookmarks rather than a failure.
 */
function sectionOutline(binder: PDFDocument, source: PDFDocument, copies: readonly PDFPage[]): OutlineNode[] {
  const pageIndex = new Map(source.getPages().map((page, index) => [page.ref.toString(), index]));
  const destOf = (item: PDFDict): PDFArray | undefined => {
    const dest = item.lookupMaybe(DEST, PDFArray) ?? item.lookupMaybe(ACTION, PDFDict)?.lookupMaybe(ACTION_DEST, PDFArray);
    const target = dest?.get(0);
    if (dest === undefined || !(target instanceof PDFRef)) return undefined;
    const copied = copies[pageIndex.get(target.toString()) ?? -1];
    const rest = dest.asArray().slice(1);
    if (copied === undefined || rest.some((element) => element instanceof PDFRef)) return undefined;
    return binder.context.obj([copied.ref, ...rest]);
  };
  let budget = MAX_OUTLINE_ITEMS;
  const seen = new Set<PDFDict>();
  const read = (first: PDFDict | undefined, depth: number): OutlineNode[] => {
    const nodes: OutlineNode[] = [];
    for (let item = first; item !== undefined && !seen.has(item) && budget-- > 0; item = item.lookupMaybe(NEXT, PDFDict)) {
      seen.add(item);
      const title = item.lookupMaybe(TITLE, PDFString, PDFHexString)?.decodeText();
      const dest = destOf(item);
      const children = depth < MAX_OUTLINE_DEPTH ? read(item.lookupMaybe(FIRST, PDFDict), depth + 1) : [];
      if (title !== undefined && dest !== undefined) nodes.push({ title, dest, open: false, children });
    }
    return nodes;
  };
  try {
    const top = read(source.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(FIRST, PDFDict), 0);
    return top.length === 1 ? (top[0]?.children ?? []) : top;
  } catch {
    return [];
  }
}

/** The outline tree (PDF 32000-1 §12.3.3), opened in the viewer's bookmarks pane. */
function writeOutline(binder: PDFDocument, nodes: readonly OutlineNode[]): void {
  const { context } = binder;
  const root = context.nextRef();
  const writeLevel = (level: readonly OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; visible: number } | undefined => {
    const refs = level.map(() => context.nextRef());
    let visible = 0;
    level.forEach((node, index) => {
      const ref = refs[index];
      if (ref === undefined) return;
      const item = context.obj({ Title: PDFHexString.fromText(node.title), Parent: parent, Dest: node.dest });
      const previous = refs[index - 1];
      const next = refs[index + 1];
      if (previous !== undefined) item.set(PDFName.of('Prev'), previous);
      if (next !== undefined) item.set(NEXT, next);
      const children = writeLevel(node.children, ref);
      visible++;
      if (children !== undefined) {
        item.set(FIRST, children.first);
        item.set(PDFName.of('Last'), children.last);
        // Positive: open, with that many visible descendants; negative: closed (§12.3.3, Table 153).
        item.set(PDFName.of('Count'), context.obj(node.open ? children.visible : -children.visible));
        if (node.open) visible += children.visible;
      }
      context.assign(ref, item);
    });
    const first = refs[0];
    const last = refs[refs.length - 1];
    return first === undefined || last === undefined ? undefined : { first, last, visible };
  };
  const top = writeLevel(nodes, root);
  if (top === undefined) return;
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.visible }));
  binder.catalog.set(PDFName.of('Outlines'), root);
  binder.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
