import type { Diagnostic } from '../ingest/diagnostic.js';
import type { Lang } from '../i18n/messages.js';
import { diagnosticMessage, t } from '../render/render-context.js';

/** Diagnostics for people (one line each: severity, file:line, message, fix) or as JSON. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], lang: Lang, json: boolean): string {
  const context = { lang };
  if (json) {
    return JSON.stringify(diagnostics.map((d) => ({ severity: d.severity, code: d.code, file: d.file, line: d.line ?? null, ...diagnosticMessage(context, d) })), null, 2) + '\n';
  }
  return diagnostics
    .map((d) => {
      const { message, hint } = diagnosticMessage(context, d);
      const location = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}` : ''}` : '(inventory)';
      return t(context, 'cli.diagnosticLine', { severity: t(context, `severity.${d.severity}`), location, message, hint }) + ` [${d.code}]\n`;
    })
    .join('');
}
