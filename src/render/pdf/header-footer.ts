import type { PdfJob } from './print-pdfs.js';

/**
 * Chromium draws these in the page margins, in their own document with a tiny default font: the
 * size is set explicitly, and a Latin font comes before the CJK one because letting Noto Sans CJK
 * draw Latin text made printing 2.6x slower (perf-lab, Fonts).
 */
const TEMPLATE_STYLE = `<style>
.exrunbook-hf { box-sizing: border-box; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;
  gap: 6mm; font-family: "DejaVu Sans", "Noto Sans CJK JP", "Meiryo", "Yu Gothic", sans-serif; font-size: 8pt;
  line-height: 1.2; color: #333; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.exrunbook-hf span.side { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
</style>`;

type HeaderFooterFields = Pick<PdfJob, 'headerLeft' | 'headerRight' | 'footerLeft' | 'lang'>;

export function headerTemplate(job: HeaderFooterFields): string {
  return layout(job.lang, escapeHtml(job.headerLeft), escapeHtml(job.headerRight));
}

export function footerTemplate(job: HeaderFooterFields): string {
  // Chromium fills these two classes with the current page and the page count.
  const page = '<span class="pageNumber"></span>';
  const pages = '<span class="totalPages"></span>';
  const pageOf = job.lang === 'ja' ? `${page} / ${pages} ページ` : `Page ${page} of ${pages}`;
  return layout(job.lang, escapeHtml(job.footerLeft), pageOf);
}

function layout(lang: 'ja' | 'en', left: string, right: string): string {
  return `${TEMPLATE_STYLE}<div class="exrunbook-hf" lang="${lang}"><span class="side">${left}</span><span class="side">${right}</span></div>`;
}

/** Header and footer strings come from inventory data (server names, tickets). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
