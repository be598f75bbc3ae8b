/**
 * Inventory text as Markdown that means exactly that text: every ASCII punctuation character that
 * Markdown or GFM gives a meaning is backslash-escaped (CommonMark allows it for all punctuation), so
 * `*`, `_`, `[x](javascript:…)`, `<script>`, `&amp;`, backticks, `|` in a table cell, `#` or `-` at a line
 * start, `1.`, a bare URL or e-mail address stay literal text; `, ; " ' % $ = ?` mean nothing and stay
 * as they are, for a ticket that is pasted unrendered. Line breaks and other control characters become
 * spaces, so a value stays on its line or table row.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/[!#&()*+\-./:<>@[\\\]^_`{|}~]/g, (c) => `\\${c}`);
}
