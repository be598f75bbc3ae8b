import { ExrunbookError } from '../errors.js';
import type { Lang } from './messages.js';
import { formatNameList, isNameList, type NameList } from './name-list.js';

export type MessageValue = string | number | NameList;
export type MessageData = Readonly<Record<string, MessageValue>>;

/**
 * Fills `{name}` placeholders. A placeholder without a value is a bug in the caller, never a blank on
 * an operator's page, so it throws.
 */
export function formatMessage(template: string, data: MessageData, lang: Lang): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new ExrunbookError('message-data-missing', 'internal', `Message placeholder {${name}} has no value in: ${template}`);
    return formatValue(value, lang);
  });
}

export function formatValue(value: MessageValue, lang: Lang): string {
  return isNameList(value) ? formatNameList(value, lang) : String(value);
}

/** The same data with every value as the text it prints as (for Handlebars step texts). */
export function formatData(data: MessageData, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) out[key] = formatValue(value, lang);
  return out;
}

/** The distinct placeholder names of a message, sorted (a translation may repeat one). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? ''))].sort();
}
