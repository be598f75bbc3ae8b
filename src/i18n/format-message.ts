import { ExrunbookError } from '../errors.js';

/**
 * Fills `{name}` placeholders. A placeholder without a value is a bug in the caller, never a blank on
 * an operator's page, so it throws.
 */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new ExrunbookError('message-data-missing', 'internal', `Message placeholder {${name}} has no value in: ${template}`);
    return String(value);
  });
}

/** The distinct placeholder names of a message, sorted (a translation may repeat one). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? ''))].sort();
}
