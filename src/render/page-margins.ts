import type { Lang } from '../i18n/messages.js';
import type { RenderContext } from './render-context.js';

/** What every printed page of a document carries in its margins, besides "page X of Y". */
export interface PageMarginText {
  /** Header, left: the server name (inventory data), or the tool's name on the fleet plan. */
  readonly headerLeft: string;
  /** Header, right: the change ticket. */
  readonly headerRight: string;
  /** Footer, left: the generation date. */
  readonly footerLeft: string;
  readonly lang: Lang;
}

export function pageMarginText(context: Pick<RenderContext, 'lang' | 'tool' | 'ticket' | 'generatedOn'>, server: string | null): PageMarginText {
  return { headerLeft: server ?? context.tool.name, headerRight: context.ticket, footerLeft: context.generatedOn, lang: context.lang };
}

/**
 * The page margins as CSS margin boxes (`@page { @top-left { content: … } }`), in the document
 * itself: a browser's own Print gets them as the PDFs do, and Chromium draws them faster than it
 * draws puppeteer's header and footer templates (BENCHMARKS.md). Their font and size are in
 * runbook.css. Browsers without margin boxes (Chromium before 131) ignore the rules; the PDF printer
 * then uses the templates (print-pdfs).
 */
export function pageMarginCss(text: PageMarginText): string {
  const pageOf =
    text.lang === 'ja' ? `counter(page) ${cssString(' / ')} counter(pages) ${cssString(' ページ')}` : `${cssString('Page ')} counter(page) ${cssString(' of ')} counter(pages)`;
  return [
    '@page {',
    `  @top-left { content: ${cssString(text.headerLeft)}; }`,
    `  @top-right { content: ${cssString(text.headerRight)}; }`,
    `  @bottom-left { content: ${cssString(text.footerLeft)}; }`,
    `  @bottom-right { content: ${pageOf}; }`,
    '}',
  ].join('\n');
}

/**
 * A CSS string literal that is safe inside an HTML `<style>` element: every character but letters,
 * digits and `.-_:/` as a six-digit CSS escape, so no quote, backslash, `<` or line break of
 * inventory text can end the string, the rule or the element. Spaces too: CSS reads one white space
 * after an escape as part of it (CSS Syntax §4.3.7), so `"\000022 b"` would lose its space.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const character of text) {
    out += /^[A-Za-z0-9.\-_:/]$/.test(character) ? character : `\\${(character.codePointAt(0) ?? 0).toString(16).padStart(6, '0')}`;
  }
  return `${out}"`;
}
