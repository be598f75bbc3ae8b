import type { Lang, MessageKey } from '../i18n/messages.js';
import { CATALOGUES } from '../i18n/messages.js';
import { formatData, formatMessage } from '../i18n/format-message.js';
import type { FindingData, Rule } from '../rules/define-rule.js';
import { RUNNER_RULE_ID, type ResolvedFinding } from '../rules/run-rules.js';
import type { Diagnostic } from '../ingest/diagnostic.js';

/** What every renderer needs besides the plan: language, strings, tool identity and the run's options. */
export interface RenderContext {
  readonly lang: Lang;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly tool: { readonly name: string; readonly version: string };
  readonly catalogSha256: string;
  /** The generation date printed on pages (YYYY-MM-DD), injected: never read from the clock here. */
  readonly generatedOn: string;
  readonly ticket: string;
  readonly window: string;
}

export function t(context: Pick<RenderContext, 'lang'>, key: MessageKey, data: FindingData = {}): string {
  return formatMessage(CATALOGUES[context.lang][key], data, context.lang);
}

/**
 * A finding in the page's language. `escapeValue` is applied to each value the message inserts (text and
 * name lists; counts stay numbers for the plurals), never to the rule's own words: ticket.md passes the
 * Markdown escaper, so inventory text is literal while the sentence around it reads as written.
 */
export function findingMessage(context: RenderContext, finding: ResolvedFinding, escapeValue?: (text: string) => string): string {
  const data = escapeValue ? escapeValues(finding.data, context.lang, escapeValue) : finding.data;
  if (finding.rule === RUNNER_RULE_ID) return t(context, finding.messageId === 'dataGap' ? 'runner.dataGap' : 'runner.ruleError', data);
  const rule = context.rules.get(finding.rule);
  const message = rule?.meta.messages[finding.messageId];
  if (!message) throw new Error(`rule ${finding.rule} has no message ${finding.messageId}`);
  return formatMessage(message[context.lang], data, context.lang);
}

function escapeValues(data: FindingData, lang: Lang, escapeValue: (text: string) => string): FindingData {
  const formatted = formatData(data, lang);
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'number' ? value : escapeValue(formatted[key] ?? '')]));
}

export function diagnosticMessage(context: Pick<RenderContext, 'lang'>, diagnostic: Diagnostic): { message: string; hint: string } {
  const key = `diag.${diagnostic.code}` as MessageKey;
  const hintKey = `diag.${diagnostic.code}.hint` as MessageKey;
  const catalogue = CATALOGUES[context.lang];
  const template = catalogue[key] as string | undefined;
  const hint = catalogue[hintKey] as string | undefined;
  if (template === undefined || hint === undefined) throw new Error(`no message for diagnostic code ${diagnostic.code}`);
  // A `shape` names what a file looks like by a message key of its own (`fileShape.csv`), read in the page's language.
  const shape = diagnostic.data['shape'];
  const data = typeof shape === 'string' ? { ...diagnostic.data, shape: catalogue[`fileShape.${shape}` as MessageKey] } : diagnostic.data;
  return { message: formatMessage(template, data, context.lang), hint: formatMessage(hint, data, context.lang) };
}
