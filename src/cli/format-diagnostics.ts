import type { Diagnostic } from '../ingest/diagnostic.js';
import type { Lang } from '../i18n/messages.js';
import { diagnosticMessage, t } from '../render/render-context.js';

/**
 * Inventory text (file and server names, values) reaches the terminal: control and bidi-format
 * characters are shown as `\uXXXX`, so a name cannot forge lines or recolour the screen.
 */
function visible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** Diagnostics for people (one line each: severity, file:line, message, fix) or as JSON. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], lang: Lang, json: boolean): string {
  const context = { lang };
  if (json) {
    return JSON.stringify(diagnostics.map((d) => ({ severity: d.severity, code: d.code, file: d.file, line: d.line ?? null, ...diagnosticMessage(context, d) })), null, 2) + '\n';
  }
  return diagnostics
    .map((d) => {
      const { message, hint } = diagnosticMessage(context, d);
      const location = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}` : ''}` : t(context, 'cli.inventoryLocation');
      const line = t(context, 'cli.diagnosticLine', { severity: t(context, `severity.${d.severity}`), location, message, hint });
      return `${visible(line)} [${d.code}]\n`;
    })
    .join('');
}

/** `14 files read: 1 error, 2 warnings, 0 notes.` — the last line of `exrunbook check`. */
export function formatDiagnosticSummary(diagnostics: readonly Diagnostic[], files: number, lang: Lang): string {
  const count = (severity: Diagnostic['severity']): number => diagnostics.filter((d) => d.severity === severity).length;
  return `${t({ lang }, 'cli.check.result', { files, errors: count('error'), warnings: count('warning'), infos: count('info') })}\n`;
}
